from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models

from . import roles


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
        # Boards are groups too (members.Board); only the product's roles are roles.
        return frozenset(self.groups.filter(name__in=roles.ALL_ROLES).values_list("name", flat=True))

    def has_role(self, role: str) -> bool:
        return self.is_active and role in self.role_names

    @property
    def is_administrator(self) -> bool:
        return self.is_active and (self.is_superuser or roles.ADMINISTRATOR in self.role_names)


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


class Notification(models.Model):
    """An e-mail to send, written in the transaction of the action it reports (the outbox): every app
    notifies through commissioning.notifications.notify. `key` makes writing it twice harmless, and the
    task sends it once (sent_at is set under a row lock)."""

    key = models.CharField(max_length=100, unique=True)
    recipients = models.JSONField(default=list)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "members_notification"  # moved from members with its rows (members 0003)
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject


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
