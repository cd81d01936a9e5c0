import time

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from .middleware import LAST_SEEN, session_expiry


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """200 when the database answers, 503 otherwise (for load balancers and docker-compose)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


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


def home(request):
    from strategies.selectors import dashboard_for

    return render(request, "home.html", dashboard_for(request.user))


def forbidden(request, exception=None):
    return render(request, "403.html", {"reason": str(exception or "")}, status=403)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
