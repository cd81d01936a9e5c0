"""Do and Review through the pages: the commissioner follows "Delivery and performance" from a strategy in
Do, records a contract, defines a lower-is-better KPI with a tolerance, records two periods' actuals and
reads the status and direction of travel on the KPI page and in the highlight report; a councillor reads
the same pages without any form to change them. Every page is checked with axe-core."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from delivery.models import Contract, Kpi, Locality, Measurement
from delivery.services import (
    create_contract,
    create_kpi,
    record_locality_measurements,
    record_measurement,
    save_review,
)
from plans.models import Channel
from strategies.models import CouncilPriority, Strategy

from .. import factories
from .pages import field, fill_date, navigation, sign_in, success_banner, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KPI = "Re-referrals within 12 months"
CONTRACT = "Family support contract"
PROVIDER = "Action Kids"


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def main(page: Page) -> Locator:
    return page.get_by_role("main")


def details(page: Page, summary: str) -> Locator:
    return page.locator("details").filter(has=page.locator("summary", has_text=summary))


def summary_row(page: Page, key: str) -> Locator:
    keys = page.locator(".govuk-summary-list__key").get_by_text(key, exact=True)
    return page.locator(".govuk-summary-list").first.locator(".govuk-summary-list__row").filter(has=keys)


def in_do(commissioner) -> Strategy:
    """The commissioner's strategy in Do: Analyse complete and approved, a complete plan approved, adopting
    a four-year family support contract."""
    return factories.StrategyFactory(
        commissioner=commissioner,
        title="Families get help early",
        channel=Channel.EXTERNAL_CONTRACT,
        delivering=True,
    )


def test_commissioner_records_delivery_and_reads_the_highlight_report(page: Page, commissioner):
    strategy = in_do(commissioner)
    ref = strategy.reference
    today = timezone.localdate()
    start, end = today - timedelta(days=30), today + timedelta(days=4 * 365)

    sign_in(page, commissioner)
    visit(page, strategy.get_absolute_url())
    with navigation(page):
        main(page).get_by_role("link", name="Delivery and performance").click()
    expect(h1(page)).to_have_text("Delivery and performance")
    expect(main(page)).to_contain_text("No contracts or grants are recorded yet.")
    expect(main(page)).to_contain_text("No KPIs are defined yet.")

    # A contract delivering the adopted option.
    recording = details(page, "Record a contract or grant")
    recording.locator("summary").click()
    field(recording, "Adopted option it delivers").select_option(index=1)
    recording.get_by_role("group", name="Kind").get_by_role("radio", name="Contract", exact=True).check()
    field(recording, "Title").fill(CONTRACT)
    field(recording, "Provider").fill(PROVIDER)
    recording.get_by_role("group", name="Provider's sector").get_by_role(
        "radio", name="Private sector", exact=True
    ).check()
    field(recording, "Annual value (£)").fill("1200000")
    fill_date(recording, "Start date", start)
    fill_date(recording, "End date", end)
    field(recording, "Extension options").fill("2 + 1 years")
    with navigation(page):
        recording.get_by_role("button", name="Record it").click()
    expect(success_banner(page)).to_contain_text(f"{CONTRACT} ({PROVIDER}) is recorded.")
    expect(h1(page)).to_have_text(CONTRACT)
    expect(summary_row(page, "Term")).to_contain_text("extensions 2 + 1 years")
    expect(page.get_by_text("Recommission: contract renewal")).to_have_count(0)  # four years away
    contract = Contract.objects.get(strategy=strategy)
    assert (contract.provider, contract.annual_value, contract.start_date, contract.end_date) == (
        PROVIDER,
        Decimal("1200000"),
        start,
        end,
    )
    assert (contract.channel, contract.option.adopted_by.plan.strategy) == (
        Channel.EXTERNAL_CONTRACT,
        strategy,
    )
    assert not contract.checks.exists()  # a private provider: no due diligence checklist

    # A lower-is-better KPI with a tolerance.
    with navigation(page):
        page.get_by_role("link", name=f"Back to delivery of {ref}").click()
    expect(
        main(page).get_by_role("table", name="Contracts and grants delivering this strategy")
    ).to_contain_text(CONTRACT)
    defining = details(page, "Define a KPI")
    defining.locator("summary").click()
    field(defining, "Name").fill(KPI)
    field(defining, "Outcome").select_option(label="Children are safe and healthy")
    field(defining, "Contract").select_option(label=str(contract))
    defining.get_by_role("group", name="Polarity").get_by_role("radio", name="Lower is better").check()
    field(defining, "Unit").fill("%")
    field(defining, "Baseline").fill("22")
    field(defining, "Target").fill("18")
    field(defining, "Tolerance").fill("2")
    defining.get_by_role("group", name="Reported").get_by_role("radio", name="Quarterly").check()
    with navigation(page):
        defining.get_by_role("button", name="Define the KPI").click()
    expect(success_banner(page)).to_contain_text(f"The KPI '{KPI}' is defined.")
    expect(h1(page)).to_have_text(KPI)
    expect(summary_row(page, "Now")).to_have_text(re.compile(r"No actual yet"))
    expect(summary_row(page, "Target")).to_contain_text(
        "18% (lower is better; within 2% counts as within tolerance)"
    )
    kpi = Kpi.objects.get(strategy=strategy)
    assert (kpi.polarity, kpi.target, kpi.tolerance, kpi.contract, kpi.outcome.title) == (
        "lower",
        Decimal(18),
        Decimal(2),
        contract,
        "Children are safe and healthy",
    )

    # The first period: 4 points above (worse than) the target, more than the tolerance.
    actuals = page.get_by_role("table", name="Actuals, newest first")
    fill_date(page, "Period ending", date(2026, 3, 31))
    field(page, "Actual").fill("22")
    field(page, "Note").fill("From the case management system")
    with navigation(page):
        page.get_by_role("button", name="Record the actual").click()
    expect(success_banner(page)).to_contain_text(
        "The actual for the period ending 31 March 2026 is recorded."
    )
    expect(summary_row(page, "Now")).to_contain_text("22% (March 2026): Not achieved")
    expect(summary_row(page, "Now")).to_contain_text("First period")
    expect(actuals.get_by_role("row").nth(1)).to_contain_text("Not achieved")

    # The next period: down to 19.5%, short of the target by less than the tolerance, and improving
    # (lower is better).
    fill_date(page, "Period ending", date(2026, 6, 30))
    field(page, "Actual").fill("19.5")
    field(page, "Note").fill("")
    with navigation(page):
        page.get_by_role("button", name="Record the actual").click()
    expect(success_banner(page)).to_contain_text("The actual for the period ending 30 June 2026 is recorded.")
    expect(summary_row(page, "Now")).to_contain_text("19.5% (June 2026): Within tolerance")
    expect(summary_row(page, "Now")).to_contain_text("Improving")
    rows = actuals.get_by_role("row")
    expect(rows).to_have_count(3)
    expect(rows.nth(1)).to_contain_text("30 June 2026")
    expect(rows.nth(1)).to_contain_text("Within tolerance")
    expect(rows.nth(1)).to_contain_text("Improving")
    expect(rows.nth(2)).to_contain_text("Not achieved")
    # The value fell, which for this KPI is better: the arrow means better, the words say which way it went.
    expect(summary_row(page, "Now")).to_contain_text("↑ Improving")
    expect(summary_row(page, "Now")).to_contain_text("Down from 22% to 19.5% (lower is better)")
    # The chart reads on its own: named by the trend in words, dated periods, the unit, a labelled target.
    chart = page.get_by_role(
        "img",
        name="Improving (lower is better): 22% in March 2026, 19.5% in June 2026; target 18%, tolerance 2%",
    )
    expect(chart).to_be_visible()
    expect(chart.locator("text.app-chart__period")).to_have_text(["Mar 2026", "Jun 2026"])
    expect(chart.locator("text", has_text="Per cent (%)")).to_have_count(1)
    expect(chart.locator("line.app-chart__target")).to_have_count(1)
    expect(chart.locator("text.app-chart__target-label")).to_have_text("Target 18%")
    expect(chart.locator(".app-chart__band")).to_have_count(1)  # the tolerance band, above the target
    expect(chart.locator(".app-chart__legend")).to_contain_text("Within tolerance (18% to 20%)")
    expect(chart.locator("line.app-chart__axis")).to_have_count(2)
    # Each point's value shows on hover; the latest always shows.
    expect(chart.locator(".app-chart__point title")).to_have_count(2)
    first_value = chart.locator(".app-chart__point").first.locator("text.app-chart__value")
    expect(first_value).to_have_css("opacity", "0")
    chart.locator(".app-chart__point").first.hover()
    expect(first_value).to_have_css("opacity", "1")
    assert list(Measurement.objects.filter(kpi=kpi).values_list("period_end", "value", "recorded_by")) == [
        (date(2026, 3, 31), Decimal("22.00"), commissioner.pk),
        (date(2026, 6, 30), Decimal("19.50"), commissioner.pk),
    ]

    # Where it stands on the strategy's delivery page and in its highlight report.
    with navigation(page):
        page.get_by_role("link", name=f"Back to delivery of {ref}").click()
    row = page.get_by_role("table", name="KPIs and where they stand").get_by_role("row").filter(has_text=KPI)
    expect(row).to_contain_text("Within tolerance")
    expect(row).to_contain_text("Improving")
    with navigation(page):
        main(page).get_by_role("link", name="Highlight report").click()
    expect(h1(page)).to_have_text("Highlight report")
    row = main(page).get_by_role("table").get_by_role("row").filter(has_text=KPI)
    expect(row.locator(".govuk-tag")).to_have_text("Within tolerance")
    expect(row).to_contain_text("Improving")
    expect(row).to_contain_text("Lower is better")
    expect(row).to_contain_text(f"Contract: {CONTRACT}")

    # Results by place: the KPI's figures by locality, best first with the gap (issue 22).
    places = [
        Locality.objects.create(code=f"E0500000{n}", name=name)
        for n, name in enumerate(["Boston", "Lincoln"])
    ]
    record_locality_measurements(
        rows=[
            {"kpi": kpi, "locality": place, "period_end": date(2026, 6, 30), "value": Decimal(value)}
            for place, value in zip(places, ["24", "15"], strict=True)
        ],
        acting_user=commissioner,
    )
    visit(page, page.url)
    expect(main(page)).to_contain_text("Gap between the best (Lincoln) and the worst (Boston): 9%")

    # The council plan: the priority the KPI's outcome serves, and one nothing serves.
    priority = CouncilPriority.objects.create(reference="CP1", title="Children are safe")
    CouncilPriority.objects.create(reference="CP2", title="Everyone can get online")
    kpi.outcome.priorities.add(priority)
    with navigation(page):
        main(page).get_by_role("link", name="Council plan: what serves each priority").click()
    expect(main(page)).to_contain_text("1 priority no strategy serves: CP2 Everyone can get online.")
    expect(main(page).get_by_role("table").first).to_contain_text(KPI)

    # The integrated impact assessment and a checklist item marked not required, each page checked.
    visit(page, reverse("strategies:section", args=[strategy.pk, "impact"]))
    expect(main(page).get_by_role("table")).to_contain_text("Neutral")
    visit(page, reverse("strategies:not-required", args=[strategy.pk, "documents"]))


def test_a_councillor_reads_delivery_without_forms(page: Page, commissioner, councillor):
    strategy = in_do(commissioner)
    plan = strategy.plans.get()
    option = plan.optionsappraisals.get().adopted_option
    today = timezone.localdate()
    grant = create_contract(
        strategy=strategy,
        option=option,
        acting_user=commissioner,
        kind=Contract.Kind.GRANT,
        title="Home visiting grant",
        provider="Home-Start",
        sector=Contract.Sector.VOLUNTARY,
        annual_value=Decimal("90000"),
        start_date=today - timedelta(days=300),
        end_date=today + timedelta(days=60),
        extension_options="",
    )
    kpi = create_kpi(
        strategy=strategy,
        acting_user=commissioner,
        name="Families seen within 10 working days",
        unit="%",
        polarity="higher",
        target=Decimal(70),
        tolerance=Decimal(0),
        contract=grant,
    )
    for period_end, value in [(date(2026, 3, 31), "60"), (date(2026, 6, 30), "69")]:
        record_measurement(kpi=kpi, period_end=period_end, value=Decimal(value), acting_user=commissioner)
    save_review(
        strategy=strategy,
        seen_version=None,
        changes={"what_worked": "Home visits."},
        acting_user=commissioner,
    )
    no_post_forms = lambda p: expect(main(p).locator("form[method=post]")).to_have_count(0)  # noqa: E731

    sign_in(page, councillor)
    visit(page, strategy.get_absolute_url())
    with navigation(page):
        main(page).get_by_role("link", name="Delivery and performance").click()
    expect(h1(page)).to_have_text("Delivery and performance")
    expect(main(page)).to_contain_text(
        "Only this strategy's commissioners and administrators can record its delivery."
    )
    no_post_forms(page)
    expect(page.get_by_text("Record a contract or grant")).to_have_count(0)
    expect(page.get_by_text("Define a KPI")).to_have_count(0)
    expect(page.get_by_role("link", name="Import actuals from a CSV file")).to_have_count(0)
    # The example: 69% against 70%, 60% last time.
    row = (
        page.get_by_role("table", name="KPIs and where they stand")
        .get_by_role("row")
        .filter(has_text=kpi.name)
    )
    expect(row.locator(".govuk-tag")).to_have_text("Not achieved")
    expect(row).to_contain_text("Improving")

    with navigation(page):
        page.get_by_role("link", name="Home visiting grant").click()
    expect(h1(page)).to_have_text(re.compile(r"^Home visiting grant\s+Recommission: contract renewal$"))
    no_post_forms(page)
    checks = page.get_by_role("table", name="Due diligence checks")
    expect(checks.get_by_role("row")).to_have_count(5)
    expect(checks.get_by_role("link")).to_have_count(0)  # the checks are for editors
    check = grant.checks.first()
    visit(page, reverse("delivery:check", args=[check.pk]), status=403)

    visit(page, kpi.get_absolute_url())
    expect(h1(page)).to_have_text(kpi.name)
    no_post_forms(page)
    expect(page.get_by_text("Change the KPI's definition")).to_have_count(0)
    expect(summary_row(page, "Now")).to_contain_text("69% (June 2026): Not achieved")
    expect(summary_row(page, "Now")).to_contain_text("Improving")

    visit(page, reverse("delivery:review", args=[strategy.pk]))
    expect(h1(page)).to_have_text("Review of cycle 1")
    no_post_forms(page)
    expect(summary_row(page, "What worked")).to_contain_text("Home visits.")

    with navigation(page):
        page.get_by_role("link", name=f"Back to delivery of {strategy.reference}").click()
    with navigation(page):
        main(page).get_by_role("link", name="Highlight report").click()
    expect(h1(page)).to_have_text("Highlight report")
    no_post_forms(page)
    row = main(page).get_by_role("table").get_by_role("row").filter(has_text=kpi.name)
    expect(row.locator(".govuk-tag")).to_have_text("Not achieved")
    expect(row).to_contain_text("Improving")

    visit(page, reverse("delivery:contracts-ending"))
    expect(h1(page)).to_have_text("Contracts ending")
    expect(main(page).get_by_role("table")).to_contain_text("Home visiting grant")
    no_post_forms(page)


def test_a_commissioner_continues_delivery_as_the_review_recommends(page: Page, commissioner):
    """Issue 15 item 6: Review → Do, "continue as now", on the strategy page with the other moves."""
    strategy = factories.StrategyFactory(commissioner=commissioner, delivered=True)
    strategy = factories.move(strategy, "start_review", commissioner)
    factories.reviewed(strategy, recommendation="continue", trigger="")
    sign_in(page, commissioner)
    visit(page, strategy.get_absolute_url())
    with navigation(page):
        page.get_by_role("button", name="Continue as now").click()
    expect(h1(page)).to_have_text("Continue as now")
    with navigation(page):
        main(page).get_by_role("button", name="Continue as now").click()
    expect(success_banner(page)).to_contain_text(f"{strategy} is now in Do.")
    assert Strategy.objects.get(pk=strategy.pk).stage == "do"
