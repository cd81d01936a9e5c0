"""The core's Celery tasks, where the worker's autodiscovery looks for them."""

from .notifications import send_notification, send_notification_queued_before_the_move  # noqa: F401
from .outbox import relay_outbox  # noqa: F401
