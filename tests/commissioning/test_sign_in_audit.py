"""The sign-in audit: sign-ins, failures, lock-outs, second-factor changes and session ends are recorded with
who, when and from where; administrators read them in the admin; old ones are purged."""

from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from commissioning.models import SignInEvent
from commissioning.sign_in_audit import purge_expired

from .. import factories

pytestmark = pytest.mark.django_db
Kind = SignInEvent.Kind


def kinds(**filters):
    return list(SignInEvent.objects.filter(**filters).order_by("pk").values_list("kind", flat=True))


def post_login(client, username, password):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR="203.0.113.7"
    )


def test_sign_in_and_failure_recorded_with_who_and_where(client, commissioner, no_throttle):
    post_login(client, "commissioner", "wrong")
    post_login(client, "commissioner", factories.PASSWORD)
    failed, signed_in = SignInEvent.objects.order_by("pk")
    assert (failed.kind, failed.username, failed.user, failed.ip_address) == (
        Kind.FAILED,
        "commissioner",
        None,
        "203.0.113.7",
    )
    assert (signed_in.kind, signed_in.user, signed_in.ip_address) == (
        Kind.SIGNED_IN,
        commissioner,
        "203.0.113.7",
    )
    assert "password" in signed_in.detail


def test_lock_out_recorded(client, commissioner, settings):
    settings.AXES_ENABLED = True
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "commissioner", "wrong")
    assert Kind.LOCKED_OUT in kinds(username="commissioner")


def test_factor_change_and_session_end_recorded(commissioner, no_throttle):
    laptop, phone = Client(), Client()
    post_login(laptop, "commissioner", factories.PASSWORD)
    post_login(phone, "commissioner", factories.PASSWORD)
    sessions = laptop.get(reverse("usersessions_list")).context["sessions"]
    other = next(s for s in sessions if s.session_key != laptop.session.session_key)
    laptop.post(reverse("end-session", args=[other.pk]))
    assert Kind.SESSION_ENDED in kinds(user=commissioner)
    from allauth.mfa import signals

    authenticator = TOTP.activate(commissioner, factories.TOTP_SECRET).instance
    signals.authenticator_added.send(
        sender=None, request=None, user=commissioner, authenticator=authenticator
    )
    assert kinds(user=commissioner)[-1] == Kind.FACTOR_ADDED


def test_deleting_a_signed_in_user_keeps_their_events_by_name(commissioner, no_throttle):
    laptop = Client()
    post_login(laptop, "commissioner", factories.PASSWORD)
    commissioner.delete()
    # The foreign keys are checked at commit; check them now, as the commit would.
    connection.check_constraints()
    events = SignInEvent.objects.order_by("pk").values_list("kind", "username", "user_id")
    assert list(events) == [
        (Kind.SIGNED_IN, "commissioner", None),
        (Kind.SESSION_ENDED, "commissioner", None),
    ]


def test_kept_for_the_configured_time(settings):
    settings.SIGN_IN_AUDIT_DAYS = 30
    old, recent = SignInEvent.objects.create(kind=Kind.FAILED), SignInEvent.objects.create(kind=Kind.FAILED)
    SignInEvent.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=31))
    assert purge_expired() == 1
    assert list(SignInEvent.objects.all()) == [recent]


@pytest.mark.parametrize(("who", "status"), [("superuser", 200), ("commissioner", 302), (None, 302)])
def test_administrators_read_it_in_the_admin(client, who, status, no_throttle):
    SignInEvent.objects.create(kind=Kind.FAILED, username="someone")
    if who == "superuser":
        user = factories.user(is_staff=True, is_superuser=True)
        client.force_login(user)
    elif who:
        client.force_login(factories.user(role="Commissioner"))
    response = client.get("/django-admin/commissioning/signinevent/")
    assert response.status_code == status
    if status == 200:
        assert "someone" in response.content.decode()
