"""Councillors, scrutiny members and the gateway panel read strategies but cannot change them; an
administrator can change anyone's, and the change is recorded with their name."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from strategies.models import Outcome

from .. import factories
from .pages import axe, field, navigation, sign_in, success_banner, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CANNOT_MOVE = "Only this strategy's commissioners and administrators can move it through the cycle."
CANNOT_CHANGE = "Only this strategy's commissioners and administrators can change it."


@pytest.fixture
def planned_strategy(commissioner, own_strategy):
    return factories.StrategyFactory(
        commissioner=commissioner, title="Adults are safe and well", other=own_strategy, in_plan=True
    )


@pytest.mark.parametrize("role", ["councillor", "scrutiny", "gateway"])
def test_readers_see_strategies_but_cannot_change_them(
    request, page: Page, role, own_strategy, planned_strategy
):
    reader = request.getfixturevalue(role)
    sign_in(page, reader)

    with navigation(page):
        page.get_by_role("link", name="Strategies", exact=True).click()
    expect(page.get_by_role("button", name="Create a strategy")).to_have_count(0)
    expect(page.get_by_role("status")).to_have_text("2 strategies")
    field(page, "Stage").select_option(label="Plan")
    with navigation(page):
        page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("status")).to_have_text("1 strategy")
    table = page.get_by_role("table")
    expect(table).to_contain_text(planned_strategy.title)
    expect(table).not_to_contain_text(own_strategy.title)
    expect(table.get_by_text("You can edit")).to_have_count(0)

    with navigation(page):
        page.get_by_role("link", name=planned_strategy.title).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(planned_strategy.title)
    expect(page.get_by_role("link", name=re.compile(r"^Change\b"))).to_have_count(0)
    for label in ("Move to Do", "Archive"):
        expect(page.get_by_role("button", name=label)).to_have_count(0)
        refusal = page.locator(".app-refusal").filter(has_text=f"{label}: not yet")
        expect(refusal).to_contain_text(CANNOT_MOVE)

    with navigation(page):
        page.get_by_role("navigation", name=re.compile(r"^This strategy")).get_by_role(
            "link", name="Analyse content"
        ).click()
    expect(page.get_by_role("link", name=re.compile(r"^Change\b"))).to_have_count(0)
    expect(page.get_by_role("link", name="View outcomes")).to_be_visible()

    with navigation(page):
        page.get_by_role("link", name="View outcomes").click()
    expect(page.locator(".govuk-inset-text")).to_have_text(CANNOT_CHANGE)
    expect(page.get_by_role("main").get_by_role("button")).to_have_count(0)  # no Add, no Remove
    expect(page.get_by_role("link", name=re.compile(r"^Change\b"))).to_have_count(0)

    outcome = Outcome.objects.filter(strategy=planned_strategy).first()
    for path, reason in [
        (f"/strategies/{planned_strategy.pk}/outcomes/{outcome.pk}/edit/", CANNOT_CHANGE),
        (f"/strategies/{planned_strategy.pk}/move/start_delivery/", CANNOT_MOVE),
        ("/strategies/new/", "Only commissioners and administrators can create strategies."),
    ]:
        visit(page, path, status=403)
        expect(page.get_by_role("heading", level=1)).to_have_text("You cannot do that")
        expect(page.get_by_role("main")).to_contain_text(reason)


def test_administrator_changes_another_commissioners_strategy_and_history_names_them(
    page: Page, administrator, other_strategy
):
    sign_in(page, administrator)
    visit(page, reverse("strategies:content", args=[other_strategy.pk]))
    with navigation(page):
        page.get_by_role("link", name="Change summary of findings").click()
    findings = "Needs have grown faster than the population. ASB means anti-social behaviour."
    field(page, "Summary of findings").fill(findings)
    with navigation(page):
        page.get_by_role("button", name="Save summary of findings").click()
    expect(success_banner(page)).to_contain_text("Summary of findings saved.")
    other_strategy.refresh_from_db()
    assert other_strategy.summary_of_findings == findings

    # Issue 23: the section says what the minimum requirements ask, and leads to the guidance on the cycle.
    page.get_by_text("What the minimum requirements ask").click()
    expect(page.locator(".govuk-details__text").filter(has_text="plain English")).to_be_visible()
    axe(page, "the minimum requirements open")
    with navigation(page):
        page.get_by_role("link", name="How the commissioning cycle works").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How commissioning works")
    expect(page.get_by_role("heading", name="7. What the gateway panel does")).to_be_visible()
    with navigation(page):
        page.go_back()

    with navigation(page):
        page.get_by_role("navigation", name=re.compile(r"^This strategy")).get_by_role(
            "link", name="History"
        ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Every change")
    change = page.locator(".govuk-summary-card").filter(has_text=findings)
    expect(change).to_have_count(1)
    expect(change).to_contain_text(f"by {administrator}")
    expect(change.get_by_role("row", name=re.compile(r"^Summary of findings"))).to_contain_text(findings)


def test_a_commissioner_asks_for_a_portfolio_holder_and_the_administrator_sees_it_first(
    page: Page, commissioner, administrator, own_strategy
):
    """Issue 19: no "Send the request" that can only fail; the ask reaches the administrator's tasks (their
    dashboard leads with them), their notifications, and the search finds the strategy."""
    sign_in(page, commissioner, then=f"/strategies/{own_strategy.pk}/approvals/outcomes/")
    expect(page.get_by_role("button", name="Send the request")).to_have_count(0)
    with navigation(page):
        page.get_by_role("button", name=re.compile("^Ask an administrator to assign one")).click()
    field(page, "Anything the administrator should know").fill("Cllr Patel agreed to hold it.")
    with navigation(page):
        page.get_by_role("button", name="Send to the administrators").click()
    expect(success_banner(page)).to_contain_text("The administrators are asked to assign a portfolio holder")

    page.context.clear_cookies()
    sign_in(page, administrator)
    tasks = page.get_by_role("table").filter(has_text="open task")
    expect(page.get_by_role("heading", level=2).first).to_have_text("Your tasks")
    request_row = tasks.get_by_role("row").filter(has_text="asks you to assign a portfolio holder")
    expect(request_row).to_contain_text(own_strategy.reference)
    expect(page.get_by_role("link", name=re.compile("^Notifications"))).to_contain_text("unread")
    with navigation(page):
        request_row.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Portfolio holders and scrutiny")
    expect(page.get_by_role("main")).to_contain_text("Cllr Patel agreed to hold it.")

    with navigation(page):
        page.get_by_role("link", name=re.compile("^Notifications")).click()
    expect(page.get_by_role("main")).to_contain_text(
        f"Please assign a portfolio holder to {own_strategy.reference}"
    )

    page.get_by_label("Search everything").fill(own_strategy.title.split()[0])
    with navigation(page):
        page.get_by_role("search", name="Site search").get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name=re.compile("^Strategies"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(own_strategy.reference))).to_be_visible()
