from django import template

from strategies import subnav

register = template.Library()


@register.inclusion_tag("strategies/_subnav.html", takes_context=True)
def strategy_navigation(context, strategy):
    """The strategy's sub-navigation (strategies.subnav), for the pages of its parts."""
    match = getattr(context["request"], "resolver_match", None)
    return {"strategy": strategy, "parts": subnav.for_strategy(strategy, match.view_name if match else "")}
