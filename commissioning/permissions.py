"""The shape every app's permissions module answers in: allowed, and if not, why not."""

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
