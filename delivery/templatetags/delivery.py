"""Do and Review's part of other pages: the dashboard's contracts ending, and the strategy page's panel
(with the lessons learnt last cycle when the strategy is back in Analyse)."""

from django import template
from django.conf import settings
from django.db.models import Count

from delivery import selectors
from delivery.models import Contract, ReviewRecord
from strategies.models import Stage

register = template.Library()


@register.inclusion_tag("delivery/_dashboard.html")
def contracts_ending_panel():
    counts = Contract.objects.ending().aggregate(count=Count("pk"), flagged=Count("strategy", distinct=True))
    return {**counts, "horizon_days": settings.RECOMMISSION_HORIZON_DAYS}


@register.inclusion_tag("delivery/_strategy_panel.html")
def delivery_panel(strategy):
    lessons = None
    if strategy.stage == Stage.ANALYSE and strategy.cycle > 1:
        lessons = ReviewRecord.objects.filter(strategy=strategy, cycle=strategy.cycle - 1).first()
    return {
        "strategy": strategy,
        "lessons": lessons,
        **selectors.counts_of(strategy),
        "in_delivery": strategy.stage in (Stage.DO, Stage.REVIEW),
    }
