"""Every change to a strategy and its Analyse content (commissioning.history)."""

from commissioning.history import Entry, Lookups, entries, newest_first

from .models import Interdependency, Strategy, TransitionLog
from .sections import SECTIONS

MOVES = "Moves through the cycle"


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


def moves(strategy: Strategy) -> list[Entry]:
    """The strategy's moves through the cycle, as history entries (its history lists them with the rest)."""
    return [
        Entry(
            log.at,
            log.actor,
            "Moved",
            MOVES,
            f"{log.get_source_display()} → {log.get_target_display()}",
            [],
            log.note,
        )
        for log in TransitionLog.objects.filter(strategy=strategy).select_related("actor")
    ]


def parts() -> list[str]:
    """The parts a strategy's history can be filtered by, in the order of its sections."""
    return ["Strategy", *(s.title for s in SECTIONS if s.kind == "items"), MOVES]


def filtered(found: list[Entry], *, part="", person=None, since=None, until=None) -> list[Entry]:
    """The entries of one part, by one person, between two dates (each optional; dates inclusive)."""
    from django.utils import timezone

    def keep(entry):
        day = timezone.localdate(entry.when)
        return (
            (not part or entry.part == part)
            and (person is None or getattr(entry.who, "pk", None) == person.pk)
            and (since is None or day >= since)
            and (until is None or day <= until)
        )

    return [entry for entry in found if keep(entry)]
