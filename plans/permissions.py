"""Rights on Commissioning Plans: they follow the strategy's (strategies.permissions), so a plan's
commissioners are its strategy's commissioners. Plans are changed while the strategy is in Plan or Do."""

import strategies.permissions
from commissioning.permissions import ALLOW, Decision, deny
from strategies.models import Stage

EDITABLE_STAGES = {Stage.PLAN, Stage.DO}


def can_view(user, plan) -> Decision:
    return strategies.permissions.can_view(user, plan.strategy)


def can_create(user, strategy) -> Decision:
    decision = strategies.permissions.can_edit(user, strategy)
    if not decision:
        return decision
    if strategy.stage != Stage.PLAN:
        return deny("Plans are written while the strategy is in Plan.")
    return ALLOW


def can_edit(user, plan) -> Decision:
    decision = strategies.permissions.can_edit(user, plan.strategy)
    if not decision:
        return deny(decision.reason.replace("change it", "change its plans"))
    if plan.cycle != plan.strategy.cycle:
        return deny("This plan belongs to an earlier commissioning cycle, so it is kept as it was.")
    if plan.strategy.stage not in EDITABLE_STAGES:
        return deny("Plans can be changed while the strategy is in Plan or Do.")
    return ALLOW
