"""An agenda item with the minutes of the board's previous meeting."""

from ..models import AgendaItemKind
from .kind import ItemKind, ItemReport
from .shared import load_previous_meeting

TEMPLATE = "packs/items/minutes.html"


def minutes_report(item, strategy, data) -> ItemReport:
    previous = data.previous
    return ItemReport(
        TEMPLATE,
        {
            "item": item,
            "board": data.board,
            "previous": previous,
            "minutes": previous.minutes.strip() if previous else "",
        },
    )


KIND = ItemKind(
    AgendaItemKind.MINUTES,
    needs_strategy=False,
    template=TEMPLATE,
    builder=minutes_report,
    loaders=(load_previous_meeting,),
)
