"""Decision rules: when a request's decisions settle it. Pure, so every case is easy to test."""

from .models import ApprovalDecision, ApprovalRequest, Rule

Status = ApprovalRequest.Status
Kind = ApprovalDecision.Kind


def tally(rule: str, approvers: int, kinds: list[str]) -> str:
    """The request's status after these decisions by `approvers` named approvers.

    any: approved by the first approval; otherwise settled against once everyone has decided.
    all: one request for changes or refusal settles it against; approved when everyone approves.
    majority: approved once more than half approve; settled against once that can no longer happen.
    Settled against means refused if at least as many refused as asked for changes, else changes requested.
    """
    approving = sum(1 for kind in kinds if kind in ApprovalDecision.APPROVING)
    refusals = kinds.count(Kind.REFUSE)
    changes = kinds.count(Kind.REQUEST_CHANGES)
    undecided = approvers - len(kinds)
    against = Status.REFUSED if refusals and refusals >= changes else Status.CHANGES_REQUESTED
    if rule == Rule.ANY:
        if approving:
            return Status.APPROVED
        return against if undecided <= 0 else Status.OPEN
    if rule == Rule.ALL:
        if refusals or changes:
            return against
        return Status.APPROVED if undecided <= 0 else Status.OPEN
    needed = approvers // 2 + 1
    if approving >= needed:
        return Status.APPROVED
    if approving + undecided < needed:
        return against
    return Status.OPEN


def describe(rule: str, approvers: int, barred: int = 0) -> str:
    """The rule in words; with `barred` approvers unable to decide (a disclosable pecuniary interest), it says
    that it counts only those able to."""
    if barred:
        able = approvers - barred
        if able <= 0:
            return f"none of the {approvers} approvers can decide"
        return f"{describe(rule, able)}, counting only the {able} able to decide ({barred} barred by an interest)"
    if rule == Rule.ANY or approvers == 1:
        return "one approval is enough" if approvers > 1 else "the approver decides"
    if rule == Rule.ALL:
        return f"all {approvers} approvers must approve"
    return f"{approvers // 2 + 1} of the {approvers} approvers must approve"
