"""The core's Celery tasks, where the worker's autodiscovery looks for them."""

from celery import shared_task

from .digest import send_digests  # noqa: F401
from .notifications import send_notification, send_notification_queued_before_the_move  # noqa: F401
from .outbox import relay_outbox  # noqa: F401
from .reminders import send_reminders_task  # noqa: F401


@shared_task
def purge_sign_in_audit():
    """Daily: sign-in audit events past SIGN_IN_AUDIT_DAYS are deleted (safe to run twice)."""
    from .sign_in_audit import purge_expired

    return purge_expired()
