"""Session limits: signed out after SESSION_IDLE_TIMEOUT without activity and SESSION_ABSOLUTE_TIMEOUT in
all. The base template warns two minutes before (static/js/session-timeout.js), as WCAG 2.2.1 asks. And
one's sessions tracked (allauth.usersessions) at most once a minute."""

import hashlib
import time
from urllib.parse import quote

from allauth.account.adapter import get_adapter
from allauth.usersessions.middleware import UserSessionsMiddleware
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

STARTED = "_auth_started"
LAST_SEEN = "_last_activity"
# Requests that must not count as activity (the page asking how long is left is not the user acting).
STATUS_PATH = "/session/status/"
# Requests that are not someone's activity: they neither extend the session nor write to it. The unread
# count is fetched by every page after it loads; were it written, a count in flight while the session's key
# changes (signing in with a passkey) would fail saving a session that no longer exists.
NOTICE_COUNT_PATH = "/notifications/count/"
PASSIVE_PATHS = (STATUS_PATH, "/accounts/login/", NOTICE_COUNT_PATH)
# The REST API (mounted here by the root URLconf): a program calling it wants a 401 it can act on, not a
# redirect to the HTML sign-in page.
API_PREFIX = "/api/"


def _restamp_after() -> float:
    """Activity is written to the session at most this often (a sixtieth of the idle limit, at most 30 s), so
    that a page after page does not write the session each time; the session then ends at most this much
    before the idle limit, never after it."""
    return min(30.0, settings.SESSION_IDLE_TIMEOUT.total_seconds() / 60)


@receiver(user_logged_in)
def _stamp_session(sender, request, user, **kwargs):
    now = time.time()
    request.session[STARTED] = now
    request.session[LAST_SEEN] = now


def session_expiry(session) -> tuple[float, bool]:
    """When this session ends (epoch seconds) and whether activity can still extend it."""
    idle_end = session.get(LAST_SEEN, 0) + settings.SESSION_IDLE_TIMEOUT.total_seconds()
    absolute_end = session.get(STARTED, 0) + settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds()
    return min(idle_end, absolute_end), idle_end < absolute_end


@receiver(user_logged_out)
def _say_signed_out(sender, request, user, **kwargs):
    if (
        request is not None
        and getattr(request, "_messages", None) is not None
        and not getattr(request, "_timed_out", False)
    ):
        messages.success(request, "You have signed out.")


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            if STARTED not in request.session:  # signed in some other way: the limits start now
                request.session[STARTED] = request.session[LAST_SEEN] = now
            ends_at, _ = session_expiry(request.session)
            if now >= ends_at and request.path == STATUS_PATH:
                # The page asking: say so, and leave signing out (and its message) to the page's next visit.
                return JsonResponse({"expired": True})
            if now >= ends_at:
                idle = (
                    now - request.session.get(LAST_SEEN, 0) >= settings.SESSION_IDLE_TIMEOUT.total_seconds()
                )
                request._timed_out = True
                logout(request)
                if request.path.startswith(API_PREFIX):
                    if request.headers.get("Authorization"):
                        return self.get_response(request)  # a personal token: it, not the session, decides
                    response = JsonResponse(
                        {"detail": "Your session has expired. Sign in again, or send a personal token."},
                        status=401,
                    )
                    response["WWW-Authenticate"] = "Bearer"
                    return response
                idle_minutes = int(settings.SESSION_IDLE_TIMEOUT.total_seconds() // 60)
                absolute_hours = int(settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds() // 3600)
                messages.info(
                    request,
                    f"You were signed out after {idle_minutes} minutes without activity."
                    if idle
                    else f"You were signed out because you had been signed in for {absolute_hours} hours.",
                )
                login_url = reverse("login")
                # Coming back to the sign-in page itself: keep where the person was going, do not nest it.
                target = request.GET.get("next", "") if request.path == login_url else request.get_full_path()
                login = f"{login_url}?next={quote(target)}" if target else login_url
                if request.headers.get("HX-Request"):
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = login
                    return response
                return redirect(login)
            if (
                request.path not in PASSIVE_PATHS
                and now - request.session.get(LAST_SEEN, 0) >= _restamp_after()
            ):
                request.session[LAST_SEEN] = now
        return self.get_response(request)


# One's sessions (allauth.usersessions) show when each was last seen, from where and in which browser.
TRACKED = "_usersession_tracked"
TRACK_EVERY_SECONDS = 60


class UserSessionActivityMiddleware(UserSessionsMiddleware):
    """allauth's tracking of one's sessions, which reads and updates the session's row on every request,
    done at most once a minute per session: at once when the session's key, address or browser changed
    (allauth then tells of the change), never for passive requests (they are not someone's activity and must
    not write the session). "Last seen" is then right to the minute, for two queries less on most pages."""

    def __call__(self, request):
        user, session = getattr(request, "user", None), getattr(request, "session", None)
        if user is None or not user.is_authenticated or session is None or not session.session_key:
            return super().__call__(request)
        if request.path in PASSIVE_PATHS:
            return self.get_response(request)
        client = hashlib.sha256(
            f"{session.session_key}|{get_adapter().get_client_ip(request)}|"
            f"{request.META.get('HTTP_USER_AGENT', '')}".encode()
        ).hexdigest()
        tracked_at, tracked_client = session.get(TRACKED, (0, ""))
        now = time.time()
        if tracked_client == client and now - tracked_at < TRACK_EVERY_SECONDS:
            return self.get_response(request)
        session[TRACKED] = (now, client)
        return super().__call__(request)
