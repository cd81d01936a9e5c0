"""A commissioner creates a personal API token on their profile page, sees it once, uses it, and revokes it;
the profile page (with its error summary), the open data page and the accessibility statement pass axe-core."""

import re

import pytest
from playwright.sync_api import Page, expect

from .pages import field, navigation, sign_in, success_banner, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_commissioner_creates_a_token_sees_it_once_and_revokes_it(page: Page, commissioner, live_server):
    sign_in(page, commissioner)
    with navigation(page):
        page.get_by_role("link", name="Your account").click()
    expect(page.get_by_role("heading", name="Personal API tokens")).to_be_visible()
    expect(page.get_by_text("You have no tokens.")).to_be_visible()

    with navigation(page):  # no name: the error summary, checked by axe
        page.get_by_role("button", name="Create token").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter a name for the token")
    expect(page).to_have_title(re.compile(r"^Error: "))

    field(page, "Name").fill("Performance team KPI upload")
    page.get_by_label("In 30 days").check()
    with navigation(page):
        page.get_by_role("button", name="Create token").click()
    expect(page.get_by_role("heading", name="Token created")).to_be_visible()
    secret = page.locator("[data-token]").inner_text().strip()
    assert secret.startswith("cms_")
    row = page.locator("tr", has_text="Performance team KPI upload")
    expect(row).to_contain_text("Active")

    api = page.request.get(f"{live_server.url}/api/kpis/", headers={"Authorization": f"Bearer {secret}"})
    assert api.status == 200

    visit(page, "/account/")  # shown once: never again
    expect(page.get_by_text(secret)).to_have_count(0)
    with navigation(page):
        page.get_by_role("button", name="Revoke Performance team KPI upload").click()
    expect(success_banner(page)).to_contain_text("is revoked")
    expect(page.locator("tr", has_text="Performance team KPI upload")).to_contain_text("Revoked")
    expect(page.get_by_role("button", name=re.compile("^Revoke"))).to_have_count(0)

    refused = page.request.get(f"{live_server.url}/api/kpis/", headers={"Authorization": f"Bearer {secret}"})
    assert refused.status == 401


def test_the_open_data_page_is_public_and_accessible(page: Page, commissioner):
    visit(page, "/open-data/")  # signed out
    expect(page.get_by_role("heading", name="Open data", level=1)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Download the contracts register"))).to_be_visible()
    sign_in(page, commissioner)
    with navigation(page):
        page.get_by_role("contentinfo").get_by_role("link", name="Open data").click()
    expect(page.get_by_text("No plans are published yet.")).to_be_visible()


def test_the_accessibility_statement_is_public_and_accessible(page: Page):
    visit(page, "/accounts/login/")  # signed out: the footer links to it
    with navigation(page):
        page.get_by_role("contentinfo").get_by_role("link", name="Accessibility statement").click()
    expect(page.get_by_role("heading", name="Accessibility statement for", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Enforcement procedure")).to_be_visible()
