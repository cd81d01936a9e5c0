"""Gateway actions and conditions in the reminders (commissioning.reminders): to their owners before they fall
due and when overdue, escalated to the strategy's accountable commissioner when still open. (The daily list of
overdue actions, gateway.tasks.remind_overdue_actions, goes on as before.)"""

from django.urls import reverse

from commissioning.reminders import Due, source

from .models import ReviewAction


@source
def actions_due(since, until):
    actions = ReviewAction.objects.filter(
        status=ReviewAction.Status.OPEN, due_date__gte=since, due_date__lte=until
    ).select_related("owner", "review__strategy__accountable_commissioner")
    for action in actions:
        strategy = action.review.strategy
        yield Due(
            f"gateway-action:{action.pk}",
            [action.owner],
            f"{action.get_kind_display().split(' (')[0]} from the gateway review of {strategy.reference}: {action}",
            action.due_date,
            reverse("gateway:action", args=[action.pk]),
            [strategy.accountable_commissioner],
        )
