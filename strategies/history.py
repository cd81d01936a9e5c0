"""Every change to a strategy and its Analyse content (commissioning.history)."""

from commissioning.history import Lookups, entries, newest_first

from .models import Interdependency, Strategy
from .sections import SECTIONS


def for_strategy(strategy: Strategy, limit: int = 200):
    # Labelled from the history row itself: building a Strategy from it would fetch the fields
    # history does not keep (updated_at), one query a row.
    lookups = Lookups()  # every related row the changes name, read at once at the end
    found = entries(
        Strategy,
        strategy.history.all(),
        "Strategy",
        cache=lookups,
        label=lambda r: f"{r.reference} {r.title}",
    )
    for section in SECTIONS:
        if section.kind == "items":
            found += entries(
                section.model,
                section.model.history.filter(strategy_id=strategy.pk),
                section.title,
                "strategy",
                cache=lookups,
                # An interdependency is named by its two strategies: read with the other related rows.
                label=(
                    (
                        lambda r: lookups.text(
                            lookups.label(Strategy, r.strategy_id), " ↔ ", lookups.label(Strategy, r.other_id)
                        )
                    )
                    if section.model is Interdependency
                    else None
                ),
            )
    return newest_first(found, limit, lookups)
