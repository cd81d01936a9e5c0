"""The gateway's part of "Your tasks" (commissioning.worklist): open actions and conditions one owns, and
for the panel the scheduled reviews. One query each."""

from django.db.models import Exists
from django.urls import reverse

from commissioning.worklist import Task, provider
from members.models import Board, BoardMembership

from .models import GatewayReview, ReviewAction


@provider
def actions_owned(user, today):
    actions = ReviewAction.objects.filter(owner=user, status=ReviewAction.Status.OPEN).select_related(
        "review__strategy"
    )
    for action in actions:
        condition = action.kind == ReviewAction.Kind.CONDITION
        yield Task(
            "gateway-condition" if condition else "gateway-action",
            "Gateway condition to meet" if condition else "Gateway action",
            f"{'Meet the condition' if condition else 'Complete the action'} on "
            f"{action.review.strategy.reference}: {action}",
            reverse("gateway:action", args=[action.pk]),
            action.due_date,
        )


@provider
def reviews_due(user, today):
    """Scheduled reviews, for the members of the gateway panel (who hold the review right on every strategy,
    gateway.signals): asked in the one query, so it costs nothing more for everyone else."""
    on_panel = BoardMembership.objects.filter(member=user, board__kind=Board.Kind.GATEWAY_PANEL)
    reviews = GatewayReview.objects.filter(
        Exists(on_panel), status=GatewayReview.Status.SCHEDULED
    ).select_related("strategy")
    for review in reviews:
        yield Task(
            "gateway-review",
            "Gateway review",
            f"Hold the gateway review of {review.strategy.reference}",
            review.get_absolute_url(),
            review.scheduled_for,
            str(review.strategy),
        )
