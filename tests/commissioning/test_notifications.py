"""Notifications (commissioning.notifications): an in-app list with unread counts and mark-as-read, e-mail as
each person chooses per kind (safety-relevant kinds always), the daily digest, and reminders by the beat
exactly once per stage, escalated when ignored."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from commissioning import reminders, roles, services
from commissioning.digest import send_digests
from commissioning.models import Notice, Notification, NotificationPreference
from commissioning.notifications import KINDS
from members import services as members_services
from members.models import ApprovalRequest

from .. import factories
from ..matrix import shared_world_fixture

pytestmark = pytest.mark.django_db


def build():
    commissioner = factories.user(roles.COMMISSIONER, username="note-commissioner")
    councillor = factories.user(roles.COUNCILLOR, username="note-councillor")
    scrutiny = factories.user(roles.SCRUTINY_MEMBER, username="note-scrutiny")
    s = factories.strategy(commissioner=commissioner, title="Advocacy for young carers")
    factories.portfolio_holder(s, councillor)
    factories.refer(s, scrutiny)
    return {"commissioner": commissioner, "councillor": councillor, "scrutiny": scrutiny, "strategy": s}


world = shared_world_fixture(build)


def comment(world, body="What about siblings?"):
    return members_services.add_comment(strategy=world["strategy"], body=body, acting_user=world["scrutiny"])


def test_a_comment_tells_the_commissioners_in_the_app_and_by_email(world):
    made = comment(world)
    note = Notification.objects.get(key=f"comment:{made.pk}")
    assert note.recipients == [world["commissioner"].email]
    (notice,) = Notice.objects.filter(notification=note)
    assert notice.user == world["commissioner"] and notice.kind == "comment" and notice.read_at is None
    assert notice.url.endswith(f"#comment-{made.pk}")
    assert not Notice.objects.filter(user=world["scrutiny"], kind="comment").exists()  # not who wrote it


def test_the_same_key_twice_writes_one_notification_and_tells_nobody_twice(world):
    from commissioning.notifications import notify

    people = [world["commissioner"], world["councillor"]]
    first = notify("test:twice", people, "Once", ["Body"], "/")
    again = notify("test:twice", people, "Twice?", ["Another body"], "/")
    assert first.pk and again.pk == first.pk and again.subject == "Once"
    assert Notification.objects.filter(key="test:twice").count() == 1
    assert Notice.objects.filter(notification=first).count() == 2
    assert notify("test:nobody", [world["commissioner"]], "S", ["B"], "/", world["commissioner"]) is None


def test_email_choices_off_and_digest(world):
    services.save_notification_preferences(acting_user=world["commissioner"], choices={"comment": "off"})
    off = comment(world, "One")
    assert Notification.objects.get(key=f"comment:{off.pk}").recipients == []
    assert Notice.objects.filter(notification__key=f"comment:{off.pk}", in_digest=False).exists()

    services.save_notification_preferences(acting_user=world["commissioner"], choices={"comment": "digest"})
    first, second = comment(world, "Two"), comment(world, "Three")
    assert Notification.objects.get(key=f"comment:{first.pk}").recipients == []
    today = timezone.localdate()
    assert send_digests(today) == 1
    assert send_digests(today) == 0  # a second beat (or a retry) the same day sends nothing more
    digest = Notification.objects.get(key__startswith="digest:")
    assert digest.recipients == [world["commissioner"].email]
    assert digest.body.count("on CS") + digest.body.count("comment") >= 2
    later = comment(world, "Four")
    assert send_digests(today) == 0  # it waits for tomorrow's
    assert Notice.objects.get(notification__key=f"comment:{later.pk}").in_digest
    assert send_digests(today + timedelta(days=1)) == 1
    assert not Notice.objects.filter(in_digest=True).exists()
    assert second.pk


def test_safety_relevant_kinds_cannot_be_put_off(world, client):
    with pytest.raises(ValidationError):
        services.save_notification_preferences(
            acting_user=world["commissioner"], choices={"escalation": "off"}
        )
    with pytest.raises(ValidationError):
        services.save_notification_preferences(
            acting_user=world["commissioner"], choices={"call-in": "digest"}
        )
    assert not NotificationPreference.objects.exists()
    client.force_login(world["commissioner"])
    page = client.get(reverse("notification-settings")).content.decode()
    assert "cannot be put off" in page
    posted = dict.fromkeys(KINDS, "immediately") | {
        "comment": "digest",
        "escalation": "off",
        "general": "off",
    }
    assert client.post(reverse("notification-settings"), posted).status_code == 302
    chosen = dict(NotificationPreference.objects.values_list("kind", "email"))
    assert chosen["comment"] == "digest" and chosen["escalation"] == "immediately"


def _approval(world, due):
    request = ApprovalRequest.objects.create(
        strategy=world["strategy"],
        cycle=world["strategy"].cycle,
        subject="outcomes",
        snapshot={},
        requested_by=world["commissioner"],
        decision_due=due,
    )
    request.approvers.add(world["councillor"])
    return request


def test_reminders_once_per_stage_however_often_the_beat_runs(world, settings):
    settings.REMINDER_DAYS_BEFORE, settings.REMINDER_ESCALATE_AFTER_DAYS = 3, 7
    today = timezone.localdate()
    request = _approval(world, today + timedelta(days=2))
    prefix = f"reminder:approval:{request.pk}:user:{world['councillor'].pk}"

    assert reminders.send_reminders(today - timedelta(days=2)) == 0  # not yet within 3 days
    assert reminders.send_reminders(today) == 1
    assert reminders.send_reminders(today) == 0  # a second beat
    reminders.send_reminders_task.apply()  # the worker's run (and a retry would be the same)
    (before,) = Notification.objects.filter(key__startswith=prefix)
    assert before.key.startswith(f"{prefix}:before") and before.recipients == [world["councillor"].email]
    assert Notice.objects.filter(notification=before).count() == 1

    overdue_day = today + timedelta(days=3)
    assert reminders.send_reminders(overdue_day) == 1
    assert reminders.send_reminders(overdue_day + timedelta(days=1)) == 0
    escalation_day = today + timedelta(days=10)
    assert reminders.send_reminders(escalation_day) == 1
    assert reminders.send_reminders(escalation_day) == 0
    escalated = Notification.objects.get(key__startswith=f"{prefix}:escalated")
    assert escalated.recipients == [world["commissioner"].email]  # who asked, accountable for it
    assert Notice.objects.get(notification=escalated).kind == "escalation"
    assert Notification.objects.filter(key__startswith=prefix).count() == 3


def test_a_decided_approval_is_not_reminded(world):
    today = timezone.localdate()
    request = _approval(world, today + timedelta(days=1))
    from members.models import ApprovalDecision

    ApprovalDecision.objects.create(
        request=request, approver=world["councillor"], kind="approve", reasons="Fine."
    )
    assert reminders.send_reminders(today) == 0


def test_the_list_the_count_and_mark_as_read(world, client):
    comment(world, "First")
    comment(world, "Second")
    client.force_login(world["commissioner"])
    assert (
        '2<span class="govuk-visually-hidden"> unread'
        in client.get(reverse("notification-count")).content.decode()
    )
    page = client.get(reverse("notifications")).content.decode()
    assert "A comment on" in page and "2 unread" in page
    assert 'hx-get="/notifications/count/"' in client.get(reverse("home")).content.decode()
    mine = Notice.objects.filter(user=world["commissioner"]).order_by("pk")
    opened = client.post(reverse("notification-read"), {"notice": mine[0].pk, "open": "1"})
    assert opened.status_code == 302 and opened["Location"] == mine[0].url
    assert Notice.objects.filter(user=world["commissioner"], read_at__isnull=True).count() == 1
    client.force_login(world["scrutiny"])
    assert client.post(reverse("notification-read"), {"notice": mine[1].pk}).status_code == 404
    client.force_login(world["commissioner"])
    client.post(reverse("notification-read"))
    assert not Notice.objects.filter(user=world["commissioner"], read_at__isnull=True).exists()


def test_api(world, client):
    comment(world, "First")
    comment(world, "Second")
    client.force_login(world["commissioner"])
    data = client.get("/api/notifications/").json()
    assert data["unread"] == 2 and len(data["results"]) == 2
    assert {"subject", "url", "kind", "read_at"} <= set(data["results"][0])
    marked = client.post(
        "/api/notifications/read/", {"ids": [data["results"][0]["id"]]}, content_type="application/json"
    ).json()
    assert marked == {"marked": 1, "unread": 1}
    assert client.post("/api/notifications/read/", {}, content_type="application/json").json()["unread"] == 0
    client.force_login(world["scrutiny"])
    assert not [n for n in client.get("/api/notifications/").json()["results"] if n["kind"] == "comment"]


def test_gateway_actions_are_reminded_and_escalated_to_the_accountable_commissioner(world):
    from gateway.models import GatewayReview, ReviewAction

    today = timezone.localdate()
    review = GatewayReview.objects.create(
        strategy=world["strategy"], cycle=1, scheduled_for=today, scheduled_by=world["commissioner"]
    )
    owner = factories.user(roles.COMMISSIONER, username="note-owner")
    action = ReviewAction.objects.create(
        review=review, description="Cost the in-house option", owner=owner, due_date=today + timedelta(days=1)
    )
    assert reminders.send_reminders(today) == 1
    assert reminders.send_reminders(today + timedelta(days=9)) == 1
    keys = sorted(
        Notification.objects.filter(key__startswith=f"reminder:gateway-action:{action.pk}:").values_list(
            "key", flat=True
        )
    )
    assert [k.split(":")[3] for k in keys] == ["before", "escalated"]
    escalated = Notification.objects.get(key=keys[1])
    assert escalated.recipients == [world["commissioner"].email]
