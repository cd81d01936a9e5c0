"""Passkeys (WebAuthn, django-allauth's mfa): added, renamed and removed after proving it again, a second
factor that satisfies "required for administrators", asked for at sign-in, a sign-in of their own when the
council allows it, and every change recorded in the sign-in audit. Driven by a software passkey
(tests/passkey.py) through allauth's real checks."""

import json

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from commissioning import roles, second_factor
from commissioning.models import SignInEvent

from .. import factories
from ..passkey import Passkey
from .test_second_factor import reauthenticate, sign_in

pytestmark = pytest.mark.django_db
Kind = SignInEvent.Kind
WEBAUTHN = Authenticator.Type.WEBAUTHN


@pytest.fixture
def administrator():
    """An administrator who has not set up a second factor yet."""
    return factories.user(role=roles.ADMINISTRATOR, username="admin", second_factor=False)


def js_data(response) -> dict:
    """The options the page hands allauth's script (json_script), as the browser reads them."""
    return response.context["js_data"]


def add_passkey(client, passkey, name="Work laptop", **post):
    """Proves it again if asked, then adds the passkey through the add page as the browser would."""
    if client.get(reverse("mfa_add_webauthn")).status_code == 302:
        reauthenticate(client)
    page = client.get(reverse("mfa_add_webauthn"))
    assert page.status_code == 200
    credential = passkey.create(js_data(page)["creation_options"], resident=bool(post.get("passwordless")))
    return client.post(reverse("mfa_add_webauthn"), {"name": name, "credential": credential, **post})


def passkeys(user):
    return Authenticator.objects.filter(user=user, type=WEBAUTHN)


def test_a_passkey_is_a_second_factor_for_an_administrator(client, administrator, no_throttle):
    sign_in(client, administrator)
    assert client.get(reverse("home"))["Location"] == reverse("mfa_activate_totp")
    # The authenticator app's page offers a passkey instead.
    if client.get(reverse("mfa_activate_totp")).status_code == 302:
        reauthenticate(client)
    assert reverse("mfa_add_webauthn") in client.get(reverse("mfa_activate_totp")).content.decode()
    response = add_passkey(client, Passkey())
    # Recovery codes come with the first factor, shown next.
    assert response.status_code == 302 and response["Location"] == reverse("mfa_view_recovery_codes")
    assert passkeys(administrator).get().wrap().name == "Work laptop"
    assert second_factor.has_second_factor(administrator)
    assert client.get(reverse("home")).status_code == 200


def test_a_wrong_credential_adds_nothing_and_says_so(client, administrator, no_throttle):
    sign_in(client, administrator)
    reauthenticate(client)
    page = client.get(reverse("mfa_add_webauthn"))
    other = Passkey().create(page.context["js_data"]["creation_options"])
    tampered = json.loads(other)
    tampered["response"]["clientDataJSON"] = tampered["response"]["clientDataJSON"][::-1]
    response = client.post(
        reverse("mfa_add_webauthn"), {"name": "Laptop", "credential": json.dumps(tampered)}
    )
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert 'value="Laptop"' in response.content.decode()  # what was typed is kept
    assert not passkeys(administrator).exists()


def test_adding_asks_to_prove_it_again(client, commissioner, no_throttle):
    client.force_login(commissioner)  # a sign-in with no record of how: as if long ago
    response = client.get(reverse("mfa_add_webauthn"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_reauthenticate"))


def test_sign_in_asks_for_the_passkey_after_the_password(client, administrator, no_throttle):
    passkey = Passkey()
    sign_in(client, administrator)
    add_passkey(client, passkey)
    client.post(reverse("logout"))
    response = sign_in(client, administrator)
    assert response["Location"] == reverse("mfa_authenticate")
    page = client.get(reverse("mfa_authenticate"))
    assert "Use your passkey" in page.content.decode()
    credential = passkey.get(js_data(page)["request_options"])
    response = client.post(reverse("mfa_authenticate"), {"credential": credential}, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(administrator.pk)
    signed_in = SignInEvent.objects.filter(kind=Kind.SIGNED_IN, user=administrator).latest("pk")
    assert signed_in.detail == "passkey, password" and signed_in.ip_address == "203.0.113.9"


def test_the_passkey_is_offered_at_sign_in_only_to_someone_with_one(client, no_throttle):
    sign_in(client, factories.user(role=roles.ADMINISTRATOR))  # an authenticator app, no passkey
    page = client.get(reverse("mfa_authenticate")).content.decode()
    assert "Use your passkey" not in page and "or one of your recovery codes" in page


def test_another_persons_passkey_is_refused_at_sign_in(client, administrator, no_throttle):
    other_admin = factories.user(role=roles.ADMINISTRATOR, second_factor=False)
    mine, theirs = Passkey(), Passkey()
    sign_in(client, administrator)
    add_passkey(client, mine)
    client.post(reverse("logout"))
    sign_in(client, other_admin)
    add_passkey(client, theirs)
    client.post(reverse("logout"))
    sign_in(client, administrator)
    page = client.get(reverse("mfa_authenticate"))
    client.post(reverse("mfa_authenticate"), {"credential": theirs.get(js_data(page)["request_options"])})
    assert "_auth_user_id" not in client.session


def passkey_sign_in(client, passkey):
    options = client.get(reverse("mfa_login_webauthn"), HTTP_ACCEPT="application/json").json()
    return client.post(reverse("mfa_login_webauthn"), {"credential": passkey.get(options["request_options"])})


def test_a_passkey_alone_signs_in_when_made_for_it(client, administrator, no_throttle):
    passkey = Passkey()
    sign_in(client, administrator)
    add_passkey(client, passkey, passwordless="on")
    client.post(reverse("logout"))
    login_page = client.get(reverse("login")).content.decode()
    assert 'id="passkey_login"' in login_page and reverse("mfa_login_webauthn") in login_page
    response = passkey_sign_in(client, passkey)
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(administrator.pk)
    assert client.get(reverse("home")).status_code == 200  # the passkey was the second factor too
    signed_in = SignInEvent.objects.filter(kind=Kind.SIGNED_IN, user=administrator).latest("pk")
    assert signed_in.detail == "passkey alone"


def test_a_passkey_alone_needs_the_person_verified(client, administrator, no_throttle):
    passkey = Passkey()
    sign_in(client, administrator)
    add_passkey(client, passkey, passwordless="on")
    client.post(reverse("logout"))
    passkey.user_verified = False  # possession only, no PIN or biometrics
    passkey_sign_in(client, passkey)
    assert "_auth_user_id" not in client.session


def test_passkey_sign_ins_are_throttled_per_address(client, settings):
    assert settings.MFA_RATE_LIMITS["webauthn_login"] == "30/m/ip"
    settings.MFA_RATE_LIMITS = {"webauthn_login": "3/m/ip"}  # fewer requests, the same counting
    url = reverse("mfa_login_webauthn")
    for _ in range(3):  # wrong answers here; right ones count too
        assert client.post(url, {"credential": "{}"}).status_code == 302
    assert client.post(url, {"credential": "{}"}).status_code == 429


def test_someone_who_signs_in_through_the_provider_cannot_skip_it_with_a_passkey(client, no_throttle):
    user = factories.user(role=roles.COMMISSIONER, second_factor=True)
    user.set_unusable_password()  # made by single sign-on
    user.save()
    passkey = Passkey()
    client.force_login(user)
    client.post(reverse("mfa_reauthenticate"), {"code": factories.totp_code()})  # proves it again by code
    add_passkey(client, passkey, passwordless="on")
    client.post(reverse("logout"))
    response = passkey_sign_in(client, passkey)
    assert response["Location"] == reverse("login") and "_auth_user_id" not in client.session
    assert "account_authentication_methods" not in client.session


def test_renaming_and_removing_a_passkey(client, administrator, no_throttle):
    sign_in(client, administrator)
    add_passkey(client, Passkey())
    add_passkey(client, Passkey(), name="Phone")
    laptop, phone = passkeys(administrator).order_by("pk")
    listing = client.get(reverse("mfa_list_webauthn")).content.decode()
    assert "Work laptop" in listing and "Phone" in listing and "govuk-table" in listing
    edit = reverse("mfa_edit_webauthn", args=[laptop.pk])
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"name": ""})
    assert response.status_code == 200 and "govuk-error-message" in response.content.decode()
    client.post(edit, {"name": "Old laptop"})
    laptop.refresh_from_db()
    assert laptop.wrap().name == "Old laptop"
    remove = reverse("mfa_remove_webauthn", args=[phone.pk])
    assert "Phone" in client.get(remove).content.decode()
    assert client.post(remove)["Location"] == reverse("mfa_list_webauthn")
    assert list(passkeys(administrator)) == [laptop]
    details = SignInEvent.objects.filter(user=administrator).values_list("kind", "detail")
    assert (Kind.FACTOR_ADDED, "Passkey 'Phone'") in details
    assert (Kind.FACTOR_REMOVED, "Passkey 'Phone'") in details


def test_removing_asks_to_prove_it_again(client, administrator, no_throttle):
    sign_in(client, administrator)
    add_passkey(client, Passkey())
    key = passkeys(administrator).get()
    session = client.session
    session["account_authentication_methods"] = []  # the sign-in was long ago
    session.save()
    response = client.post(reverse("mfa_remove_webauthn", args=[key.pk]))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert passkeys(administrator).exists()


def test_someone_elses_passkey_cannot_be_seen_renamed_or_removed(client, administrator, no_throttle):
    sign_in(client, administrator)
    add_passkey(client, Passkey(), name="Admin's key")
    key = passkeys(administrator).get()
    other = factories.user(role=roles.COMMISSIONER)
    client.post(reverse("logout"))
    sign_in(client, other)
    reauthenticate(client)
    assert "Admin's key" not in client.get(reverse("mfa_list_webauthn")).content.decode()
    for name in ("mfa_edit_webauthn", "mfa_remove_webauthn"):
        assert client.get(reverse(name, args=[key.pk])).status_code == 404
        assert client.post(reverse(name, args=[key.pk]), {"name": "Mine"}).status_code == 404
    key.refresh_from_db()
    assert key.wrap().name == "Admin's key"


@pytest.mark.parametrize("page", ["mfa_list_webauthn", "mfa_add_webauthn", "mfa_index"])
def test_passkey_pages_need_a_sign_in(client, page):
    response = client.get(reverse(page))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_account_page_lists_passkeys_beside_the_app_and_recovery_codes(
    client, administrator, no_throttle
):
    sign_in(client, administrator)
    add_passkey(client, Passkey())
    page = client.get(reverse("account:profile")).content.decode()
    assert "Work laptop" in page and "Authenticator app" in page and "Recovery codes" in page
    assert reverse("mfa_list_webauthn") in page
    index = client.get(reverse("mfa_index")).content.decode()
    assert "Passkeys" in index and "Work laptop" in index
