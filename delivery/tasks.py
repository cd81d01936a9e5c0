from celery import shared_task
from django.db import transaction
from django.utils import timezone

from commissioning import formatting


@shared_task
def notify_contracts_ending() -> int:
    """Tell each strategy's commissioners, once, when a contract's end comes inside the recommissioning
    horizon (the "contract renewal" trigger). Safe to run twice: renewal_notified_at is set under a lock."""
    from commissioning.notifications import notify
    from members.services import commissioners_of

    from .models import Contract

    due = (
        Contract.objects.ending()  # ended long ago: nothing to recommission on
        .filter(renewal_notified_at__isnull=True)
        .exclude(strategy__stage="archived")
        .values_list("pk", flat=True)
    )
    told = 0
    for pk in due:
        with transaction.atomic():
            contract = (
                Contract.objects.select_for_update()
                .select_related("strategy__accountable_commissioner")
                .get(pk=pk)
            )
            if contract.renewal_notified_at:
                continue
            strategy = contract.strategy
            notify(
                f"contract-ending:{contract.pk}:{contract.end_date.isoformat()}",
                commissioners_of(strategy),
                f"{strategy.reference}: {contract.title} ends on {formatting.long_date(contract.end_date)}",
                [
                    f"{contract} ends on {formatting.long_date(contract.end_date)}"
                    + (
                        f" (extension options: {contract.extension_options})"
                        if contract.extension_options
                        else ""
                    )
                    + ".",
                    f"{strategy} is flagged for recommissioning: trigger 'Contract renewal'.",
                ],
                contract.get_absolute_url(),
            )
            contract.renewal_notified_at = timezone.now()
            contract.save(update_fields=["renewal_notified_at"])
            told += 1
    return told
