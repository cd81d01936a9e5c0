"""An agenda item on scrutiny's recommendations to the Executive: those awaiting a response, and those
answered since the board's last meeting, with the responses (for one strategy, or all of the board's)."""

from django.db.models import Q

from members.models import Recommendation

from ..models import AgendaItemKind
from .kind import ItemKind, ItemReport
from .shared import load_previous_meeting

TEMPLATE = "packs/items/recommendations.html"


RECOMMENDATION_TAGS = {
    Recommendation.Status.AWAITING: "blue",
    Recommendation.Status.ACCEPTED: "green",
    Recommendation.Status.IMPLEMENTED: "green",
    Recommendation.Status.PARTLY_ACCEPTED: "amber",
    Recommendation.Status.NOT_ACCEPTED: "red",
}


def load_recommendations(data) -> None:
    """The board's recommendations awaiting a response or answered since its last meeting."""
    data.recommendations = list(
        Recommendation.objects.filter(board_id=data.meeting.board_id)
        .filter(Q(status=Recommendation.Status.AWAITING) | Q(responded_at__gte=data.since))
        .select_related("strategy", "made_by", "responded_by")
        .order_by("strategy__reference", "made_at", "pk")
    )


def recommendations_report(item, strategy, data) -> ItemReport:
    found = [r for r in data.recommendations if strategy is None or r.strategy_id == strategy.pk]
    groups: dict[int, dict] = {}
    for r in found:
        group = groups.setdefault(r.strategy_id, {"strategy": r.strategy, "recommendations": []})
        group["recommendations"].append(
            {
                "r": r,
                "tag": "red" if r.overdue else RECOMMENDATION_TAGS.get(r.status, "grey"),
                "overdue": r.overdue,
            }
        )
    return ItemReport(
        TEMPLATE,
        {
            "item": item,
            "strategy": strategy,
            "board": data.board,
            "previous": data.previous,
            "since": data.since,
            "groups": list(groups.values()),
            "count": len(found),
            "awaiting": sum(1 for r in found if r.status == Recommendation.Status.AWAITING),
            "overdue": sum(1 for r in found if r.overdue),
        },
    )


KIND = ItemKind(
    AgendaItemKind.RECOMMENDATIONS,
    needs_strategy=False,
    template=TEMPLATE,
    builder=recommendations_report,
    loaders=(load_previous_meeting, load_recommendations),
)
