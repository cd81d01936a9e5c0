"""A key project cannot move from Plan to Do until its latest gateway review passed and its conditions
are met (issue 6; seed 001: the gateway challenges key projects before delivery)."""

from strategies import lifecycle

from .assessment import assess
from .models import GatewayReview, ReviewAction


@lifecycle.condition("start_delivery")
def gateway_passed(strategy) -> list[str]:
    found = assess(strategy)
    if not found.is_key:
        return []
    latest = (
        strategy.gateway_reviews.filter(cycle=strategy.cycle, status=GatewayReview.Status.COMPLETED)
        .order_by("-completed_at", "-pk")
        .first()
    )
    ref = strategy.reference
    if latest is None:
        return [f"{ref} is a key project: it needs a gateway review that passes before delivery starts."]
    if not latest.passed:
        return [
            f"{ref} is a key project and its latest gateway review ({latest.scheduled_for:%d %B %Y}) was not "
            "passed: it needs a review that passes."
        ]
    open_conditions = latest.actions.filter(kind=ReviewAction.Kind.CONDITION, status=ReviewAction.Status.OPEN)
    return [
        f"Gateway condition not yet met: {c.description} ({c.owner}, due {c.due_date:%d %B %Y})."
        for c in open_conditions.select_related("owner")
    ]
