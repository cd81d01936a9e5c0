"""Telling a strategy's commissioners it moved on: a notice written in the transition's transaction and
sent by the core's one task (commissioning.notifications); the log's `notified_at` records when it went."""

from django.dispatch import receiver
from django.utils import timezone

from commissioning.notifications import notification_sent, notify

from .models import TransitionLog

KEY_PREFIX = "transition:"


def tell_commissioners(log: TransitionLog):
    """Write the notice of this transition (once: its key is the log's). Nobody to tell (the actor is the
    only commissioner) counts as notified now."""
    strategy = log.strategy
    lines = [f"{log.actor} moved {strategy} from {log.get_source_display()} to {log.get_target_display()}."]
    if log.trigger:
        lines.append(f"Trigger: {log.get_trigger_display()}.")
    if log.note:
        lines.append(f"Reason: {log.note}")
    note = notify(
        f"{KEY_PREFIX}{log.pk}",
        [strategy.accountable_commissioner, *strategy.commissioners.all()],
        f"{strategy.reference} is now in {log.get_target_display()}",
        lines,
        strategy.get_absolute_url(),
        acting_user=log.actor,
    )
    if note is None:
        log.notified_at = timezone.now()
        log.save(update_fields=["notified_at"])
    return note


@receiver(notification_sent, dispatch_uid="strategies-transition-notified")
def record_notified(sender, notification, **kwargs):
    if notification.key.startswith(KEY_PREFIX):
        TransitionLog.objects.filter(
            pk=int(notification.key.removeprefix(KEY_PREFIX)), notified_at__isnull=True
        ).update(notified_at=notification.sent_at)
