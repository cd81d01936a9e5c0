"""An agenda item summarising the decisions councillors recorded since the board's last meeting (for one
strategy, or all)."""

from members.models import DecisionRecord

from ..models import AgendaItemKind
from .kind import ItemKind, ItemReport
from .shared import load_previous_meeting, record_rows

TEMPLATE = "packs/items/decisions.html"


def load_decisions(data) -> None:
    """The decision records made since the board's last meeting and before this one."""
    data.decisions = list(
        DecisionRecord.objects.filter(decided_at__gte=data.since, decided_at__lt=data.meeting.starts_at)
        .select_related("strategy")
        .order_by("-decided_at", "-pk")
    )


def decisions_report(item, strategy, data) -> ItemReport:
    found = [r for r in data.decisions if strategy is None or r.strategy_id == strategy.pk]
    return ItemReport(
        TEMPLATE,
        {
            "item": item,
            "strategy": strategy,
            "board": data.board,
            "previous": data.previous,
            "since": data.since,
            "records": record_rows(found),
        },
    )


KIND = ItemKind(
    AgendaItemKind.DECISIONS,
    needs_strategy=False,
    template=TEMPLATE,
    builder=decisions_report,
    loaders=(load_previous_meeting, load_decisions),
)
