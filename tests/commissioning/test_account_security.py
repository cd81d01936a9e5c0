"""Self-service account: one's own sessions (end one, or all the others), password reset by e-mail that
says the same for an unknown address, and password change."""

import pytest
from allauth.usersessions.models import UserSession
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commissioning import middleware

from .. import factories

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client(HTTP_USER_AGENT="Test browser")
    response = client.post(reverse("login"), {"username": user.username, "password": factories.PASSWORD})
    assert response.status_code == 302
    return client


def test_ending_another_of_ones_sessions_signs_it_out_at_its_next_request(commissioner, no_throttle):
    laptop, phone = signed_in(commissioner), signed_in(commissioner)
    page = laptop.get(reverse("usersessions_list"))
    assert page.status_code == 200
    sessions = page.context["sessions"]
    assert len(sessions) == 2
    other = next(s for s in sessions if s.session_key != laptop.session.session_key)
    response = laptop.post(reverse("end-session", args=[other.pk]))
    assert response.status_code == 302
    assert phone.get(reverse("home"))["Location"].startswith(reverse("login"))
    assert laptop.get(reverse("home")).status_code == 200


def test_someone_elses_session_cannot_be_ended(commissioner, commissioner2, no_throttle):
    mine, theirs = signed_in(commissioner), signed_in(commissioner2)
    their_session = theirs.get(reverse("usersessions_list")).context["sessions"][0]
    assert mine.post(reverse("end-session", args=[their_session.pk])).status_code == 404
    assert theirs.get(reverse("home")).status_code == 200


def test_sign_out_everywhere_else(commissioner, no_throttle):
    laptop, phone, tablet = signed_in(commissioner), signed_in(commissioner), signed_in(commissioner)
    laptop.post(reverse("usersessions_list"))
    assert phone.get(reverse("home")).status_code == 302
    assert tablet.get(reverse("home")).status_code == 302
    assert laptop.get(reverse("home")).status_code == 200


def test_password_reset_by_email_and_the_same_answer_for_an_unknown_address(
    client, commissioner, no_throttle
):
    known = client.post(reverse("account_reset_password"), {"email": commissioner.email}, follow=True)
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"}, follow=True)
    assert known.status_code == unknown.status_code == 200
    assert known.content.decode().split("<main")[1] == unknown.content.decode().split("<main")[1]
    (message,) = [m for m in mail.outbox if commissioner.email in m.to]
    link = next(word for word in message.body.split() if "/accounts/password/reset/key/" in word)
    path = link.split("://", 1)[-1].split("/", 1)[1]
    form = client.get("/" + path, follow=True)
    assert form.status_code == 200
    new = "a-new-long-passphrase-77"
    response = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else "/" + path,
        {"password1": new, "password2": new},
    )
    assert response.status_code == 302
    commissioner.refresh_from_db()
    assert commissioner.check_password(new)


def test_password_change(commissioner, no_throttle):
    client = signed_in(commissioner)
    new = "another-long-passphrase-88"
    page = client.get(reverse("account_change_password"))
    assert page.status_code == 200 and "govuk-input" in page.content.decode()
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": factories.PASSWORD, "password1": new, "password2": new},
    )
    assert response.status_code == 302
    commissioner.refresh_from_db()
    assert commissioner.check_password(new)


def test_profile_links_to_sessions_and_two_factor(commissioner, no_throttle):
    page = signed_in(commissioner).get(reverse("account:profile")).content.decode()
    assert reverse("usersessions_list") in page and reverse("mfa_index") in page


def _usersession_queries(client, path="/", **headers) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, **headers).status_code == 200
    return sum("usersessions_usersession" in q["sql"] for q in queries.captured_queries)


def test_a_session_is_seen_again_once_a_minute_or_at_once_from_another_address_or_browser(
    commissioner, no_throttle, monkeypatch
):
    client = signed_in(commissioner)
    now = [1_000_000.0]
    monkeypatch.setattr(middleware.time, "time", lambda: now[0])
    assert _usersession_queries(client) > 0  # the first request tracks it
    assert _usersession_queries(client) == 0  # ...the next within the minute does not
    now[0] += 30
    assert _usersession_queries(client, REMOTE_ADDR="192.0.2.7") > 0  # another address: at once
    assert UserSession.objects.get(session_key=client.session.session_key).ip == "192.0.2.7"
    assert _usersession_queries(client, REMOTE_ADDR="192.0.2.7", HTTP_USER_AGENT="Other browser") > 0
    now[0] += middleware.TRACK_EVERY_SECONDS - 1
    assert _usersession_queries(client, REMOTE_ADDR="192.0.2.7", HTTP_USER_AGENT="Other browser") == 0
    now[0] += 1
    assert _usersession_queries(client, REMOTE_ADDR="192.0.2.7", HTTP_USER_AGENT="Other browser") > 0
    # The unread count, fetched by every page, is not activity: never tracked, the session never written.
    now[0] += 120
    assert _usersession_queries(client, reverse("notification-count")) == 0
