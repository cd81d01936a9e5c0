"""Rights in Do and Review: they follow the strategy's (strategies.permissions). Its commissioners (and
administrators) record contracts, due diligence, KPIs, actuals and the review while the strategy is in Do
or Review; everyone signed in reads them, including the highlight reports."""

import strategies.permissions
from commissioning.permissions import ALLOW, Decision, deny, signed_in
from strategies.models import Stage

DELIVERY_STAGES = {Stage.DO, Stage.REVIEW}


def can_view(user, obj=None) -> Decision:
    return signed_in(user)


def _while_delivering(user, strategy, doing: str, what: str) -> Decision:
    decision = strategies.permissions.can_edit(user, strategy)
    if not decision:
        return deny(decision.reason.replace("change it", doing))
    if strategy.stage not in DELIVERY_STAGES:
        return deny(f"{what} while the strategy is in Do or Review.")
    return ALLOW


def can_record(user, strategy) -> Decision:
    """Contracts, due diligence, KPIs and actuals."""
    return _while_delivering(user, strategy, "record its delivery", "Delivery is recorded")


def can_review(user, strategy) -> Decision:
    """The review record of the current cycle."""
    return _while_delivering(user, strategy, "write its review", "The review is written")
