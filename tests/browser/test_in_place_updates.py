"""The item sections' add and remove forms update the list in place (htmx), without a new page."""

import pytest
from playwright.sync_api import Page, expect

from .pages import field, in_place, sign_in, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def outcomes_page(page: Page, commissioner, own_strategy):
    sign_in(page, commissioner)
    visit(page, f"/strategies/{own_strategy.pk}/outcomes/")
    return page


def test_an_add_with_a_mistake_shows_the_errors_in_place(outcomes_page: Page):
    page = outcomes_page
    with in_place(page, "errors shown in place"):
        page.get_by_role("button", name="Add outcome").click()
        summary = page.locator("#items .govuk-error-summary")
        expect(summary.get_by_role("link")).to_have_text(["Enter title"])
    expect(page.locator("#id_title-error")).to_have_text("Error: Enter title")
    expect(field(page, "Title")).to_have_attribute("aria-describedby", "id_title-hint id_title-error")
    expect(page.locator("#items")).to_contain_text("Nothing recorded yet.")


def test_focus_moves_to_the_result_of_an_in_place_add(outcomes_page: Page):
    page = outcomes_page
    with in_place(page):
        page.get_by_role("button", name="Add outcome").click()
        summary = page.locator("#items .govuk-error-summary")
        expect(summary).to_be_visible()
    expect(summary).to_be_focused(timeout=2_000)
    summary.get_by_role("link", name="Enter title").click()
    expect(field(page, "Title")).to_be_focused(timeout=2_000)

    field(page, "Title").fill("Children are safe")
    with in_place(page):
        page.get_by_role("button", name="Add outcome").click()
        confirmation = page.locator("#items [data-focus-after-swap]")
        expect(confirmation).to_have_text("Added: Children are safe")
    expect(confirmation).to_be_focused(timeout=2_000)


def test_in_place_confirmations_are_not_repeated_on_the_next_page(outcomes_page: Page, own_strategy):
    page = outcomes_page
    field(page, "Title").fill("Children are safe")
    with in_place(page):
        page.get_by_role("button", name="Add outcome").click()
        expect(page.locator("#items [data-focus-after-swap]")).to_have_text("Added: Children are safe")
    with in_place(page):
        page.get_by_role("button", name="Remove Children are safe").click()
        expect(page.locator("#items")).to_contain_text("Nothing recorded yet.")
        removed = page.locator("#items [data-focus-after-swap]")
        expect(removed).to_have_text("Removed: Children are safe")
    expect(removed).to_be_focused(timeout=2_000)
    visit(page, own_strategy.get_absolute_url())
    expect(page.locator(".govuk-notification-banner")).to_have_count(0)
