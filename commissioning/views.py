import time

from allauth.account.views import LoginView
from allauth.mfa import app_settings
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError, connection
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import outbox, search, sso, worklist
from .forms import LoginForm, SearchForm
from .middleware import LAST_SEEN, session_expiry
from .models import Notice

DASHBOARD_TASKS = 10  # the dashboard leads with this many; the tasks page lists them all


def tasks_context(user, limit=None) -> dict:
    """For the "Your tasks" list (tasks/_list.html): the dashboard's first few, or all of them."""
    found = worklist.listing(user, limit=limit)
    return {
        "tasks": found.tasks,
        "total": found.total,
        "more": bool(limit) and found.total > limit,
        "task_kinds": found.kinds,  # how many of each kind, of them all
    }


@require_GET
def tasks(request):
    return render(request, "tasks/tasks.html", tasks_context(request.user))


NOTICES_PAGE = 25


@require_GET
def notice_list(request):
    """The in-app notifications, newest first; unread ones marked."""
    from django.core.paginator import Paginator

    notices = Notice.objects.filter(user=request.user).select_related("notification")
    page = Paginator(notices, NOTICES_PAGE).get_page(request.GET.get("page"))
    unread = Notice.objects.filter(user=request.user, read_at__isnull=True).count()
    return render(request, "notifications/list.html", {"page": page, "unread": unread})


@require_GET
def notice_count(request):
    """The header link's words with the unread count (fetched by HTMX after the page, so no page pays a
    query for it)."""
    unread = Notice.objects.filter(user=request.user, read_at__isnull=True).count()
    return render(request, "notifications/_count.html", {"unread": unread})


@require_POST
def notice_read(request):
    """Mark one notice (`notice`) or all of them read; then go to the notice's page, or back to the list."""
    from . import services

    wanted = request.POST.get("notice", "")
    if wanted.isdigit():
        notice = get_object_or_404(Notice, pk=int(wanted), user=request.user)
        services.mark_read(acting_user=request.user, notice_ids=[notice.pk])
        if request.POST.get("open") and notice.url.startswith("/"):
            return redirect(notice.url)
    else:
        services.mark_read(acting_user=request.user)
        messages.success(request, "All your notifications are marked as read.")
    return redirect("notifications")


def notice_settings(request):
    """How each kind of notification is e-mailed to this person."""
    from django.core.exceptions import ValidationError

    from . import services
    from .forms import NotificationPreferencesForm

    form = NotificationPreferencesForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_notification_preferences(acting_user=request.user, choices=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your e-mail choices are saved.")
            return redirect("notification-settings")
    return render(request, "notifications/settings.html", {"form": form}, status=400 if form.errors else 200)


@require_GET
def search_page(request):
    """/search/?q=: everything the user may open, grouped by kind, with filters (commissioning.search)."""
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        results = search.search(request.user, form.cleaned_data["q"], **form.arguments())
    return render(
        request,
        "search/results.html",
        {"form": form, "results": results},
        status=400 if form.errors else 200,
    )


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """For load balancers and orchestrators, in JSON: the database and the job queue, each with its state.
    503 only when the database is down (a web process that cannot reach it is of no use); with the queue
    down it is still 200, since the pages work and the outbox keeps e-mails and jobs until it is back."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = {"ok": True}
    except DatabaseError as error:
        checks["database"] = {"ok": False, "error": str(error)[:200]}
    broker_ok, detail = outbox.broker_state()
    checks["broker"] = {"ok": broker_ok} if broker_ok else {"ok": False, "error": detail[:200]}
    status = 200 if checks["database"]["ok"] else 503
    return JsonResponse({"status": "ok" if status == 200 else "unavailable", **checks}, status=status)


@require_GET
def guidance(request):
    """How the commissioning cycle works, for a new commissioner or councillor: signed in, as every page
    of the service is (the words are the domain's: shared/DOMAIN.md and the minimum requirements)."""
    return render(request, "guidance.html")


@login_not_required
@require_GET
def accessibility(request):
    """The accessibility statement, open to every visitor (GOV.UK's model statement; the 2018 Regulations)."""
    northern_ireland = settings.ACCESSIBILITY_NATION == "northern-ireland"
    return render(
        request,
        "accessibility.html",
        {
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
            "contact_phone": settings.ACCESSIBILITY_CONTACT_PHONE,
            "response_days": settings.ACCESSIBILITY_RESPONSE_DAYS,
            "enforcer": (
                ("Equality Commission for Northern Ireland (ECNI)", "https://www.equalityni.org/Home")
                if northern_ireland
                else ("Equality and Human Rights Commission (EHRC)", "https://www.equalityhumanrights.com/")
            ),
            "advice": (
                ("Equality Advisory and Support Service (EASS)", "https://www.equalityadvisoryservice.com/")
                if not northern_ireland
                else ("Equality Commission for Northern Ireland", "https://www.equalityni.org/Home")
            ),
            "prepared": settings.ACCESSIBILITY_STATEMENT_PREPARED,
            "last_tested": settings.ACCESSIBILITY_LAST_TESTED,
        },
    )


def _session_state(request):
    ends_at, extendable = session_expiry(request.session)
    return JsonResponse({"ends_at": ends_at, "now": time.time(), "extendable": extendable})


@never_cache
@require_GET
def session_status(request):
    return _session_state(request)


@never_cache
@require_POST
def session_extend(request):
    """'Stay signed in': counts as activity, so the idle clock starts again."""
    request.session[LAST_SEEN] = time.time()
    return _session_state(request)


def bad_request(request, exception=None):
    """A request Django refused before any view saw it. Too big (a form past FORM_MAX_BYTES, a file past
    EVIDENCE_MAX_BYTES): 413, with the limits and the way back to the form, whose browser history usually
    still holds what was typed. Anything else: the plain 400 page."""
    if not isinstance(exception, RequestDataTooBig):
        return render(request, "400.html", status=400)
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure()):
        back = ""
    context = {
        "back": back,
        "form_limit": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE),
        "file_limit": filesizeformat(settings.EVIDENCE_MAX_BYTES),
    }
    return render(request, "413.html", context, status=413)


def forbidden(request, exception=None):
    return render(request, "403.html", {"reason": str(exception or "")}, status=403)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


@method_decorator(login_not_required, name="dispatch")
class SignInView(LoginView):
    """The sign-in page: a button per single sign-on provider (settings.SOCIALACCOUNT_PROVIDERS), the
    username and password form unless the council has switched local passwords off, and a passkey's button
    when passkeys may sign in alone (MFA_PASSKEY_LOGIN_ENABLED)."""

    form_class = LoginForm
    template_name = "account/login.html"

    def get_context_data(self, **kwargs):
        providers = settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"]
        return super().get_context_data(
            **kwargs,
            local_passwords=settings.LOCAL_PASSWORDS,
            passkey_login=app_settings.PASSKEY_LOGIN_ENABLED,
            sso_providers=[
                {"name": app["name"], "url": reverse("openid_connect_login", args=[app["provider_id"]])}
                for app in providers
            ],
        )

    def post(self, request, *args, **kwargs):
        if not settings.LOCAL_PASSWORDS:
            return HttpResponseNotAllowed(["GET"])
        return super().post(request, *args, **kwargs)

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        # A provider's button posts here and is redirected to the provider: browsers hold that redirect to
        # the page's CSP form-action, so the providers' own addresses are allowed on this page only.
        origins = sso.origins(settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"])
        if origins:
            response._csp_update = {"form-action": origins}
        return response


@require_POST
def end_session(request, pk):
    """Sign out one of one's own other sessions (allauth.usersessions): it is signed out at its next request."""
    session = get_object_or_404(UserSession, pk=pk, user=request.user)
    if session.session_key != request.session.session_key:
        session.end()
        messages.success(request, "That session has been signed out.")
    return redirect("usersessions_list")
