"""Rights matrix of the sign-in and account pages: anonymous, a commissioner, an administrator (who has a
second factor), and a Django superuser for the audit."""

import pytest
from django.urls import reverse

from commissioning import roles

from .. import factories

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
# page -> expected status for (anonymous, commissioner, administrator); "login" = sent to sign in.
PAGES = {
    "/accounts/login/": (200, 302, 302),
    "/accounts/password/reset/": (200, 200, 200),
    "/accounts/signup/": (200, 302, 302),
    "/accounts/sessions/": ("login", 200, 200),
    "/accounts/2fa/": ("login", 200, 200),
    "/accounts/2fa/webauthn/": ("login", 200, 200),
    # Adding a passkey asks to prove it again first (a force_login keeps no record of how).
    "/accounts/2fa/webauthn/add/": ("login", 302, 302),
    # Signing in with a passkey: its options are fetched by script; the page itself is the sign-in page.
    "/accounts/2fa/webauthn/login/": (302, 302, 302),
    "/accounts/password/change/": ("login", 200, 200),
    "/account/": ("login", 200, 200),
    "/django-admin/commissioning/signinevent/": (302, 302, 302),
}
PEOPLE = ["anonymous", "commissioner", "administrator"]


def client_for(client, who):
    if who != "anonymous":
        client.force_login(
            factories.user(role=roles.COMMISSIONER if who == "commissioner" else roles.ADMINISTRATOR)
        )
    return client


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("who", PEOPLE)
def test_who_sees_which_account_page(client, path, who, no_throttle):
    expected = PAGES[path][PEOPLE.index(who)]
    response = client_for(client, who).get(path)
    if expected == "login":
        assert response.status_code == 302 and response["Location"].startswith(LOGIN), response.get(
            "Location"
        )
    else:
        assert response.status_code == expected, (path, who, response.get("Location"))


def test_the_audit_is_for_superusers(client):
    client.force_login(factories.user(is_staff=True, is_superuser=True))
    assert client.get("/django-admin/commissioning/signinevent/").status_code == 200


@pytest.mark.parametrize("who", PEOPLE)
def test_ending_a_session_is_for_its_owner_only(client, who, commissioner, no_throttle):
    from django.test import Client

    owner = Client()
    owner.post(reverse("login"), {"username": commissioner.username, "password": factories.PASSWORD})
    session = owner.get(reverse("usersessions_list")).context["sessions"][0]
    response = client_for(client, who).post(reverse("end-session", args=[session.pk]))
    assert response.status_code == (302 if who == "anonymous" else 404)
    assert owner.get(reverse("home")).status_code == 200
