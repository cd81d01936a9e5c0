"""Two-factor authentication (django-allauth's mfa: an authenticator app or passkeys, with recovery codes):
required for the roles a council's IT policy names (MFA_REQUIRED_ROLES: administrators by default, as they manage rights), or for
everyone (MFA_REQUIRED_FOR_ALL)."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect

from commissioning import roles

# Pages someone without a second factor may still open: setting one up (and signing in again for it),
# signing out, the session checks, static files.
OPEN_PREFIXES = ("/accounts/", "/session/", "/static/", "/healthz")


def required_for(user, *, by_roles=False) -> bool:
    """`by_roles`: from the person's roles (user.role_names, read once and kept on the object), for the
    request's own user, whose roles the page reads anyway; else asked afresh of the database."""
    if not user.is_authenticated:
        return False
    if settings.MFA_REQUIRED_FOR_ALL or user.is_superuser:
        return True
    required = set(settings.MFA_REQUIRED_ROLES)
    if by_roles and required <= set(roles.ALL_ROLES):
        return not required.isdisjoint(user.role_names)
    return user.groups.filter(name__in=required).exists()


# Recovery codes only stand in for one of these, so they do not count on their own.
FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def has_second_factor(user) -> bool:
    return Authenticator.objects.filter(user=user, type__in=FACTORS).exists()


def factors_of(user) -> dict:
    """What the account page shows of one's factors: the authenticator app, each passkey, recovery codes."""
    authenticators = list(Authenticator.objects.filter(user=user).order_by("created_at"))
    recovery_codes = next((a for a in authenticators if a.type == Authenticator.Type.RECOVERY_CODES), None)
    return {
        "totp": any(a.type == Authenticator.Type.TOTP for a in authenticators),
        "passkeys": [a for a in authenticators if a.type == Authenticator.Type.WEBAUTHN],
        "recovery_codes_left": len(recovery_codes.wrap().get_unused_codes()) if recovery_codes else None,
    }


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
            and required_for(request.user, by_roles=True)
            and not has_second_factor(request.user)
        ):
            if not request.path.startswith(OPEN_PREFIXES):
                return redirect("mfa_activate_totp")
            # The header then offers no search or notifications: they would only lead here again (and the
            # unread count, fetched after the page, would get this page instead).
            request.second_factor_pending = True
        return self.get_response(request)
