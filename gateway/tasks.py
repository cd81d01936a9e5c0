from celery import shared_task
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from commissioning import formatting


@shared_task
def remind_overdue_actions() -> int:
    """Each day, remind the owners of overdue gateway actions and conditions (and the project's
    commissioners). Safe to run twice: one notification per action per day (its key), sent once."""
    from commissioning.notifications import notify
    from members.services import commissioners_of

    from .models import ReviewAction

    today = timezone.localdate()
    overdue = ReviewAction.objects.filter(status=ReviewAction.Status.OPEN, due_date__lt=today).select_related(
        "owner", "review__strategy__accountable_commissioner"
    )
    count = 0
    for action in overdue:
        strategy = action.review.strategy
        with transaction.atomic():
            notify(
                f"gateway-overdue:{action.pk}:{today.isoformat()}",
                [action.owner, *commissioners_of(strategy)],
                f"Overdue gateway {action.get_kind_display().split(' (')[0].lower()}: {strategy.reference}",
                [
                    f"This was due on {formatting.long_date(action.due_date)}: {action.description}",
                    f"Owner: {action.owner}. Report progress, or ask the panel to close it.",
                ],
                reverse("gateway:action", args=[action.pk]),
            )
        count += 1
    return count


@shared_task(name="gateway.tasks.compare_overlap_item")
def compare_overlap_item(kind: str, pk: int) -> int:
    """An outcome, service or scope item changed: compare it against the others (gateway.overlaps). Safe to
    run twice; an item removed meanwhile just loses its matches."""
    from .overlaps import compare_item

    return compare_item(kind, pk)


@shared_task(name="gateway.tasks.compare_overlap_strategy")
def compare_overlap_strategy(strategy_id: int) -> int:
    """A strategy moved on: compare its live items again (gateway.overlaps). Safe to run twice."""
    from .overlaps import compare_strategy

    return compare_strategy(strategy_id)


@shared_task(name="gateway.tasks.rebuild_overlaps")
def rebuild_overlaps() -> int:
    """Compare everything at once (queued by migration gateway 0005 for an install that has strategies)."""
    from .overlaps import rebuild

    return rebuild()
