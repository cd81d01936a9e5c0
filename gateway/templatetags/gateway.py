"""The gateway's part of the strategy page."""

from django import template

from gateway.assessment import assess
from gateway.models import GatewayReview

register = template.Library()


@register.inclusion_tag("gateway/_strategy_panel.html")
def gateway_panel(strategy):
    reviews = strategy.gateway_reviews.filter(cycle=strategy.cycle).exclude(
        status=GatewayReview.Status.CANCELLED
    )
    return {
        "strategy": strategy,
        "assessment": assess(strategy),
        "latest": reviews.order_by("-scheduled_for", "-pk").first(),
    }
