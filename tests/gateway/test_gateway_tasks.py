"""Gateway actions are followed up: owners of overdue actions are reminded, once a day."""

from datetime import timedelta

import pytest
from django.utils import timezone

from commissioning.models import Notification
from gateway import services
from gateway.models import ReviewAction
from gateway.tasks import remind_overdue_actions

from .. import factories


@pytest.mark.django_db
def test_overdue_actions_are_reminded_once_a_day(commissioner, gateway, commissioner2):
    factories.criteria()
    factories.gateway_panel(gateway)
    s = factories.strategy(commissioner=commissioner)
    services.override_key(strategy=s, is_key=True, reason="Council-wide leisure review.", acting_user=gateway)
    review = services.schedule_review(strategy=s, scheduled_for=timezone.localdate(), acting_user=gateway)
    late = services.add_action(
        review=review,
        kind="action",
        description="Cost the in-house option.",
        owner=commissioner2,
        due_date=timezone.localdate() + timedelta(days=1),
        acting_user=gateway,
    )
    services.add_action(
        review=review,
        kind="condition",
        description="Not yet due.",
        owner=commissioner2,
        due_date=timezone.localdate() + timedelta(days=5),
        acting_user=gateway,
    )
    ReviewAction.objects.filter(pk=late.pk).update(due_date=timezone.localdate() - timedelta(days=2))

    assert remind_overdue_actions.run() == 1
    assert remind_overdue_actions.run() == 1  # a second run the same day writes nothing new
    (note,) = Notification.objects.filter(key__startswith="gateway-overdue:")
    assert sorted(note.recipients) == sorted([commissioner2.email, commissioner.email])
    assert "Cost the in-house option." in note.body and f"/gateway/actions/{late.pk}/" in note.body
