"""The outbox relay: every side effect of a write (an e-mail, a background job) is a row written in the
write's own transaction (commissioning.notifications.notify for e-mail, `enqueue` here for jobs), and the
relay delivers the rows. So a broker that is down delays e-mails and pack builds but never fails the
request, and never loses them.

The relay runs every 30 seconds from Celery beat, and is also started ("kicked") after each commit that
wrote a row, at once and at best: a kick that finds the broker down gives up at once (a refused connection)
or within REDIS_CONNECT_TIMEOUT, logs it, and remembers it: this process skips kicks for KICK_PAUSE_SECONDS,
and its pages say e-mails and builds are delayed until a kick gets through again.

Exactly once per row: a relay claims rows with SELECT … FOR UPDATE SKIP LOCKED, so two relays never hold
the same row; an e-mail is sent and then marked sent in the transaction that holds its lock, so a second
relay finds it sent. Only a crash between the mail server's acceptance and that commit can send it again,
and then with the same Message-ID, by which many mail systems drop the copy. A failed delivery is tried
again with back-off.
"""

import logging
import time
import uuid
from contextlib import ExitStack, contextmanager

from celery import current_app, shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from .models import Notification, OutboxJob

log = logging.getLogger(__name__)

# Sent with `notification=` inside the sending transaction, once a notification is marked sent (listened to
# through commissioning.notifications, where the apps find it).
notification_sent = Signal()

RELAY_TASK = "commissioning.outbox.relay_outbox"
# After a kick fails, this process waits this long before trying the broker again (the beat relay will
# deliver anyway), and shows the delay notice for as long as it has not got through.
KICK_PAUSE_SECONDS = 30
_state = {"failed_at": None, "quiet": False}


# Writing --------------------------------------------------------------------------------------------------


def enqueue(task: str, *args, job_id: str | None = None) -> OutboxJob:
    """Write a job to start once this transaction commits (by the Celery task's name, so the core imports
    no app). Its Celery task id is `job_id` (a new one unless given)."""
    job = OutboxJob.objects.create(task=task, args=list(args), job_id=job_id or str(uuid.uuid4()))
    kick_after_commit()
    return job


def kick_after_commit() -> None:
    """Kick the relay once this transaction commits: once per transaction however many rows it writes
    (robust, so a failing kick never stops the other callbacks)."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        # Callbacks waiting under the same outermost block (all of them, outside tests' own transaction).
        outer = set(connection.savepoint_ids[:1])
        if any(func is kick and outer <= sids for sids, func, _ in connection.run_on_commit):
            return
    transaction.on_commit(kick, robust=True)


# Kicking --------------------------------------------------------------------------------------------------


def broker_recently_down() -> bool:
    """Whether this process last found the broker down (the pages then say e-mails and builds are delayed).
    Tried again at most every KICK_PAUSE_SECONDS, and only while believed down: a kick that gets through
    ends the notice and starts the relay at once."""
    failed_at = _state["failed_at"]
    if failed_at is None:
        return False
    if time.monotonic() - failed_at >= KICK_PAUSE_SECONDS:
        return not kick()
    return True


def kick() -> bool:
    """Ask a worker to run the relay now. Never raises and never waits long: with the broker down it
    gives up within the connect timeout; the beat relay delivers the rows once the broker is back."""
    failed_at = _state["failed_at"]
    if _state["quiet"] or (failed_at is not None and time.monotonic() - failed_at < KICK_PAUSE_SECONDS):
        return False
    try:
        with connected() as connection:
            current_app.send_task(
                RELAY_TASK, retry=False, ignore_result=True, expires=60, connection=connection
            )
    except Exception as error:  # kombu's OperationalError, redis' ConnectionError, a refused socket...
        _state["failed_at"] = time.monotonic()
        log.warning("The job queue is not available (%s): e-mails and jobs wait in the outbox.", error)
        return False
    _state["failed_at"] = None
    return True


@contextmanager
def delivered_in_process():
    """No kicks while inside (nothing asks a broker), then every e-mail written meanwhile sent here, in this
    process, through the configured backend: for commands such as seed_demo that run without a worker."""
    _state["quiet"] = True
    try:
        yield
        while relay_notifications(limit=1000)[0]:
            pass
    finally:
        _state["quiet"] = False


@contextmanager
def connected():
    """A broker connection tried once, at once (kombu would otherwise retry for the connect timeout)."""
    with current_app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0)
        yield connection


def broker_state() -> tuple[bool, str]:
    """Whether the broker answers now, within the connect timeout (for /healthz)."""
    try:
        with connected():
            pass
    except Exception as error:
        return False, str(error) or error.__class__.__name__
    return True, "ok"


# Relaying -------------------------------------------------------------------------------------------------


def message_of(note: Notification) -> EmailMessage:
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return EmailMessage(
        note.subject,
        note.body,
        settings.DEFAULT_FROM_EMAIL,
        note.recipients,
        # The same Message-ID however often it is sent: the idempotency key mail systems understand.
        headers={
            **(note.headers or {}),
            "Message-ID": f"<notification-{note.pk}-{note.key.replace(':', '-')}@{domain}>",
        },
    )


def send_locked(note: Notification) -> None:
    """Send a notification whose row the caller holds locked and found unsent, then mark it sent. Raises
    only when the mail was not sent (and nothing is marked)."""
    if note.recipients:
        message_of(note).send()
    note.sent_at = timezone.now()
    note.save(update_fields=["sent_at"])
    try:
        with transaction.atomic():  # a failing listener must not unmark a mail that went
            notification_sent.send(sender=Notification, notification=note)
    except Exception:
        log.exception("A listener failed on notification %s (it was sent)", note.pk)


def relay_notifications(limit: int = 200) -> tuple[int, int]:
    """Send the due notifications, one row per transaction. Returns (sent, failed)."""
    sent = failed = 0
    started = timezone.now()
    for _ in range(limit):
        with transaction.atomic():
            note = (
                Notification.objects.select_for_update(skip_locked=True)
                .filter(sent_at__isnull=True, next_attempt_at__lte=started)
                .order_by("next_attempt_at", "pk")
                .first()
            )
            if note is None:
                break
            try:
                send_locked(note)
            except Exception as error:
                note.try_again_later(error)
                log.warning("Notification %s not sent (try %s): %s", note.pk, note.attempts, error)
                failed += 1
                continue
            sent += 1
    return sent, failed


def relay_jobs(limit: int = 100) -> tuple[int, int]:
    """Publish the due jobs to the broker. Returns (published, failed). A job published twice (a crash
    after publishing, before the commit) is harmless: every job is safe to run twice."""
    published = failed = 0
    with transaction.atomic(), ExitStack() as stack:
        jobs = list(
            OutboxJob.objects.select_for_update(skip_locked=True)
            .filter(sent_at__isnull=True, next_attempt_at__lte=timezone.now())
            .order_by("next_attempt_at", "pk")[:limit]
        )
        broker = None
        for job in jobs:
            try:
                if broker is None:
                    broker = stack.enter_context(connected())
                current_app.send_task(
                    job.task,
                    args=job.args,
                    task_id=job.job_id,
                    retry=False,
                    ignore_result=True,
                    connection=broker,
                )
            except Exception as error:
                job.try_again_later(error)
                failed += 1
                if broker is None:
                    break  # no connection at all: the broker is down, the rest wait too
                continue
            job.sent_at = timezone.now()
            job.save(update_fields=["sent_at"])
            published += 1
    return published, failed


def relay() -> str:
    published, jobs_failed = relay_jobs()
    sent, mails_failed = relay_notifications()
    return f"{published} jobs published, {sent} e-mails sent, {jobs_failed + mails_failed} to try again"


def cancel(job_id: str) -> None:
    """Stop a job: not published yet, it never will be; published, workers are asked to drop it (at best:
    the job must still check that it is wanted when it runs)."""
    OutboxJob.objects.filter(job_id=job_id, sent_at__isnull=True).update(
        sent_at=timezone.now(), last_error="Cancelled before it was published."
    )

    def revoke():
        try:
            with connected() as connection:
                current_app.control.revoke(job_id, connection=connection)
        except Exception as error:
            log.warning("Could not revoke job %s (%s): it will find it is not wanted.", job_id, error)

    transaction.on_commit(revoke, robust=True)


@shared_task(name=RELAY_TASK, ignore_result=True)
def relay_outbox() -> str:
    return relay()
