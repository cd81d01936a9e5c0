"""The gateway's part of "Your tasks" (commissioning.worklist): open actions and conditions one owns, and
for the panel the scheduled reviews. One query each."""

from django.urls import reverse
from guardian.shortcuts import get_objects_for_user

from commissioning.worklist import Task, provider
from strategies.models import Strategy

from .models import GatewayReview, ReviewAction
from .permissions import REVIEW


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
    """Scheduled reviews of the projects the user sits on the panel for (the panel's object right)."""
    panel_of = get_objects_for_user(
        user, f"strategies.{REVIEW}", klass=Strategy, accept_global_perms=False, with_superuser=False
    )
    reviews = GatewayReview.objects.filter(
        status=GatewayReview.Status.SCHEDULED, strategy__in=panel_of.values("pk")
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
