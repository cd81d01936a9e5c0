"""Meeting items in the search (commissioning.search). An exempt item (Schedule 12A) is found only by those
who may read its strategy's exempt records (strategies.permissions.readable_records)."""

from django.db.models import Q

from commissioning import search
from strategies.permissions import readable_records

from .models import AgendaItem


def _item(i) -> search.Document:
    return search.Document(
        title=i.title,
        body=search.text(f"{i.get_kind_display()} at {i.meeting}"),
        url=i.meeting.get_absolute_url(),
        strategy_id=i.strategy_id,
        date=i.meeting.starts_at.date(),
    )


search.register(
    search.Kind(
        "agenda-item",
        "Meeting items",
        AgendaItem,
        _item,
        readable=lambda user, qs: readable_records(user, qs, confidential=Q(confidential=True)),
        queryset=lambda: AgendaItem.objects.select_related("meeting__board"),
    )
)
