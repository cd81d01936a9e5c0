"""An administrator without a second factor: signs in, is sent to set one up (asked for the password again
first), scans the QR code, types the code, sees recovery codes; or adds a passkey instead (Chromium's virtual
authenticator), then signs in with it after the password and with it alone, and removes it. Every page checked
with axe."""

import re

import pytest
from playwright.sync_api import Page, expect

from commissioning import roles

from .. import factories
from .pages import navigation, sign_out_button, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


current_code = factories.totp_code


def test_an_administrator_sets_up_an_authenticator_app_before_anything_else(page: Page):
    user = factories.user(role=roles.ADMINISTRATOR, username="new-admin", second_factor=False)
    visit(page, "/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(factories.PASSWORD)
    with navigation(page):
        page.get_by_role("button", name="Sign in", exact=True).click()
    # Sent to confirm the password again, then to the authenticator app's page.
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    page.get_by_label("Password").fill(factories.PASSWORD)
    with navigation(page):
        page.get_by_role("button", name=re.compile("Confirm", re.I)).click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    expect(page.locator("img[src^='data:image/svg+xml']")).to_be_visible()
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label(re.compile("code", re.I)).fill(current_code(secret))
    with navigation(page):
        page.get_by_role("button", name=re.compile("Activate", re.I)).click()
    expect(sign_out_button(page)).to_be_visible()
    with navigation(page):
        page.goto("/")
    expect(page).to_have_url(re.compile(r"/$"))


def virtual_authenticator(page: Page):
    """Chromium's virtual authenticator (DevTools protocol): a platform passkey that keeps its credentials
    (resident keys) and verifies the person, touched automatically. The live server is http://localhost, a
    secure context for WebAuthn, and allauth's relying party id is the request's host: the two match."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    options = {
        "protocol": "ctap2",
        "transport": "internal",
        "hasResidentKey": True,
        "hasUserVerification": True,
        "isUserVerified": True,
        "automaticPresenceSimulation": True,
    }
    authenticator = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": options})["authenticatorId"]
    return lambda: cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]


def sign_in_with_password(page: Page, user):
    if not page.url.endswith("/accounts/login/"):
        visit(page, "/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(factories.PASSWORD)
    with navigation(page):
        page.get_by_role("button", name="Sign in", exact=True).click()


def sign_out(page: Page):
    with navigation(page):
        sign_out_button(page).click()


def test_an_administrator_adds_a_passkey_and_signs_in_with_it(page: Page):
    user = factories.user(role=roles.ADMINISTRATOR, username="passkey-admin", second_factor=False)
    credentials = virtual_authenticator(page)
    sign_in_with_password(page, user)
    page.get_by_label("Password").fill(factories.PASSWORD)  # asked again before setting up a factor
    with navigation(page):
        page.get_by_role("button", name=re.compile("Confirm", re.I)).click()
    with navigation(page):
        page.get_by_role("link", name="Add a passkey instead").click()
    page.get_by_label("Name").fill("Work laptop")
    page.get_by_label(re.compile("sign in alone")).check()
    with navigation(page):
        page.get_by_role("button", name="Add passkey").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/recovery-codes/"))  # shown with the first factor
    assert len(credentials()) == 1
    visit(page, "/accounts/2fa/")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Work laptop")
    with navigation(page):
        page.get_by_role("link", name=re.compile("Manage")).click()
    expect(page.locator("tbody tr")).to_have_count(1)
    with navigation(page):
        page.get_by_role("link", name=re.compile("Rename")).click()
    page.get_by_label("Name").fill("Old laptop")
    with navigation(page):
        page.get_by_role("button", name="Save").click()
    expect(page.locator("tbody")).to_contain_text("Old laptop")
    sign_out(page)

    # Password, then the passkey as the second factor.
    sign_in_with_password(page, user)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    with navigation(page):
        page.get_by_role("button", name="Use your passkey").click()
    expect(sign_out_button(page)).to_be_visible()
    sign_out(page)

    # The passkey alone, from the sign-in page.
    with navigation(page):
        page.get_by_role("button", name="Sign in with a passkey").click()
    expect(sign_out_button(page)).to_be_visible()

    # Removing it asks to prove it again (by the passkey here), then confirms.
    visit(page, "/accounts/2fa/webauthn/")
    with navigation(page):
        page.get_by_role("link", name=re.compile("Remove")).click()
    with navigation(page):
        page.get_by_role("link", name="Use your passkey").click()
    with navigation(page):
        page.get_by_role("button", name="Use your passkey").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Remove the passkey 'Old laptop'?")
    with navigation(page):
        page.get_by_role("button", name="Remove passkey").click()
    expect(page.get_by_text("You have no passkeys.")).to_be_visible()
