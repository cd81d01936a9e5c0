from celery import shared_task
from django.db import transaction


@shared_task(bind=True, max_retries=5, default_retry_delay=30)
def notify_transition(self, log_id: int) -> str:
    """Kept for jobs queued before transitions wrote their notice with the transition: writes it now, and
    the core's task (commissioning.notifications) sends it once. Safe to run twice."""
    from .models import TransitionLog
    from .notices import tell_commissioners

    with transaction.atomic():
        log = (
            TransitionLog.objects.select_for_update()
            .select_related("strategy", "actor", "strategy__accountable_commissioner")
            .filter(pk=log_id)
            .first()
        )
        if log is None or log.notified_at:
            return "skipped"
        note = tell_commissioners(log)
    return "nobody to tell" if note is None else f"written as notification {note.pk}"
