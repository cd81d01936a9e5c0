"""Writes to personal API tokens: one function per action, with the acting user (their own tokens only)."""

from django.db import transaction
from django.utils import timezone

from commissioning.history import audited

from .models import ApiToken


@transaction.atomic
def issue_token(*, name: str, expires_at=None, acting_user) -> tuple[ApiToken, str]:
    """A new token of the acting user's; returns it with its secret, shown once and never stored."""
    return ApiToken.issue(acting_user, name, expires_at=expires_at)


@transaction.atomic
def revoke_token(*, token_id, acting_user) -> ApiToken:
    """Revoke one of the acting user's own tokens (revoking it again changes nothing)."""
    token = ApiToken.objects.select_for_update().get(pk=token_id, user=acting_user)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        audited(token, acting_user, "Revoked").save()
    return token
