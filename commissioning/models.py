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
