from django.conf import settings

from .middleware import session_expiry


def app(request):
    context = {"APP_NAME": settings.APP_NAME, "COUNCIL_NAME": settings.COUNCIL_NAME}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        ends_at, _ = session_expiry(request.session)
        context["session_ends_at"] = int(ends_at)
        context["session_warning_seconds"] = int(settings.SESSION_WARNING_BEFORE.total_seconds())
    return context
