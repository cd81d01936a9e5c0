"""Councillors' part of other apps' pages: the strategy page's panel and the dashboard's to-do."""

from django import template

from members import approvals, selectors
from members.models import ApprovalRequest, Subject

register = template.Library()


@register.inclusion_tag("members/_strategy_panel.html", takes_context=True)
def councillors_panel(context, strategy):
    referral, comments = selectors.scrutiny_of(strategy)
    return {
        "strategy": strategy,
        "panel": {
            "states": approvals.states_for(strategy, context["request"].user),
            "holders": strategy.portfolio_holders.select_related("councillor"),
            "referral": referral,
            "comments": comments,
        },
    }


@register.inclusion_tag("members/_awaiting.html")
def awaiting_your_decision(user, task_kinds=None):
    """How many open requests wait on `user`'s decision: counted from their "Your tasks" when the page has
    them (`task_kinds`, commissioning.views.tasks_context: its approvals to decide are exactly these), else
    in a query."""
    if isinstance(task_kinds, dict):
        return {"waiting": task_kinds.get("approval", 0)}
    waiting = (
        ApprovalRequest.objects.filter(status=ApprovalRequest.Status.OPEN, approvers=user)
        .exclude(decisions__approver=user)
        .count()
    )
    return {"waiting": waiting}


@register.inclusion_tag("members/_plan_approval.html")
def plan_approval(plan):
    return {"plan": plan, "state": approvals.state(plan.strategy, Subject.PLAN, plan)}
