"""The shape every app's permissions module answers in: allowed, and if not, why not.

Every predicate takes `(user, obj)` (obj None for an app-wide right; anything more keyword-only) and
answers a Decision."""

from dataclasses import dataclass

from guardian.shortcuts import assign_perm


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""
    # A record withheld from this person (exempt information): it does not exist for them, so 404, not 403.
    hidden: bool = False

    def __bool__(self):
        return self.allowed


ALLOW = Decision(True)


def deny(reason: str) -> Decision:
    return Decision(False, reason)


def withhold(reason: str) -> Decision:
    """Refuse, and hide that there is anything to refuse (require() answers 404)."""
    return Decision(False, reason, hidden=True)


def require(decision: Decision) -> None:
    """Refuse (403, with the reason; 404 for a withheld record) unless the decision allows it."""
    if not decision:
        from django.core.exceptions import PermissionDenied
        from django.http import Http404

        raise (Http404 if decision.hidden else PermissionDenied)(decision.reason)


def signed_in(user, reason: str = "Sign in first.") -> Decision:
    """The one check that someone is signed in with an active account: every app's rights start here."""
    if user is None or not user.is_authenticated or not user.is_active:
        return deny(reason)
    return ALLOW


def grant(codename: str, holders, obj) -> None:
    """The object right `codename` on `obj` for each of `holders` (users, or groups; none is fine), as
    guardian grants a list: one INSERT ... ON CONFLICT DO NOTHING, not a query and an insert for each."""
    assign_perm(codename, list(holders), obj)
