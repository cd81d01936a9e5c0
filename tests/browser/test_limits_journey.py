"""A commissioner writes past a section's limit (issue 16 item 4): the GOV.UK character count says how far
over they are as they type; saving anyway is refused by the field, keeping the text; and a form past the
request limit gets a page that explains it, with a way back."""

import pytest
from playwright.sync_api import expect

from strategies.models import Strategy

from .pages import field, navigation, sign_in, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ISSUES = "Emerging issues and conflicting drivers"
SAVE = "Save emerging issues and data gaps"


def test_the_character_count_warns_and_the_save_is_refused_keeping_the_text(
    new_page, commissioner, own_strategy
):
    page = new_page()
    sign_in(page, commissioner)
    visit(page, f"/strategies/{own_strategy.pk}/issues/")
    count = page.locator("#id_emerging_issues-info")
    expect(count).to_have_text("You can enter up to 20,000 characters")  # the text without JavaScript
    typed = "x" * 20_005
    field(page, ISSUES).fill(typed)
    group = page.locator(".govuk-character-count", has=page.locator("#id_emerging_issues"))
    expect(group.locator(".govuk-character-count__status")).to_have_text("You have 5 characters too many")
    with navigation(page):
        page.get_by_role("button", name=SAVE).click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(
        "Emerging issues and conflicting drivers must be 20,000 characters or fewer"
    )
    expect(field(page, ISSUES)).to_have_value(typed)
    assert Strategy.objects.get(pk=own_strategy.pk).emerging_issues == ""


def test_a_form_past_the_request_limit_gets_a_page_that_explains_it(
    new_page, settings, commissioner, own_strategy
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000
    page = new_page()
    sign_in(page, commissioner)
    section = f"/strategies/{own_strategy.pk}/issues/"
    visit(page, section)
    field(page, ISSUES).fill("Demand is rising. " * 200)  # 3,600 characters: within the field's limit
    with navigation(page):
        page.get_by_role("button", name=SAVE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What you sent is too large")
    expect(page.locator("main")).to_contain_text("Nothing has been saved.")
    expect(page.get_by_role("link", name="Back to the form")).to_have_attribute(
        "href", f"{page.url.split('/strategies')[0]}{section}"
    )
