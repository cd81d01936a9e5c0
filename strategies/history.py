"""Every change to a strategy and its Analyse content (commissioning.history)."""

from commissioning.history import entries, newest_first

from .models import Strategy
from .sections import SECTIONS


def for_strategy(strategy: Strategy, limit: int = 200):
    found = entries(Strategy, strategy.history.all(), "Strategy")
    for section in SECTIONS:
        if section.kind == "items":
            found += entries(
                section.model,
                section.model.history.filter(strategy_id=strategy.pk),
                section.title,
                "strategy",
            )
    return newest_first(found, limit)
