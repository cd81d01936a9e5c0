"""The one way the apps send e-mail: `notify` writes a Notification in the transaction of the action it
reports (the outbox), and the outbox relay (commissioning.outbox) sends it, once, after that transaction
commits: at once when the job queue answers, otherwise when it is back.

Every app notifies through here; an app that must know when its notice went (strategies' transition log)
listens to `notification_sent` instead of sending mail itself.
"""

from dataclasses import dataclass

from celery import shared_task
from django.conf import settings
from django.db import connection, transaction
from django.db.models.constants import OnConflict
from django.db.models.sql import InsertQuery

from . import outbox
from .models import EmailChoice, Notice, Notification, NotificationPreference
from .outbox import notification_sent

__all__ = ["deliver", "notification_sent", "notify", "notify_address", "send_notification"]


@dataclass(frozen=True)
class NotificationKind:
    key: str
    label: str  # on the preferences page: "Comments and replies on your strategies"
    # Safety-relevant: always e-mailed at once, whatever the person chose (settings.NOTIFICATIONS_ALWAYS_EMAILED
    # may add kinds).
    safety: bool = False


KINDS: dict[str, NotificationKind] = {}


def register_kind(key: str, label: str, *, safety: bool = False) -> NotificationKind:
    """A kind of notification people may choose how to receive (apps register theirs in AppConfig.ready)."""
    KINDS[key] = NotificationKind(key, label, safety)
    return KINDS[key]


register_kind("general", "Other notices")
register_kind("assignment", "Requests to assign a portfolio holder or a board")
register_kind("reminder", "Reminders of what is due or overdue")
register_kind("escalation", "Reminders nobody acted on, escalated to you", safety=True)


def is_safety(kind: str) -> bool:
    found = KINDS.get(kind)
    return bool(found and found.safety) or kind in settings.NOTIFICATIONS_ALWAYS_EMAILED


def email_choices(people, kind: str) -> dict[int, str]:
    """How each of these people wants this kind by e-mail (one query; immediately when not chosen)."""
    if is_safety(kind):
        return {p.pk: EmailChoice.IMMEDIATELY for p in people}
    chosen = dict(
        NotificationPreference.objects.filter(user__in=[p.pk for p in people], kind=kind).values_list(
            "user_id", "email"
        )
    )
    return {p.pk: chosen.get(p.pk, EmailChoice.IMMEDIATELY) for p in people}


def notify(
    key: str, people, subject: str, lines: list[str], url: str, acting_user=None, kind: str = "general"
) -> Notification | None:
    """Tell the active people among `people` (not the acting user): a notice in each one's in-app list, and
    an e-mail as each chose for this `kind` (immediately, sent by the relay once this transaction commits; in
    the daily digest; or not at all). Writing the same key twice is harmless: nobody is told twice. None when
    there is nobody to tell."""
    people = {
        p.pk: p for p in people if p and p.is_active and (acting_user is None or p.pk != acting_user.pk)
    }.values()
    if not people:
        return None
    choices = email_choices(people, kind)
    recipients = sorted({p.email for p in people if p.email and choices[p.pk] == EmailChoice.IMMEDIATELY})
    body = "\n\n".join([*lines, f"{settings.SITE_URL}{url}"])
    note, created = _write_once(key[:100], recipients=recipients, subject=subject[:200], body=body)
    if created:
        Notice.objects.bulk_create(
            Notice(
                user=p,
                notification=note,
                kind=kind,
                url=url[:300],
                in_digest=bool(p.email) and choices[p.pk] == EmailChoice.DIGEST,
            )
            for p in people
        )
        if recipients:
            outbox.kick_after_commit()
    return note


def _write_once(key: str, **fields) -> tuple[Notification, bool]:
    """The notification of this key, written unless one is: get_or_create, in one statement on PostgreSQL
    (INSERT ... ON CONFLICT DO NOTHING RETURNING id) rather than a query, a savepoint and an insert."""
    if connection.vendor != "postgresql":
        return Notification.objects.get_or_create(key=key, defaults=fields)
    note = Notification(key=key, **fields)
    meta = Notification._meta
    query = InsertQuery(Notification, on_conflict=OnConflict.IGNORE)
    query.insert_values([f for f in meta.concrete_fields if f is not meta.auto_field], [note])
    compiler = query.get_compiler(connection=connection)
    compiler.returning_fields = [meta.pk]
    [(sql, params)] = compiler.as_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        written = cursor.fetchone()
    if written is None:  # written before (or by another transaction meanwhile)
        return Notification.objects.get(key=key), False
    note.pk = written[0]
    note._state.adding, note._state.db = False, connection.alias
    return note, True


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
