"""Rights on Commissioning Plans: they follow the strategy's (strategies.permissions), so a plan's
commissioners are its strategy's commissioners. Plans are changed while the strategy is in Plan or Do. A plan
marked confidential (exempt information), with its commercial model, appraisals, parts and history, is read
only by those strategies.permissions.can_read_exempt allows; to anyone else it does not exist (404)."""

from django.db.models import Q

import strategies.permissions
from commissioning.permissions import ALLOW, Decision, deny
from strategies.models import Stage

EDITABLE_STAGES = {Stage.PLAN, Stage.DO}


def can_view(user, plan) -> Decision:
    decision = strategies.permissions.can_view(user, plan.strategy)
    if decision and plan.confidential:
        return strategies.permissions.can_read_exempt(user, plan.strategy_id, "plan")
    return decision


def readable(user, records, via: str = ""):
    """These plans (a queryset) without the confidential ones this user may not read; `via` reaches the plan
    from a plan's part ("plan__" for its milestones, risks or commercial model)."""
    return strategies.permissions.readable_records(
        user, records, confidential=Q(**{f"{via}confidential": True}), strategy_field=f"{via}strategy"
    )


def readable_among(user, plans) -> list:
    """These plans (already read) without the confidential ones this user may not read (readable())."""
    return strategies.permissions.readable_among(user, plans)


def can_create(user, strategy) -> Decision:
    decision = strategies.permissions.can_edit(user, strategy)
    if not decision:
        return decision
    if strategy.stage != Stage.PLAN:
        return deny("Plans are written while the strategy is in Plan.")
    return ALLOW


def can_edit(user, plan) -> Decision:
    seen = can_view(user, plan)
    if not seen:
        return seen
    decision = strategies.permissions.can_edit(user, plan.strategy)
    if not decision:
        return deny(decision.reason.replace("change it", "change its plans"))
    if plan.cycle != plan.strategy.cycle:
        return deny("This plan belongs to an earlier commissioning cycle, so it is kept as it was.")
    if plan.strategy.stage not in EDITABLE_STAGES:
        return deny("Plans can be changed while the strategy is in Plan or Do.")
    return ALLOW
