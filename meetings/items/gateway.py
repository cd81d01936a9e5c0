"""An agenda item on the programme gateway's challenge of a strategy: whether it is a key project, its
gateway reviews with their findings on each area and actions, and who sits on the panel."""

from django.db.models import Prefetch

import gateway.assessment
from gateway.models import Area, AreaFinding, GatewayReview, ReviewAction
from members.models import Board, BoardMembership

from ..models import AgendaItemKind
from .kind import ItemKind, ItemReport
from .shared import by_pk, by_strategy, facts_of, money

TEMPLATE = "packs/items/gateway.html"


RAG = {
    AreaFinding.Rating.ASSURED: ("green", "Green"),
    AreaFinding.Rating.RESERVATIONS: ("amber", "Amber"),
    AreaFinding.Rating.NOT_ASSURED: ("red", "Red"),
}
VERDICT_TAGS = {
    GatewayReview.Verdict.PASSED: "green",
    GatewayReview.Verdict.PASSED_WITH_CONDITIONS: "amber",
    GatewayReview.Verdict.NOT_PASSED: "red",
}


def load_gateway(data) -> None:
    """The gateway reviews of the strategies on the agenda, whether each is a key project, and the panels."""
    data.gateway_reviews = by_strategy(
        GatewayReview.objects.filter(strategy__in=data.ids)
        .select_related("scheduled_by", "completed_by")
        .prefetch_related(
            "findings", Prefetch("actions", queryset=ReviewAction.objects.select_related("owner"))
        )
        .order_by("-scheduled_for", "-pk")
    )
    data.assessments = gateway.assessment.assess_many(list(data.strategies.values()))
    data.panels = list(
        Board.objects.filter(kind=Board.Kind.GATEWAY_PANEL).prefetch_related(
            Prefetch("memberships", queryset=BoardMembership.objects.select_related("member"))
        )
    )


def gateway_report(item, strategy, data) -> ItemReport:
    reviews = []
    for review in data.gateway_reviews.get(strategy.pk, []):
        findings = sorted(review.findings.all(), key=by_pk)
        covered = {f.area for f in findings}
        reviews.append(
            {
                "review": review,
                "verdict_tag": VERDICT_TAGS.get(review.verdict, "grey"),
                "findings": [
                    {"finding": f, "tag": RAG[f.rating][0], "rag": RAG[f.rating][1]} for f in findings
                ],
                "not_covered": [a.label for a in Area if a.value not in covered] if findings else [],
                "actions": [
                    {
                        "action": a,
                        "overdue": a.overdue,
                        "tag": "red"
                        if a.overdue
                        else {"done": "green", "withdrawn": "grey"}.get(a.status, "blue"),
                    }
                    for a in review.actions.all()
                ],
            }
        )
    assessed = data.assessments.get(strategy.pk)
    open_actions = sum(1 for r in reviews for a in r["actions"] if a["action"].status == "open")
    overdue = sum(1 for r in reviews for a in r["actions"] if a["overdue"])
    return ItemReport(
        TEMPLATE,
        {
            "item": item,
            "strategy": strategy,
            "facts": facts_of(strategy),
            "assessment": assessed,
            "value": money(assessed.value) if assessed else "",
            "reviews": reviews,
            "latest": reviews[0] if reviews else None,
            "open_actions": open_actions,
            "overdue_actions": overdue,
            "panels": [
                {
                    "board": b,
                    "members": [f"{m.member} ({m.get_role_display().lower()})" for m in b.memberships.all()],
                }
                for b in data.panels
            ],
        },
    )


KIND = ItemKind(
    AgendaItemKind.GATEWAY,
    needs_strategy=True,
    template=TEMPLATE,
    builder=gateway_report,
    loaders=(load_gateway,),
)
