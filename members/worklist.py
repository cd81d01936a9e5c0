"""Councillors' and scrutiny's part of "Your tasks" (commissioning.worklist): approvals to decide,
recommendations to respond to, scrutiny comments awaiting an answer, and for administrators the strategies
nobody can approve or scrutinise yet and the requests to assign someone. One query per kind."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from commissioning.worklist import Task, provider
from strategies.models import Stage, Strategy
from strategies.selectors import commissioned_by

from .models import (
    ApprovalRequest,
    AssignmentRequest,
    PortfolioHolder,
    Recommendation,
    Referral,
    ScrutinyComment,
)


@provider
def approvals_to_decide(user, today):
    waiting = (
        ApprovalRequest.objects.filter(status=ApprovalRequest.Status.OPEN, approvers=user)
        .exclude(decisions__approver=user)
        .select_related("strategy", "plan")
        .order_by("decision_due", "pk")
    )
    for request in waiting:
        yield Task(
            "approval",
            "Approval to decide",
            f"Decide on {request.what} ({request.strategy.reference})",
            f"{request.get_absolute_url()}#decide",
            request.decision_due,
        )


@provider
def recommendations_to_respond(user, today):
    """The Executive responds through the strategy's portfolio holders (members.permissions.can_respond)."""
    awaiting = (
        Recommendation.objects.filter(
            status=Recommendation.Status.AWAITING, strategy__portfolio_holders__councillor=user
        )
        .select_related("strategy", "board")
        .distinct()
    )
    for recommendation in awaiting:
        yield Task(
            "recommendation",
            "Recommendation to respond to",
            f"Respond to {recommendation.board}'s recommendation on {recommendation.strategy.reference}",
            reverse("members:respond", args=[recommendation.pk]),
            recommendation.response_due,
        )


@provider
def comments_to_answer(user, today):
    """Comments (not replies) on one's own strategies, by someone else, that nobody has replied to yet."""
    unanswered = (
        ScrutinyComment.objects.filter(
            parent__isnull=True,
            strategy__in=commissioned_by(Strategy.objects.exclude(stage=Stage.ARCHIVED), user),
        )
        .exclude(author=user)
        .exclude(Exists(ScrutinyComment.objects.filter(parent=OuterRef("pk"))))
        .select_related("strategy", "author")
    )
    days = timedelta(days=settings.TASKS_COMMENT_ANSWER_DAYS)
    for comment in unanswered:
        yield Task(
            "comment",
            "Comment to answer",
            f"Answer {comment.author}'s comment on {comment.strategy.reference}",
            f"{reverse('members:scrutiny', args=[comment.strategy_id])}#comment-{comment.pk}",
            comment.created_at.date() + days,
        )


@provider
def strategies_unassigned(user, today):
    """For administrators: live strategies with no portfolio holder (nobody can approve them) or referred to
    no scrutiny board (nobody can scrutinise them)."""
    if not user.is_administrator:
        return
    strategies = (
        Strategy.objects.exclude(stage=Stage.ARCHIVED)
        .annotate(
            held=Exists(PortfolioHolder.objects.filter(strategy=OuterRef("pk"))),
            referred=Exists(Referral.objects.filter(strategy=OuterRef("pk"))),
        )
        .filter(Q(held=False) | Q(referred=False))
        .order_by("reference")
    )
    for strategy in strategies:
        missing = [
            words
            for words, present in (
                ("a portfolio holder", strategy.held),
                ("a scrutiny board", strategy.referred),
            )
            if not present
        ]
        yield Task(
            "unassigned",
            "Strategy to assign",
            f"Assign {' and '.join(missing)} to {strategy.reference}",
            reverse("members:assign", args=[strategy.pk]),
            None,
            str(strategy),
        )


@provider
def assignment_requests(user, today):
    """For administrators: commissioners' requests to assign a portfolio holder or a board."""
    if not user.is_administrator:
        return
    days = timedelta(days=settings.TASKS_ASSIGNMENT_REQUEST_DAYS)
    for request in AssignmentRequest.objects.open().select_related("strategy", "requested_by"):
        yield Task(
            "assignment-request",
            "Request to assign",
            f"{request.requested_by} asks you to assign {request.get_what_display()} to "
            f"{request.strategy.reference}",
            reverse("members:assign", args=[request.strategy_id]),
            request.requested_at.date() + days,
            request.note,
        )
