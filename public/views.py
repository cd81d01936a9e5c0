"""The public site: boards and their members, the calendar of meetings, each published meeting with its agenda,
its public items' reports (each a page and a PDF, the pages of the frozen pack) and every version of its public
pack; iCalendar feeds; e-mail subscriptions. No sign-in. What is not published, and every exempt item's report,
answers 404 (public.permissions). Pages are cached by the publication they show (public.caching)."""

import json
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

import meetings.selectors
from commissioning import formatting
from commissioning.clientip import client_ip
from commissioning.editing import attempt
from commissioning.permissions import require
from meetings.models import Pack, PackPart
from meetings.publication import item_file, item_pages
from members.models import Board

from . import caching, calendars, permissions, selectors, services, throttle
from .forms import BoardsForm, SubscribeForm
from .models import Subscription

public = login_not_required  # every page here is open to all


def _json_ld(data) -> str:
    """schema.org markup, escaped for a <script> element as Django's json_script does."""
    text = json.dumps(data, ensure_ascii=False)
    return mark_safe(text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026"))  # noqa: S308


def event_of(meeting) -> dict:
    """A meeting as a schema.org Event."""
    page = settings.SITE_URL + reverse("public:meeting", args=[meeting.pk])
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": f"{meeting.board}: meeting",
        "startDate": timezone.localtime(meeting.starts_at).isoformat(),
        "endDate": timezone.localtime(meeting.starts_at + calendars.MEETING_LENGTH).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": meeting.venue, "address": meeting.venue},
        "organizer": {"@type": "GovernmentOrganization", "name": settings.COUNCIL_NAME},
        "url": page,
        "isAccessibleForFree": True,
    }


def _published(pk):
    """The published meeting `pk`, or 404 alike for one that does not exist and one not yet published."""
    meeting = selectors.meeting(pk)
    if meeting is None or not permissions.can_read_meeting(None, meeting):
        raise Http404("No such meeting, or its agenda is not published yet.")
    return meeting


def _pack_of(publication) -> Pack | None:
    if publication is None or publication.build_id is None:
        return None
    return Pack.objects.filter(build_id=publication.build_id, part=PackPart.PUBLIC).first()


# Lists --------------------------------------------------------------------------------------------------------


@public
@require_GET
def index(request):
    html = caching.fragment(
        f"index:{selectors.version_stamp()}",
        "public/_index.html",
        lambda: {"boards": selectors.boards(), "upcoming": selectors.upcoming(limit=10)},
    )
    return render(request, "public/page.html", {"title": "Council meetings", "content": html})


@public
@require_GET
def board(request, pk):
    found = get_object_or_404(selectors.boards(), pk=pk)

    def context():
        upcoming = list(selectors.upcoming(found))
        return {
            "board": found,
            "members": selectors.members_of(found),
            "upcoming": upcoming,
            "past": selectors.past(found, limit=24),
            "events": _json_ld([event_of(m) for m in upcoming]),
        }

    html = caching.fragment(f"board:{pk}:{selectors.version_stamp()}", "public/_board.html", context)
    return render(request, "public/page.html", {"title": str(found), "content": html})


def _month_asked(value: str) -> date:
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1)
    except (ValueError, TypeError):
        return timezone.localdate().replace(day=1)


@public
@require_GET
def meeting_list(request):
    """The calendar: upcoming and past meetings as a list, or a month at a time (?view=month&month=2026-12)."""
    if request.GET.get("view") == "month":
        first = _month_asked(request.GET.get("month", ""))
        earlier = (first.replace(day=1) - timezone.timedelta(days=1)).replace(day=1)
        later = (first.replace(day=28) + timezone.timedelta(days=4)).replace(day=1)

        def context():
            return {
                "first": first,
                "weeks": selectors.month(first.year, first.month),
                "earlier": earlier,
                "later": later,
                "weekdays": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
            }

        key = f"month:{first:%Y-%m}:{selectors.version_stamp()}"
        html = caching.fragment(key, "public/_month.html", context)
        return render(
            request, "public/page.html", {"title": f"Meetings in {formatting.month(first)}", "content": html}
        )
    html = caching.fragment(
        f"list:{selectors.version_stamp()}",
        "public/_meetings.html",
        lambda: {
            "upcoming": selectors.upcoming(),
            "past": selectors.past(limit=50),
            "today": timezone.localdate(),
        },
    )
    return render(request, "public/page.html", {"title": "Meetings", "content": html})


# A meeting ----------------------------------------------------------------------------------------------------


@public
@require_GET
def meeting(request, pk):
    found = _published(pk)
    latest = meetings.selectors.latest_publication(found)
    pack = _pack_of(latest)
    minutes = meetings.selectors.approved_minutes(found)

    def context():
        versions = meetings.selectors.publications_of(found)
        pages = item_pages(pack) if pack else {}
        entries = [{**entry, "pages": pages.get(entry["id"])} for entry in latest.snapshot["items"]]
        return {
            "meeting": found,
            "latest": latest,
            "pack": pack,
            "entries": entries,
            "versions": versions,
            "late": [v for v in versions if v.urgency_reasons],
            "event": _json_ld(event_of(found)),
            "minutes": minutes,
        }

    approved = f"{minutes.version}:{minutes.sha256}" if minutes else "none"
    key = f"meeting:{found.pk}:v{latest.version}:{latest.sha256}:{pack.pk if pack else 0}:minutes:{approved}"
    html = caching.fragment(key, "public/_meeting.html", context)
    return render(request, "public/page.html", {"title": str(found), "content": html})


def _item(pk, item_pk):
    found = _published(pk)
    latest = meetings.selectors.latest_publication(found)
    entry = meetings.selectors.published_item(latest, item_pk)
    if not permissions.can_read_item(None, entry):
        raise Http404("No such item, or it is exempt from publication.")
    return found, latest, entry


@public
@require_GET
def item(request, pk, item_pk):
    found, latest, entry = _item(pk, item_pk)
    pack = _pack_of(latest)

    def context():
        return {
            "meeting": found,
            "latest": latest,
            "entry": entry,
            "body": mark_safe(entry.get("body", "")),  # noqa: S308 - rendered by our templates at publication
            "pack": pack,
            "pages": item_pages(pack).get(entry["id"]) if pack else None,
        }

    key = f"item:{found.pk}:{item_pk}:v{latest.version}:{latest.sha256}:{pack.pk if pack else 0}"
    html = caching.fragment(key, "public/_item.html", context)
    return render(request, "public/page.html", {"title": f"{entry['title']} – {found}", "content": html})


def _pdf(content: bytes, filename: str, sha256: str = "") -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = f"public, max-age={settings.PUBLIC_CACHE_SECONDS}"
    if sha256:
        response["X-Content-SHA256"] = sha256
    return response


@public
@require_GET
def item_pdf(request, pk, item_pk):
    """A public item's report as its own PDF: its pages of the latest public pack, numbered as there."""
    found, latest, entry = _item(pk, item_pk)
    pack = _pack_of(latest)
    content = item_file(pack, entry["id"]) if pack else None
    if content is None:
        raise Http404("The public pack is still being built.")
    return _pdf(content, f"{pack.filename.removesuffix('.pdf')}-item-{entry['position']}.pdf")


@public
@require_GET
def pack(request, pk, version):
    """The public pack of one published version, as frozen (never the confidential pack)."""
    found = _published(pk)
    publication = found.publications.filter(version=version).first()
    built = _pack_of(publication)
    if built is None:
        raise Http404("No such version, or its pack is still being built.")
    response = FileResponse(built.file.open("rb"), filename=built.filename, content_type="application/pdf")
    response["Cache-Control"] = f"public, max-age={settings.PUBLIC_CACHE_SECONDS}, immutable"
    response["X-Content-SHA256"] = built.sha256
    return response


# Calendars ----------------------------------------------------------------------------------------------------


def _ics(meetings, name: str, filename: str) -> HttpResponse:
    response = HttpResponse(calendars.feed(meetings, name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=900"
    return response


@public
@require_GET
def meetings_ics(request):
    return _ics(
        selectors.published().order_by("starts_at"), f"{settings.COUNCIL_NAME}: meetings", "meetings.ics"
    )


@public
@require_GET
def board_ics(request, pk):
    found = get_object_or_404(Board, pk=pk)
    return _ics(
        selectors.published(found).order_by("starts_at"), f"{found}: meetings", f"board-{found.pk}.ics"
    )


# Decisions and the forward plan (what exists today) -------------------------------------------------------------


@public
@require_GET
def decisions(request):
    return render(request, "public/decisions.html", {"decisions": selectors.decisions()})


@public
@require_GET
def forward_plan(request):
    return render(
        request,
        "public/forward_plan.html",
        {"entries": selectors.forward_plan(), "key_decisions": selectors.key_decisions()},
    )


# Subscriptions ------------------------------------------------------------------------------------------------


@public
@require_http_methods(["GET", "POST"])
def subscribe(request, pk):
    """Subscribe by e-mail to a board's publications: a confirmation link is sent (double opt-in)."""
    found = get_object_or_404(Board, pk=pk)
    form = SubscribeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid() and not throttle.allow(
            address=client_ip(request), email=form.cleaned_data["email"]
        ):
            form.add_error("email", "Too many requests to subscribe: try again in an hour")
            status = 429
        else:
            saving = attempt(
                form,
                lambda seen: services.request_subscription(
                    board=found,
                    email=form.cleaned_data["email"],
                    acting_user=request.user if request.user.is_authenticated else None,
                ),
            )
            if saving.done:
                return render(
                    request, "public/subscribe_sent.html", {"board": found, "email": saving.result.email}
                )
            status = 400
    return render(request, "public/subscribe.html", {"board": found, "form": form}, status=status)


@public
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The link in the confirmation e-mail: a button, so a mail scanner opening links confirms nothing."""
    subscription = services.subscription_to_confirm(token)
    if subscription is None:
        return render(
            request, "public/link_expired.html", {"days": settings.SUBSCRIBE_CONFIRM_DAYS}, status=404
        )
    if request.method == "POST":
        services.confirm_subscription(subscription=subscription)
        messages.success(request, f"You are subscribed to {subscription.board}.")
        return redirect("public:board", subscription.board_id)
    return render(request, "public/confirm.html", {"subscription": subscription})


@public
@csrf_exempt  # the signed token is the proof; mail programs post here for one-click unsubscribe (RFC 8058)
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscription = services.subscription_to_end(token)
    if request.method == "POST":
        if subscription is not None:
            services.unsubscribe(subscription=subscription)
        return render(request, "public/unsubscribed.html", {"subscription": subscription})
    if subscription is None:
        return render(request, "public/unsubscribed.html", {"subscription": None})
    return render(request, "public/unsubscribe.html", {"subscription": subscription, "token": token})


@require_http_methods(["GET", "POST"])
def my_subscriptions(request):
    """A signed-in person's boards, e-mailed to their account's address."""
    require(permissions.can_manage_own_subscriptions(request.user))
    chosen = Board.objects.filter(
        subscriptions__email=request.user.email, subscriptions__confirmed_at__isnull=False
    )
    form = BoardsForm(
        request.POST if request.method == "POST" else None,
        initial={"boards": list(chosen)} if request.user.email else None,
    )
    status = 200
    if request.method == "POST":
        saving = attempt(
            form,
            lambda seen: services.choose_boards(boards=form.cleaned_data["boards"], acting_user=request.user),
        )
        if saving.done:
            messages.success(request, "Your subscriptions are saved.")
            return redirect("public:my-subscriptions")
        status = 400
    return render(
        request,
        "public/my_subscriptions.html",
        {"form": form, "count": Subscription.objects.filter(email=request.user.email).count()},
        status=status,
    )
