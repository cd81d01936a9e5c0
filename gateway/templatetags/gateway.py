"""The gateway's part of the strategy page."""

from django import template

from gateway import selectors
from gateway.assessment import assess

register = template.Library()


@register.inclusion_tag("gateway/_strategy_panel.html")
def gateway_panel(strategy):
    return {
        "strategy": strategy,
        "assessment": assess(strategy),
        # The reviews the Plan → Do condition read, if it did (a key project in Plan).
        "latest": selectors.latest_review(strategy),
    }
