from datetime import timedelta
from functools import cached_property

from django.contrib.auth.models import AbstractUser, Group
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone

from . import roles
from .compiled import ByUserId


class User(AbstractUser):
    """A council officer or member. Roles are groups (commissioning.roles); rights on one strategy are
    object permissions (django-guardian)."""

    job_title = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["first_name", "last_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username

    @cached_property
    def role_names(self) -> frozenset[str]:
        return frozenset(name for (name,) in _ROLE_NAMES.rows(self))

    def has_role(self, role: str) -> bool:
        return self.is_active and role in self.role_names

    @property
    def is_administrator(self) -> bool:
        return self.is_active and (self.is_superuser or roles.ADMINISTRATOR in self.role_names)


# Boards are groups too (members.Board); only the product's roles are roles. Asked on every request, so
# compiled once (commissioning.compiled).
_ROLE_NAMES = ByUserId(
    lambda user_id: Group.objects.filter(user=user_id, name__in=roles.ALL_ROLES).values_list("name")
)


class Directorate(models.Model):
    """A council directorate (e.g. Children's Services): strategies belong to one."""

    name = models.CharField(max_length=150, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Versioned(models.Model):
    """Optimistic locking: every save through commissioning.versioning.save_if_current() bumps `version`,
    and a form loaded at an older version is refused instead of overwriting someone else's edit."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class Relayed(models.Model):
    """A row of the outbox (commissioning.outbox): done once `sent_at` is set; a failed try is tried again
    from `next_attempt_at`, with back-off."""

    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)

    class Meta:
        abstract = True

    def try_again_later(self, error: Exception) -> None:
        """Count a failed try and put the next one off: 30 s, 1 min, 2 min ... at most an hour."""
        self.attempts += 1
        self.next_attempt_at = timezone.now() + timedelta(seconds=min(30 * 2 ** (self.attempts - 1), 3600))
        self.last_error = str(error)[:2000]
        self.save(update_fields=["attempts", "next_attempt_at", "last_error"])


class Notification(Relayed):
    """An e-mail to send, written in the transaction of the action it reports (the outbox): every app
    notifies through commissioning.notifications.notify. `key` makes writing it twice harmless, and the
    relay (commissioning.outbox) sends it once (sent then marked under its row lock)."""

    key = models.CharField(max_length=100, unique=True)
    recipients = models.JSONField(default=list)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    # Extra headers of the mail (a subscription's List-Unsubscribe, RFC 2369 and 8058).
    headers = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "members_notification"  # moved from members with its rows (members 0003)
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"], condition=Q(sent_at__isnull=True), name="notification_unsent"
            )
        ]

    def __str__(self):
        return self.subject


class OutboxJob(Relayed):
    """A background job (a pack build...) to hand to the broker, written in the transaction of the change
    that needs it (the outbox): the relay (commissioning.outbox) publishes it once the broker answers, so a
    broker that is down delays the job and never loses it. `job_id` is the Celery task id, chosen when the
    row is written, so the job can be revoked before or after it is published."""

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    job_id = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"], condition=Q(sent_at__isnull=True), name="outbox_job_unsent"
            )
        ]

    def __str__(self):
        return f"{self.task}{tuple(self.args)}"


class SignInEvent(models.Model):
    """The sign-in audit: every sign-in, failure, lock-out, second-factor change and session end, with who,
    when and from where (commissioning.sign_in_audit). Kept SIGN_IN_AUDIT_DAYS, then purged by a daily job."""

    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", "Signed in"
        FAILED = "failed", "Sign-in failed"
        LOCKED_OUT = "locked_out", "Locked out"
        FACTOR_ADDED = "factor_added", "Second factor added"
        FACTOR_REMOVED = "factor_removed", "Second factor removed"
        FACTOR_RESET = "factor_reset", "Recovery codes renewed"
        SIGNED_OUT = "signed_out", "Signed out"
        SESSION_ENDED = "session_ended", "Session ended"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    user = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    username = models.CharField(max_length=150, blank=True, help_text="As typed, for failures")
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    detail = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.username} at {self.at:%Y-%m-%d %H:%M}"


class SearchEntry(models.Model):
    """One searchable record as commissioning.search indexes it: its words (title weighted above body) in a
    stored tsvector kept by the indexer on PostgreSQL (GIN-indexed, English stemming), plain text elsewhere.
    Rights are not stored: each search asks the owning app which records the user may open."""

    kind = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300)
    # The strategy the record belongs to (a plain id: the core names no app), for the stage and directorate
    # filters the strategies app registers.
    strategy_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    date = models.DateField(null=True, blank=True)
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="one_entry_per_record")]
        verbose_name_plural = "search entries"

    def __str__(self):
        return f"{self.kind}: {self.title}"


class EmailChoice(models.TextChoices):
    IMMEDIATELY = "immediately", "Immediately"
    DIGEST = "digest", "In a daily digest"
    OFF = "off", "Not by e-mail (only here)"


class NotificationPreference(models.Model):
    """How one person wants one kind of notification by e-mail (commissioning.notifications.KINDS). No row:
    immediately. A safety-relevant kind is e-mailed immediately whatever is chosen."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notification_preferences")
    kind = models.CharField(max_length=40)
    email = models.CharField(max_length=20, choices=EmailChoice.choices, default=EmailChoice.IMMEDIATELY)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")]

    def __str__(self):
        return f"{self.user}: {self.kind} {self.email}"


class Notice(models.Model):
    """A notification in one person's in-app list: the outbox's Notification (written by `notify` in the
    same transaction), as that person sees it, read or not, and whether it waits for their daily digest."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notices")
    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=40, default="general")
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # To go in the next daily digest (the person chose the digest for this kind); cleared when it goes.
    in_digest = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "notification"], name="one_notice_per_person")]
        indexes = [
            models.Index(fields=["user"], condition=Q(read_at__isnull=True), name="notice_unread"),
            models.Index(fields=["user"], condition=Q(in_digest=True), name="notice_digest"),
        ]

    def __str__(self):
        return f"{self.user}: {self.notification.subject}"
