"""Rights at the programme gateway: the one place they are decided.

The panel is the membership of the gateway board(s) (members.Board, kind "gateway panel"): each holds the
object permission `strategies.review_strategy` on every strategy, through the board's group, so rights
follow membership (gateway.signals keeps the grants in step). Commissioners answer the actions and
conditions on their own projects; administrators configure the criteria. Everyone signed in reads the
programme, the forward plan and the reviews.
"""

import strategies.permissions
from commissioning.permissions import ALLOW, Decision, deny, signed_in
from members.permissions import holds
from strategies.models import Stage

REVIEW = "review_strategy"


def can_view(user, obj=None) -> Decision:
    return signed_in(user)


def is_panel(user, strategy) -> Decision:
    if holds(user, REVIEW, strategy):
        return ALLOW
    return deny(
        "Only members of the gateway panel (the Strategic Commissioning and Procurement Group) can do that."
    )


def can_judge(user, strategy) -> Decision:
    """Answer the judged criteria, or override whether a project is key."""
    if strategy.stage == Stage.ARCHIVED:
        return deny("This strategy is archived.")
    return is_panel(user, strategy)


def can_schedule(user, strategy, *, is_key: bool) -> Decision:
    decision = can_judge(user, strategy)
    if not decision:
        return decision
    if not is_key:
        return deny("Only key projects go through a gateway review.")
    return ALLOW


def can_review(user, review) -> Decision:
    """Record findings, the verdict, conditions and actions, or cancel: the panel, while it is open."""
    decision = is_panel(user, review.strategy)
    if not decision:
        return decision
    if review.status != review.Status.SCHEDULED:
        return deny(f"This review is {review.get_status_display().lower()}.")
    return ALLOW


def can_follow_up(user, action) -> Decision:
    """Mark an action or condition done (or withdraw it): the panel."""
    decision = is_panel(user, action.review.strategy)
    if not decision:
        return decision
    if action.status != action.Status.OPEN:
        return deny("This action is closed.")
    return ALLOW


def can_answer(user, action) -> Decision:
    """Report progress on an action: its owner, the project's commissioners, or the panel."""
    if action.status != action.Status.OPEN:
        return deny("This action is closed.")
    if (
        user.pk == action.owner_id
        or strategies.permissions.can_edit(user, action.review.strategy)
        or holds(user, REVIEW, action.review.strategy)
    ):
        return ALLOW
    return deny("Only the action's owner, the project's commissioners and the gateway panel can update it.")


def can_decide_overlap(user, first, *, second) -> Decision:
    if holds(user, REVIEW, first) and holds(user, REVIEW, second):
        return ALLOW
    return deny("Only the gateway panel records what it decided about a possible overlap.")


def can_configure(user, obj=None) -> Decision:
    if signed_in(user) and user.is_administrator:
        return ALLOW
    return deny("Only administrators can change the key-project criteria.")
