from django.conf import settings

from . import outbox
from .middleware import session_expiry


def app(request):
    context = {
        "APP_NAME": settings.APP_NAME,
        "COUNCIL_NAME": settings.COUNCIL_NAME,
        "session_idle_minutes": int(settings.SESSION_IDLE_TIMEOUT.total_seconds() // 60),
        "session_absolute_hours": int(settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds() // 3600),
        "session_warning_minutes": int(settings.SESSION_WARNING_BEFORE.total_seconds() // 60),
        # This process found the job queue down after a write (commissioning.outbox): say what waits.
        "side_effects_delayed": outbox.broker_recently_down(),
    }
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        ends_at, _ = session_expiry(request.session)
        context["session_ends_at"] = ends_at  # seconds, not rounded: the page must not sign out early
        context["session_warning_seconds"] = int(settings.SESSION_WARNING_BEFORE.total_seconds())
    return context
