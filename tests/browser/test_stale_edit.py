"""Two commissioners edit the same section: the second save is refused, nothing of theirs is lost."""

import re

import pytest
from playwright.sync_api import expect

from strategies import services

from .pages import field, navigation, sign_in, success_banner, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ISSUES = "Emerging issues and conflicting drivers"


def test_a_stale_save_is_refused_showing_what_changed_and_keeping_what_was_typed(
    new_page, commissioner, commissioner2, own_strategy
):
    services.update_strategy(
        strategy=own_strategy,
        seen_version=own_strategy.version,
        changes={"commissioners": [commissioner2]},
        acting_user=commissioner,
    )
    first, second = new_page(), new_page()
    sign_in(first, commissioner)
    sign_in(second, commissioner2)
    section = f"/strategies/{own_strategy.pk}/issues/"
    visit(first, section)
    visit(second, section)

    field(first, ISSUES).fill("Demand is rising while the budget falls.")
    with navigation(first):
        first.get_by_role("button", name="Save emerging issues and data gaps").click()
    expect(success_banner(first)).to_contain_text("Emerging issues and data gaps saved.")

    mine = "Schools and health visitors disagree on thresholds."
    field(second, ISSUES).fill(mine)
    with navigation(second):
        second.get_by_role("button", name="Save emerging issues and data gaps").click()
    expect(second).to_have_title(
        re.compile(rf"^Error: Emerging issues and data gaps – {own_strategy.reference} ")
    )
    summary = second.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading")).to_have_text("Your changes have not been saved")
    expect(summary).to_contain_text(f"Someone else changed this by {commissioner} while you were editing it.")
    table = summary.get_by_role("table")
    expect(table.locator("caption")).to_contain_text(f"What {commissioner} changed at")
    expect(table.get_by_role("row", name=ISSUES.capitalize())).to_contain_text(
        "Demand is rising while the budget falls."
    )
    expect(field(second, ISSUES)).to_have_value(mine)
    own_strategy.refresh_from_db()
    assert own_strategy.emerging_issues == "Demand is rising while the budget falls."
