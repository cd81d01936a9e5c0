"""An administrator without a second factor: signs in, is sent to set one up (asked for the password again
first), scans the QR code, types the code, sees recovery codes; every page checked with axe."""

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
