"""Reminders by the beat: before a due date, when it is overdue, and escalated (to the accountable
commissioner or the chair) when still not done some days later: each stage exactly once.

Each stage app registers a source (from its AppConfig.ready) answering what falls due, for everyone, in a few
queries. The beat runs `send_reminders` often; a stage's reminder is a notification whose key names the thing,
the stage and the due date, and Notification.key is unique: a second beat, a retry or two beats at once write
it once (get_or_create), and nobody is told twice. A due date moved later arms the reminders again.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import formatting
from .notifications import notify


@dataclass(frozen=True)
class Due:
    key: str  # what it is, stably: "approval:12:user:5"
    people: list  # who must act
    what: str  # what they must do, in words: "Decide on the approval of the strategy (CS-07)"
    due: date
    url: str
    escalate_to: list = field(default_factory=list)  # the accountable commissioner or the chair


Source = Callable[[date, date], Iterable[Due]]
_sources: list[Source] = []


def source(func: Source) -> Source:
    """Register `func(since, until)`: the things falling due between the two dates, and still to do."""
    if func not in _sources:
        _sources.append(func)
    return func


BEFORE, OVERDUE, ESCALATED = "before", "overdue", "escalated"


def stage(due: date, today: date) -> str | None:
    if today > due + timedelta(days=settings.REMINDER_ESCALATE_AFTER_DAYS):
        return ESCALATED
    if today > due:
        return OVERDUE
    if today >= due - timedelta(days=settings.REMINDER_DAYS_BEFORE):
        return BEFORE
    return None


def remind(item: Due, today: date) -> bool:
    """Write this item's reminder for the stage it has reached (once). True when newly written."""
    reached = stage(item.due, today)
    if reached is None:
        return False
    key = f"reminder:{item.key}:{reached}:{item.due.isoformat()}"
    when = formatting.long_date(item.due)
    if reached == ESCALATED:
        people, kind = item.escalate_to, "escalation"
        subject = f"Not done, due {when}: {item.what}"
        lines = [
            f"This was due on {when} and is still not done, though it was reminded. You are told as the one "
            "accountable for it.",
            item.what,
        ]
    else:
        people, kind = item.people, "reminder"
        subject = f"{'Overdue' if reached == OVERDUE else 'Due'} {when}: {item.what}"
        lines = [f"{item.what}: {'this was due' if reached == OVERDUE else 'due'} on {when}."]
    with transaction.atomic():
        before = _exists(key)
        note = notify(key, people, subject[:200], lines, item.url, kind=kind)
    return note is not None and not before


def _exists(key: str) -> bool:
    from .models import Notification

    return Notification.objects.filter(key=key[:100]).exists()


def send_reminders(today: date | None = None) -> int:
    today = today or timezone.localdate()
    since = today - timedelta(days=settings.REMINDER_ESCALATE_AFTER_DAYS + 30)
    until = today + timedelta(days=settings.REMINDER_DAYS_BEFORE)
    return sum(remind(item, today) for func in _sources for item in func(since, until))


@shared_task(name="commissioning.reminders.send_reminders", bind=True, max_retries=3, default_retry_delay=60)
def send_reminders_task(self) -> int:
    try:
        return send_reminders()
    except Exception as error:  # a retry sends nothing already sent (the keys)
        raise self.retry(exc=error) from error
