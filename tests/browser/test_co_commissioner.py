"""A co-commissioner saves the strategy's Overview (issue 16): who commissions it is shown read-only to them,
and the rest of the Overview saves."""

import pytest
from playwright.sync_api import expect

from strategies import services
from strategies.models import Strategy

from .pages import field, navigation, sign_in, success_banner, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_co_commissioner_changes_the_purpose_and_sees_the_commissioners_read_only(
    new_page, commissioner, commissioner2, own_strategy
):
    services.update_strategy(
        strategy=own_strategy,
        seen_version=own_strategy.version,
        changes={"commissioners": [commissioner2]},
        acting_user=commissioner,
    )
    page = new_page()
    sign_in(page, commissioner2)
    visit(page, f"/strategies/{own_strategy.pk}/overview/")
    others = page.get_by_role("group", name="Other commissioners")
    expect(others).to_contain_text("Only administrators and the accountable commissioner can change this.")
    expect(others.get_by_role("checkbox", name=str(commissioner2))).to_be_disabled()
    expect(others.get_by_role("checkbox", name=str(commissioner2))).to_be_checked()
    expect(page.get_by_label("Accountable commissioner")).to_be_disabled()

    field(page, "Purpose").fill("Children and families get the right help at the right time.")
    with navigation(page):
        page.get_by_role("button", name="Save overview").click()
    expect(success_banner(page)).to_contain_text("Overview saved.")
    saved = Strategy.objects.get(pk=own_strategy.pk)
    assert saved.purpose == "Children and families get the right help at the right time."
    assert list(saved.commissioners.all()) == [commissioner2]
    assert saved.accountable_commissioner == commissioner
