"""The shape every app's permissions module answers in: allowed, and if not, why not.

Every predicate takes `(user, obj)` (obj None for an app-wide right; anything more keyword-only) and
answers a Decision."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""

    def __bool__(self):
        return self.allowed


ALLOW = Decision(True)


def deny(reason: str) -> Decision:
    return Decision(False, reason)


def require(decision: Decision) -> None:
    """Refuse (403, with the reason) unless the decision allows it."""
    if not decision:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(decision.reason)


def signed_in(user, reason: str = "Sign in first.") -> Decision:
    """The one check that someone is signed in with an active account: every app's rights start here."""
    if user is None or not user.is_authenticated or not user.is_active:
        return deny(reason)
    return ALLOW
