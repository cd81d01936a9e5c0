"""Subscriptions to a board's publications, by e-mail."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from members.models import Board


class Subscription(models.Model):
    """Someone who asked to be e-mailed when a board publishes an agenda or supplement: by address alone (no
    account), confirmed by a signed link sent to it (double opt-in), or a signed-in person from their account."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="subscriptions")
    email = models.EmailField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
    )
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["board", "email"]
        constraints = [
            models.UniqueConstraint(fields=["board", "email"], name="one_subscription_per_address")
        ]

    def __str__(self):
        return f"{self.email} to {self.board}"
