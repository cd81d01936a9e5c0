from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone


@shared_task(bind=True, max_retries=5, default_retry_delay=30)
def send_notification(self, notification_id: int) -> str:
    """Send one notification e-mail. Safe to run twice: `sent_at` is set once, under a row lock, and a
    second run finds it set and sends nothing."""
    from .models import Notification

    with transaction.atomic():
        note = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if note is None or note.sent_at:
            return "skipped"
        if note.recipients:
            send_mail(note.subject, note.body, settings.DEFAULT_FROM_EMAIL, note.recipients)
        note.sent_at = timezone.now()
        note.save(update_fields=["sent_at"])
    return f"sent to {len(note.recipients)}"
