"""Gateway reviews in the search (commissioning.search): every signed-in person reads them."""

from commissioning import search

from .models import GatewayReview


def _review(r) -> search.Document:
    return search.Document(
        title=f"Gateway review of {r.strategy.reference}: {r.strategy.title}",
        body=search.text(r.focus, r.get_verdict_display() if r.verdict else "", r.verdict_summary),
        url=r.get_absolute_url(),
        strategy_id=r.strategy_id,
        date=r.scheduled_for,
    )


search.register(
    search.Kind(
        "gateway-review",
        "Gateway reviews",
        GatewayReview,
        _review,
        queryset=lambda: GatewayReview.objects.select_related("strategy"),
    )
)
