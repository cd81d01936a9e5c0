from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone


@shared_task(bind=True, max_retries=5, default_retry_delay=30)
def notify_transition(self, log_id: int) -> str:
    """Tell a strategy's commissioners it moved on. Safe to run twice: `notified_at` is set once,
    under a row lock, and a second run finds it set and sends nothing."""
    from .models import TransitionLog

    with transaction.atomic():
        log = (
            TransitionLog.objects.select_for_update()
            .select_related("strategy", "actor", "strategy__accountable_commissioner")
            .filter(pk=log_id)
            .first()
        )
        if log is None or log.notified_at:
            return "skipped"
        strategy = log.strategy
        people = {strategy.accountable_commissioner, *strategy.commissioners.all()}
        recipients = sorted({p.email for p in people if p.email and p.pk != log.actor_id})
        if recipients:
            lines = [
                f"{log.actor} moved {strategy} from {log.get_source_display()} to {log.get_target_display()}.",
            ]
            if log.trigger:
                lines.append(f"Trigger: {log.get_trigger_display()}.")
            if log.note:
                lines.append(f"Reason: {log.note}")
            lines.append(f"{settings.SITE_URL}{strategy.get_absolute_url()}")
            send_mail(
                f"{strategy.reference} is now in {log.get_target_display()}",
                "\n\n".join(lines),
                settings.DEFAULT_FROM_EMAIL,
                recipients,
            )
        log.notified_at = timezone.now()
        log.save(update_fields=["notified_at"])
    return f"sent to {len(recipients)}"
