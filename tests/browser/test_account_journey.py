"""The account pages django-allauth serves, in GOV.UK style, with axe: signed in (sessions, ending one,
password change, two-factor) and signed out (password reset, no self sign-up)."""

import re

import pytest
from playwright.sync_api import Page, expect

from .pages import navigation, sign_in, success_banner, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_commissioner_ends_another_session_and_sees_the_account_pages(new_page, commissioner):
    phone = new_page()
    sign_in(phone, commissioner)
    page = new_page()
    sign_in(page, commissioner, then="/account/")
    with navigation(page):
        page.get_by_role("link", name="Your sessions").click()
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(2)
    with navigation(page):
        page.get_by_role("button", name=re.compile(r"^Sign out the session")).click()
    expect(success_banner(page).or_(page.locator(".govuk-notification-banner"))).to_contain_text("signed out")
    expect(rows).to_have_count(1)
    phone.reload()
    expect(phone).to_have_url(re.compile(r"/accounts/login/"))
    for path in ("/accounts/password/change/", "/accounts/2fa/"):
        visit(page, path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_signed_out_pages(page: Page):
    visit(page, "/accounts/password/reset/")
    page.get_by_label(re.compile("e-?mail", re.I)).fill("nobody@example.org")
    with navigation(page):
        page.get_by_role("button", name=re.compile("reset", re.I)).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    visit(page, "/accounts/signup/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have an account here")
