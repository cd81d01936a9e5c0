"""The one way the apps send e-mail: `notify` writes a Notification in the transaction of the action it
reports (the outbox), and the outbox relay (commissioning.outbox) sends it, once, after that transaction
commits: at once when the job queue answers, otherwise when it is back.

Every app notifies through here; an app that must know when its notice went (strategies' transition log)
listens to `notification_sent` instead of sending mail itself.
"""

from celery import shared_task
from django.conf import settings
from django.db import transaction

from . import outbox
from .models import Notification
from .outbox import notification_sent

__all__ = ["deliver", "notification_sent", "notify", "notify_address", "send_notification"]


def notify(
    key: str, people, subject: str, lines: list[str], url: str, acting_user=None
) -> Notification | None:
    """Write an e-mail to the active people among `people` (not the acting user), sent by the relay once
    this transaction commits. Writing the same key twice is harmless. None when there is nobody to tell."""
    recipients = sorted(
        {
            p.email
            for p in people
            if p and p.email and p.is_active and (acting_user is None or p.pk != acting_user.pk)
        }
    )
    if not recipients:
        return None
    body = "\n\n".join([*lines, f"{settings.SITE_URL}{url}"])
    note, created = Notification.objects.get_or_create(
        key=key[:100], defaults={"recipients": recipients, "subject": subject[:200], "body": body}
    )
    if created:
        outbox.kick_after_commit()
    return note


def deliver(notification_id: int) -> str:
    """Send one notification (the jobs queued before the relay). Safe to run twice and beside the relay:
    the row is locked while it is sent and marked, and a run that finds it sent or locked sends nothing."""
    with transaction.atomic():
        note = Notification.objects.select_for_update(skip_locked=True).filter(pk=notification_id).first()
        if note is None or note.sent_at:
            return "skipped"
        outbox.send_locked(note)
    return f"sent to {len(note.recipients)}"


@shared_task(bind=True, max_retries=5, default_retry_delay=30)
def send_notification(self, notification_id: int) -> str:
    return deliver(notification_id)


@shared_task(name="members.tasks.send_notification", bind=True, max_retries=5, default_retry_delay=30)
def send_notification_queued_before_the_move(self, notification_id: int) -> str:
    """Jobs queued under the task's old name (when notifications were members') still run."""
    return deliver(notification_id)


def notify_address(key: str, address: str, subject: str, lines: list[str], headers: dict | None = None):
    """Write an e-mail to one address that need not be anyone's account (a subscriber), with any extra
    headers (List-Unsubscribe), sent by the relay once this transaction commits. Writing a key twice is
    harmless."""
    note, created = Notification.objects.get_or_create(
        key=key[:100],
        defaults={
            "recipients": [address],
            "subject": subject[:200],
            "body": "\n\n".join(lines),
            "headers": headers or {},
        },
    )
    if created:
        outbox.kick_after_commit()
    return note
