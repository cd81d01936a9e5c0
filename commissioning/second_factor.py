"""Two-factor authentication (django-allauth's mfa: TOTP with recovery codes): required for the roles a
council's IT policy names (MFA_REQUIRED_ROLES: administrators by default, as they manage rights), or for
everyone (MFA_REQUIRED_FOR_ALL)."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect

# Pages someone without a second factor may still open: setting one up (and signing in again for it),
# signing out, the session checks, static files.
OPEN_PREFIXES = ("/accounts/", "/session/", "/static/", "/healthz")


def required_for(user) -> bool:
    if not user.is_authenticated:
        return False
    if settings.MFA_REQUIRED_FOR_ALL or user.is_superuser:
        return True
    return user.groups.filter(name__in=settings.MFA_REQUIRED_ROLES).exists()


def has_second_factor(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def required_now(request) -> bool:
    """For allauth's reauthentication_required(enabled=...): whether this person must prove it again."""
    return required_for(request.user)


class SecondFactorRequiredMiddleware:
    """Someone who must have a second factor and has none is sent to set one up before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES)
            and required_for(request.user)
            and not has_second_factor(request.user)
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)
