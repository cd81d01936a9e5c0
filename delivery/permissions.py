"""Rights in Do and Review: they follow the strategy's (strategies.permissions). Its commissioners (and
administrators) record contracts, due diligence, KPIs, actuals and the review while the strategy is in Do
or Review; everyone signed in reads them, including the highlight reports."""

from django.db.models import Q

import strategies.permissions
from commissioning.permissions import ALLOW, Decision, deny, signed_in
from strategies.models import Stage

DELIVERY_STAGES = {Stage.DO, Stage.REVIEW}


def can_view(user, obj=None) -> Decision:
    return signed_in(user)


def can_view_contract(user, contract) -> Decision:
    """Everyone signed in, except a confidential contract (or one under a confidential plan): exempt
    information, read only by those strategies.permissions.can_read_exempt allows; to others, a 404."""
    decision = signed_in(user)
    if decision and contract.withheld:
        return strategies.permissions.can_read_exempt(user, contract.strategy_id, "contract")
    return decision


def readable_contracts(user, contracts):
    """These contracts (a queryset) without the confidential ones this user may not read."""
    return strategies.permissions.readable_records(
        user, contracts, confidential=Q(confidential=True) | Q(plan__confidential=True)
    )


def readable_contracts_among(user, contracts) -> list:
    """These contracts (already read, with their plans) without the confidential ones this user may not read,
    as readable_contracts() leaves out: who may read exempt records is only worked out if one is withheld."""
    return strategies.permissions.readable_among(user, contracts, confidential=lambda c: c.withheld)


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
