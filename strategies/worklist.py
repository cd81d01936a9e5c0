"""Strategies' part of "Your tasks" (commissioning.worklist): the minimum-requirements items still missing
on one's strategies in Analyse, which block the move to Plan. The checklist's part counts are read for all
of them in one query (checklist.with_part_counts), so this costs two queries however many there are."""

from commissioning.worklist import Task, provider

from . import checklist
from .models import Stage, Strategy
from .selectors import commissioned_by


@provider
def checklist_items(user, today):
    analysing = checklist.with_part_counts(
        commissioned_by(Strategy.objects.filter(stage=Stage.ANALYSE), user).order_by("reference")
    )
    for strategy in analysing:
        missing = checklist.missing(strategy)
        if not missing:
            continue
        first = missing[0]
        more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
        yield Task(
            "checklist",
            "Checklist item blocking the next move",
            f"{first.missing} on {strategy.reference}{more}, before it can move to Plan",
            first.url,
            None,
            ", ".join(item.label for item in missing[:5]),
        )
