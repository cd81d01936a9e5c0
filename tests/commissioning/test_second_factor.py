"""Two-factor authentication: required for administrators (set up before anything else), asked at sign-in
once set up, and asked again before an administrator creates an API token."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from commissioning import roles

from .. import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator():
    """An administrator who has not set up a second factor yet."""
    return factories.user(role=roles.ADMINISTRATOR, username="admin", second_factor=False)


code = factories.totp_code


def sign_in(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": factories.PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def reauthenticate(client):
    """allauth asks for the password again before factors change, even just after signing in."""
    page = client.get(reverse("account_reauthenticate"))
    assert page.status_code == 200 and "govuk-input" in page.content.decode()
    response = client.post(reverse("account_reauthenticate"), {"password": factories.PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]


def set_up_totp(client) -> str:
    assert client.get(reverse("mfa_activate_totp"))["Location"].startswith(reverse("account_reauthenticate"))
    reauthenticate(client)
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret
    assert 'src="data:image/svg+xml' in page.content.decode() and "govuk-button" in page.content.decode()
    response = client.post(reverse("mfa_activate_totp"), {"code": code(secret)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return secret


def test_an_administrator_without_a_second_factor_is_sent_to_set_one_up(client, administrator, no_throttle):
    sign_in(client, administrator)
    for path in (reverse("home"), reverse("account:profile")):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    set_up_totp(client)
    assert Authenticator.objects.filter(user=administrator, type=Authenticator.Type.TOTP).exists()
    assert Authenticator.objects.filter(user=administrator, type=Authenticator.Type.RECOVERY_CODES).exists()
    assert client.get(reverse("home")).status_code == 200


def test_a_commissioner_need_not_unless_required_for_all(client, commissioner, no_throttle, settings):
    sign_in(client, commissioner)
    assert client.get(reverse("home")).status_code == 200
    settings.MFA_REQUIRED_FOR_ALL = True
    assert client.get(reverse("home"))["Location"] == reverse("mfa_activate_totp")


def test_a_wrong_code_is_refused_and_changes_nothing(client, administrator, no_throttle):
    sign_in(client, administrator)
    reauthenticate(client)
    client.get(reverse("mfa_activate_totp"))
    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert response.status_code == 200 and "govuk-error-message" in response.content.decode()
    assert not Authenticator.objects.filter(user=administrator).exists()


def test_sign_in_asks_for_the_code_once_set_up(client, administrator, no_throttle):
    sign_in(client, administrator)
    secret = set_up_totp(client)
    client.post(reverse("logout"))
    response = sign_in(client, administrator)
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": code(secret)})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(administrator.pk)


def test_creating_an_api_token_asks_an_administrator_again(client, administrator, no_throttle):
    sign_in(client, administrator)
    set_up_totp(client)
    session = client.session
    session["account_authentication_methods"] = []  # the sign-in was long ago
    session.save()
    assert client.get(reverse("account:profile")).status_code == 200
    response = client.post(reverse("account:profile"), {"name": "KPI upload", "expires": "30"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_reauthenticate"))
    assert not administrator.api_tokens.exists()
    # Asked again (their password here; their code works too), then the token is made.
    reauthenticate(client)
    client.post(reverse("account:profile"), {"name": "KPI upload", "expires": "30"})
    assert administrator.api_tokens.filter(name="KPI upload").exists()


def test_a_commissioner_creates_a_token_without_being_asked_again(client, commissioner, no_throttle):
    client.force_login(commissioner)
    client.post(reverse("account:profile"), {"name": "KPI upload", "expires": "30"})
    assert commissioner.api_tokens.filter(name="KPI upload").exists()


def test_roles_requiring_a_second_factor_are_configurable(client, settings, no_throttle):
    settings.MFA_REQUIRED_ROLES = [roles.COMMISSIONER]
    user = factories.user(role=roles.COMMISSIONER, second_factor=False)
    sign_in(client, user)
    assert client.get(reverse("home"))["Location"] == reverse("mfa_activate_totp")


def test_administrators_made_by_the_factory_have_a_factor_and_are_asked_for_it(client, no_throttle):
    user = factories.user(role=roles.ADMINISTRATOR)
    response = sign_in(client, user)
    assert response["Location"] == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": code(factories.TOTP_SECRET)})
    assert client.get(reverse("home")).status_code == 200


def test_second_factor_codes_are_throttled(client, no_throttle):
    user = factories.user(role=roles.ADMINISTRATOR)
    sign_in(client, user)
    for _ in range(10):
        client.post(reverse("mfa_authenticate"), {"code": "000000"})
    response = client.post(reverse("mfa_authenticate"), {"code": code(factories.TOTP_SECRET)})
    assert "_auth_user_id" not in client.session  # even the right code waits now
    assert "too many" in response.content.decode().lower()
