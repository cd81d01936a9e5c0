"""Decision records, scrutiny recommendations and comments in the search (commissioning.search). They are
public business, except a decision on a confidential plan (permissions.readable_requests)."""

from django.urls import reverse

from commissioning import search

from . import permissions
from .models import DecisionRecord, Recommendation, ScrutinyComment


def _decision(d) -> search.Document:
    return search.Document(
        title=d.title,
        body=search.text(d.summary, d.decided_by),
        url=d.get_absolute_url(),
        strategy_id=d.strategy_id,
        date=d.decided_at.date(),
    )


def _recommendation(r) -> search.Document:
    return search.Document(
        title=f"{r.board}'s recommendation on {r.strategy.reference}",
        body=search.text(r.text, r.reasons, r.response),
        url=f"{reverse('members:scrutiny', args=[r.strategy_id])}#recommendation-{r.pk}",
        strategy_id=r.strategy_id,
        date=r.made_at.date(),
    )


def _comment(c) -> search.Document:
    return search.Document(
        title=f"{c.author}'s comment on {c.strategy.reference}",
        body=c.body,
        url=f"{reverse('members:scrutiny', args=[c.strategy_id])}#comment-{c.pk}",
        strategy_id=c.strategy_id,
        date=c.created_at.date(),
    )


search.register(
    search.Kind(
        "decision",
        "Decision records",
        DecisionRecord,
        _decision,
        readable=lambda user, qs: permissions.readable_requests(user, qs, via="request__"),
    )
)
search.register(
    search.Kind(
        "recommendation",
        "Scrutiny recommendations",
        Recommendation,
        _recommendation,
        queryset=lambda: Recommendation.objects.select_related("strategy", "board"),
    )
)
search.register(
    search.Kind(
        "comment",
        "Scrutiny comments",
        ScrutinyComment,
        _comment,
        queryset=lambda: ScrutinyComment.objects.select_related("strategy", "author"),
    )
)
