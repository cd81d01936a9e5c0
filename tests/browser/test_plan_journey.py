"""The Plan stage through the pages: a commissioner writes a Commissioning Plan (overview, services analysis,
an options appraisal with computed ROI and NPV, weighted scores and an adopted option, the delivery plan and
a proportionate commercial model) and moves the strategy to Do; another records that no plan is required;
a councillor reads a plan but cannot change it. Every page is checked with axe-core."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from plans.models import DEFAULT_CRITERIA, CommercialModel, CommissioningPlan, NoPlanStatement
from strategies.models import Outcome, Strategy

from .. import factories
from .pages import expect_date, fill_date, in_place, navigation, sign_in, success_banner, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAN = "Youth support plan"
OUTCOMES = ["Children are safe and healthy", "Families get help early"]  # complete_analyse's, and one more
APPRAISAL = "How youth support is delivered"
INTERNAL = "Keep youth support in-house"
EXTERNAL = "Tender a youth support contract"
PARTNERSHIP = "Joint youth service with the NHS"
CANNOT_CHANGE = "Only this strategy's commissioners and administrators can change its plans."


def planned_strategy(commissioner, title: str) -> Strategy:
    """A strategy whose Analyse content is complete, moved to Plan (as its commissioner would)."""
    strategy = factories.StrategyFactory(
        commissioner=commissioner, title=title, analysed=True, approved=False
    )
    Outcome.objects.create(strategy=strategy, title=OUTCOMES[1])
    factories.approve(strategy)
    return factories.move(strategy, "start_planning", commissioner)


# Finding controls by their labels, inside a page or a part of it -----------------------------------------


def labelled(scope: Page | Locator, label: str) -> Locator:
    """The control labelled exactly `label`, with or without " (optional)" after it."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}( \(optional\))?$"))


def group(scope: Page | Locator, legend: str) -> Locator:
    """The fieldset whose legend is `legend` (then perhaps " (optional)" or the "Members" tag)."""
    return scope.get_by_role("group", name=re.compile(rf"^{re.escape(legend)}( \(optional\)| Members)?$"))


def fill(scope: Page | Locator, values: dict):
    """Text boxes, dates and selects (by option text) by label; True/False ticks or clears a checkbox."""
    for label, value in values.items():
        if isinstance(value, date):  # a GOV.UK date input: day, month and year
            fill_date(scope, label, value)
            continue
        control = labelled(scope, label)
        if isinstance(value, bool):
            control.set_checked(value)
        elif control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(label=value)
        else:
            control.fill(value)


def choose(scope: Page | Locator, legend: str, option: str | re.Pattern):
    radios = group(scope, legend)
    if isinstance(option, str):
        radios.get_by_role("radio", name=option, exact=True).check()
    else:
        radios.get_by_role("radio", name=option).check()


def tick(scope: Page | Locator, legend: str, options: list[str]):
    for option in options:
        group(scope, legend).get_by_role("checkbox", name=option, exact=True).check()


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


# The plan page -------------------------------------------------------------------------------------------


def required_parts(page: Page) -> tuple[int, int]:
    text = page.get_by_text(re.compile(r"\d+ of \d+ required parts complete")).inner_text()
    done, total = re.search(r"(\d+) of (\d+) required parts complete", text).groups()
    return int(done), int(total)


def checklist_item(page: Page, label: str) -> Locator:
    link = page.get_by_role("link", name=label, exact=True)
    return page.locator(".app-checklist__item").filter(has=link)


def follow_checklist(page: Page, label: str, heading: str):
    """From the plan page, follow a minimum requirement's link to the page that completes it."""
    with navigation(page):
        page.locator(".app-checklist").get_by_role("link", name=label, exact=True).click()
    expect(h1(page)).to_have_text(heading)


def back_to_plan(page: Page, title: str = PLAN):
    with navigation(page):
        page.get_by_role("link", name=f"Back to {title}").click()
    expect(h1(page)).to_have_text(title)


def add_item(page: Page, button: str, added: str):
    """Submit an item section's add form (already filled): htmx swaps the list in place."""
    with in_place(page, f"after {button.lower()}"):
        page.get_by_role("button", name=button, exact=True).click()
        expect(page.locator("#items [data-focus-after-swap]")).to_have_text(
            re.compile(rf"^Added: {re.escape(added)}")
        )
    expect(page.locator("#items table")).to_contain_text(added)


def move_to_do(page: Page, strategy: Strategy):
    with navigation(page):
        page.get_by_role("button", name="Move to Do").click()
    expect(h1(page)).to_have_text("Move to Do")
    with navigation(page):
        page.get_by_role("button", name="Move to Do").click()
    expect(success_banner(page)).to_contain_text(f"{strategy} is now in Do.")
    expect(page.locator("h1 .govuk-tag")).to_have_text("Do")
    expect(page.locator(".app-timeline").get_by_role("heading", name="Plan → Do")).to_be_visible()
    strategy.refresh_from_db()
    assert strategy.stage == "do"


# The options appraisal -----------------------------------------------------------------------------------

OPTIONS = [
    (
        INTERNAL,
        "Internal",
        {
            "Description": "The council's youth workers carry on, with a new referral route from schools.",
            "Governance arrangements": "The Head of Youth Services reports to the project board.",
            "Outcomes it achieves": "Young people get help early.",
            "One-off cost (£)": "10000",
            "Annual cost (£)": "900000",
            "Annual benefit (£)": "950000",
            "Strengths": "Known to schools.",
            "Weaknesses": "Hard to recruit.",
        },
    ),
    (
        EXTERNAL,
        "External: contract",
        {
            "Description": "One county contract, tendered openly, with a share of the price linked to outcomes.",
            "Governance arrangements": "Contract managed by the commissioning team.",
            "Alignment with policy and political priorities": "Delivers the Business Plan's early help aim.",
            "One-off cost (£)": "50000",
            "Annual cost (£)": "800000",
            "Annual benefit (£)": "950000",
            "Risks": "Few providers in the market.",
        },
    ),
    (
        PARTNERSHIP,
        "Partnership",
        {
            "Description": "A pooled budget with the Integrated Care Board under a section 75 agreement.",
            "One-off cost (£)": "80000",
            "Annual cost (£)": "1000000",
            "Annual benefit (£)": "900000",
            "Opportunities": "Joint working with school nurses.",
        },
    ),
]
VALUE_FOR_MONEY = "Unit cost £1,480 a young person against £1,620 in similar councils."
SCORES = {INTERNAL: "3", EXTERNAL: "4", PARTNERSHIP: "2"}


def add_option(page: Page, name: str, channel: str, values: dict, evidence: str = ""):
    with navigation(page):
        page.get_by_role("button", name="Add a delivery option").click()
    expect(h1(page)).to_have_text("Add a delivery option")
    fill(page, {"Name": name, **values})
    choose(page, "Delivery channel", channel)
    if channel == "Internal":
        # Internal delivery must show its value for money: refused without the evidence.
        with navigation(page):
            page.get_by_role("button", name="Save option").click()
        expect(page).to_have_title(re.compile(r"^Error: "))
        expect(page.locator(".govuk-error-summary")).to_contain_text(
            "Internal delivery must show evidence of effectiveness and value for money"
        )
        fill(page, {"Evidence of effectiveness and value for money": evidence})
    with navigation(page):
        page.get_by_role("button", name="Save option").click()
    expect(success_banner(page)).to_contain_text(f"Option '{name}' saved.")
    expect(h1(page)).to_have_text(APPRAISAL)


def compared(page: Page, row: str) -> Locator:
    """The cells of one row of the options-side-by-side table (one per option, in the order added)."""
    table = page.get_by_role("region", name="Options compared").get_by_role("table")
    return table.get_by_role("row", name=re.compile(rf"^{re.escape(row)}(\s|$)")).get_by_role("cell")


def appraise(page: Page):
    """On the appraisal page: three options, their computed figures, the weights, the scores, adoption."""
    add_option(page, *OPTIONS[0], evidence=VALUE_FOR_MONEY)
    for name, channel, values in OPTIONS[1:]:
        add_option(page, name, channel, values)

    # Worked out, never typed, over the default 5 years at 3.5%: NPV = -one-off + sum over t = 1..5 of
    # (benefit - cost) / 1.035^t; e.g. -50,000 + 150,000 x 4.51505 = 627,257.86 for the contract.
    expect(compared(page, "Delivery channel")).to_have_text(["Internal", "External: contract", "Partnership"])
    expect(compared(page, "Whole-life cost")).to_have_text(["£4,510,000", "£4,050,000", "£5,080,000"])
    expect(compared(page, "Return on investment")).to_have_text(["5.3%", "17.3%", "−11.4%"])
    expect(compared(page, "Net present value")).to_have_text(["£215,753", "£627,258", "−£531,505"])

    # Until a baseline is chosen the figures are gross; against the status quo (keeping it in-house) only
    # the differences count: the contract saves 100,000 a year for 40,000 more now, -40,000 + 100,000 x
    # 4.51505 = 411,505; the partnership costs 70,000 more now and 150,000 a year more.
    expect(page.get_by_text("No baseline is chosen, so the figures below are gross")).to_be_visible()
    choose(page, "The status quo", INTERNAL)
    with navigation(page):
        page.get_by_role("button", name="Save the baseline").click()
    expect(success_banner(page)).to_contain_text("Baseline saved.")
    expect(compared(page, "Net present cost")).to_have_text(["£4,073,547", "£3,662,042", "£4,595,052"])
    expect(compared(page, "Net present value against the status quo")).to_have_text(
        ["Baseline", "£411,505", "−£747,258"]
    )
    expect(compared(page, "Benefit–cost ratio")).to_have_text(["Baseline", "11.29", "0.00"])
    expect(compared(page, "Pays back")).to_have_text(["Baseline", "Year 1", "Not within 5 years"])
    expect(compared(page, "Evidence of value for money")).to_have_text([VALUE_FOR_MONEY, "–", "–"])
    expect(compared(page, "Rank")).to_have_text(["Not yet scored"] * 3)

    # The weights must add up to 100: refused at 105, saved at 100 again.
    fill(page, {"Weight of criterion 1 (%)": "35"})
    with navigation(page):
        page.get_by_role("button", name="Save criteria").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(["The weights must add up to 100. They add up to 105."])
    expect(labelled(page, "Weight of criterion 1 (%)")).to_have_value("35")  # what was typed is kept
    fill(page, {"Weight of criterion 2 (%)": "20"})
    with navigation(page):
        page.get_by_role("button", name="Save criteria").click()
    expect(success_banner(page)).to_contain_text("Criteria and weights saved.")
    expect(page.get_by_text("The weights must add up to 100 (now 100).")).to_be_visible()

    # Every option scored against every criterion (the selects of the scores grid).
    for option, score in SCORES.items():
        for criterion, _weight in DEFAULT_CRITERIA:
            fill(page, {f"Score of '{option}' for {criterion.lower()}": score})
    with navigation(page):
        page.get_by_role("button", name="Save scores").click()
    expect(success_banner(page)).to_contain_text("Scores saved.")
    expect(compared(page, "Weighted score (of 100)")).to_have_text(["60.0", "80.0", "40.0"])
    expect(compared(page, "Rank")).to_have_text(["2 of 3", "1 of 3", "3 of 3"])

    # Adopt the contract, saying why the others were not.
    choose(page, "Option to adopt", EXTERNAL)
    fill(
        page,
        {
            "Why this option": "The best score on outcomes and value for money, at an acceptable risk.",
            f"Why not '{INTERNAL}'": "Costs more for the same outcomes.",
            f"Why not '{PARTNERSHIP}'": "The NHS cannot commit its share of the budget.",
        },
    )
    with navigation(page):
        page.get_by_role("button", name="Adopt this option").click()
    expect(success_banner(page)).to_contain_text("Option adopted.")
    expect(page.get_by_role("columnheader", name=re.compile(rf"^{EXTERNAL} Adopted$"))).to_be_visible()
    expect(compared(page, "Why not adopted")).to_have_text(
        ["Costs more for the same outcomes.", "Adopted", "The NHS cannot commit its share of the budget."]
    )
    expect(page.get_by_role("button", name="Change the adopted option")).to_be_visible()


# The commercial model ------------------------------------------------------------------------------------

CONTINGENCY = "Contingency for provider failure"


def write_commercial_model(page: Page, start, end):
    """Every term, with a rationale; contingency at 'Standard' for a high risk of failure."""
    terms = {
        "Duration": {
            "Start date": start,
            "End date": end,
            "Extension options": "1 + 1 years",
            "Rationale for the duration": "Long enough for the provider to recruit and keep staff.",
        },
        "Payment terms": {
            "What the council will pay": "A fixed monthly price, with 10% held back against the KPIs.",
            "Indexation": "CPI each April, capped at 3%",
            "Payment is linked to performance": True,
            "Rationale for the payment terms": "A fixed core keeps the provider stable.",
        },
        "KPIs and payment deductions": {
            "Rationale for the KPIs and deductions": "Measures what young people say matters.",
        },
        "Early termination for poor performance": {
            "Ending early for poor performance": "Six months' notice after two quarters below target.",
            "Rationale": "Gives the provider a fair chance to improve first.",
        },
        "Limits on the provider's liability": {
            "Limits on the provider's liability": "Capped at 150% of the annual contract value.",
            "Rationale": "In line with the market for services of this size.",
        },
        "Sub-contracting and the council's rights on termination": {
            "The provider's right to sub-contract, and the council's rights on termination": (
                "Only with the council's written consent."
            ),
            "Rationale": "The council must know who works with young people.",
        },
        "Data protection and information sharing": {
            "Data protection and information sharing": "The provider is a processor under an agreement.",
            "Rationale": "Records about children are special category data.",
        },
        CONTINGENCY: {
            "Contingency arrangements for provider failure": "Business continuity plan and step-in rights.",
            "Rationale": "The market is thin, so failure is a real risk.",
        },
        "Delivery milestones": {
            "Rationale for the delivery milestones": "Mobilisation milestones are contractual."
        },
        "Social value (Public Services (Social Value) Act 2012)": {
            "Economic well-being of the area": "Local recruitment and the Real Living Wage.",
            "Social well-being of the area": "Volunteering places for young people.",
            "Environmental well-being of the area": "Youth workers based in localities.",
        },
    }
    for legend, values in terms.items():
        fill(group(page, legend), values)
    choose(page, "Payment mechanism", "A mix")
    choose(page, "Risk of provider failure", "High")
    choose(page, "Contingency level", re.compile(r"^Standard:"))


def save_commercial_model(page: Page):
    with navigation(page):
        page.get_by_role("button", name="Save commercial model").click()
    expect(success_banner(page)).to_contain_text("Commercial model saved.")
    expect(h1(page)).to_have_text(PLAN)


# The journeys --------------------------------------------------------------------------------------------


def test_commissioner_writes_a_plan_through_the_pages_and_moves_the_strategy_to_do(page: Page, commissioner):
    strategy = planned_strategy(commissioner, "Young people thrive")
    today = timezone.localdate()

    sign_in(page, commissioner)
    visit(page, strategy.get_absolute_url())
    expect(page.locator("h1 .govuk-tag")).to_have_text("Plan")
    expect(page.get_by_role("button", name="Move to Do")).to_have_count(0)
    expect(page.locator(".app-refusal").filter(has_text="Move to Do: not yet")).to_contain_text(
        "Write a Commissioning Plan, or a statement of the reasons no plan is required."
    )

    # Start the plan.
    with navigation(page):
        page.get_by_role("button", name="Start a commissioning plan").click()
    expect(h1(page)).to_have_text("Start a commissioning plan")
    fill(page, {"Title": PLAN, "Summary": "Youth support recommissioned around early help."})
    tick(page, "Outcomes this plan delivers", OUTCOMES)
    with navigation(page):
        page.get_by_role("button", name="Start plan").click()
    expect(success_banner(page)).to_contain_text(f"Plan '{PLAN}' created.")
    expect(h1(page)).to_have_text(PLAN)
    plan = CommissioningPlan.objects.get(title=PLAN)
    assert plan.strategy == strategy and plan.outcomes.count() == 2
    assert required_parts(page) == (1, 9)  # only the outcomes
    expect(checklist_item(page, "Statement of current resources")).to_contain_text(
        "Write the statement of current resources"
    )

    # The overview and resources, from the checklist.
    follow_checklist(page, "Statement of current resources", "Plan overview and resources")
    fill(
        page,
        {
            "Current annual budget (£)": "2400000",
            "Current staff (full-time equivalent)": "32.5",
            "Statement of current resources": "£2.4m a year: 32.5 youth workers and two small contracts.",
            "Significant issues and risks": "Referrals rose 15% in two years; youth workers are hard to recruit.",
            "Governance until business as usual": "A project board chaired by the Assistant Director.",
            "Contract management arrangements": "Monthly reports, quarterly meetings and an annual review.",
        },
    )
    with navigation(page):
        page.get_by_role("button", name="Save plan overview and resources").click()
    expect(success_banner(page)).to_contain_text("Plan overview and resources saved.")
    assert required_parts(page) == (4, 9)
    expect(page.get_by_role("complementary", name="Outcomes this plan delivers")).to_contain_text(
        "Current budget: £2,400,000"
    )

    # The services analysis: two services, linked to outcomes, one a statutory duty.
    follow_checklist(page, "Services analysis", "Services analysis")
    fill(
        page,
        {
            "Name": "Youth support for children in need",
            "Description": "Help under section 17 of the Children Act 1989.",
            "Significant issues and risks": "Demand is rising faster than the budget.",
        },
    )
    choose(page, "Priority", "Statutory duty")
    tick(page, "Outcomes served", OUTCOMES)
    add_item(page, "Add service or activity", "Youth support for children in need")
    fill(page, {"Name": "Holiday activity clubs", "Description": "Clubs in the school holidays."})
    choose(page, "Priority", "Non-priority (nice to have)")
    tick(page, "Outcomes served", OUTCOMES[1:])
    add_item(page, "Add service or activity", "Holiday activity clubs")
    rows = page.locator("#items tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Statutory duty")
    expect(rows.first).to_contain_text(", ".join(OUTCOMES))
    expect(rows.last).to_contain_text("Non-priority (nice to have)")
    back_to_plan(page)

    # An options appraisal, started in place, then opened.
    follow_checklist(page, "Delivery analysis (options appraisal)", "Delivery analysis")
    fill(page, {"Title": APPRAISAL})
    tick(page, "Services", ["Youth support for children in need", "Holiday activity clubs"])
    add_item(page, "Start an options appraisal", APPRAISAL)
    with navigation(page):
        page.get_by_role("link", name=f"Open {APPRAISAL}").click()
    expect(h1(page)).to_have_text(APPRAISAL)
    expect(page.get_by_text("Over 5 years, discounted at 3.5")).to_be_visible()
    appraise(page)
    back_to_plan(page)
    expect(checklist_item(page, f"Delivery analysis: {APPRAISAL}")).to_contain_text("Complete")
    expect(checklist_item(page, "Commercial model")).to_contain_text(
        "Not written: an external or partnership channel is adopted, so write the commercial model"
    )

    # The delivery plan: milestones and the risk register.
    follow_checklist(page, "Delivery plan: milestones", "Delivery plan: milestones")
    for title, days, contractual in [
        ("Executive approves the plan", 30, False),
        ("New contract starts", 200, True),
    ]:
        fill(
            page,
            {
                "Title": title,
                "Due date": today + timedelta(days=days),
                "Owner": "Head of Youth Services",
                "A contractual delivery milestone": contractual,
            },
        )
        add_item(page, "Add milestone", title)
    back_to_plan(page)

    follow_checklist(page, "Delivery plan: risk register", "Delivery plan: risk register")
    for description, likelihood, impact in [
        ("No provider bids for the contract.", "2", "4"),
        ("Young people lose their worker during the change.", "4", "5"),
    ]:
        fill(
            page,
            {
                "Risk": description,
                "Owner": "Head of Youth Services",
                "Mitigating actions": "Early market engagement; keep each worker until the case closes.",
            },
        )
        choose(page, "Likelihood", likelihood)
        choose(page, "Impact", impact)
        add_item(page, "Add risk", description)
    expect(page.locator("#items tbody tr").last).to_contain_text("Very high")
    back_to_plan(page)

    heat_map = page.locator("table.app-heat-map")
    for likelihood, impact, text in [(4, 5, "very high (score 20)"), (2, 4, "medium (score 8)")]:
        cell = heat_map.get_by_role("row", name=re.compile(rf"^Likelihood {likelihood}\b"))
        expect(cell.get_by_role("cell").nth(impact - 1)).to_have_text(f"1 open risk, {text}")
    expect(heat_map.get_by_text(re.compile(r"^[1-9] open risk"))).to_have_count(2)
    expect(page.get_by_role("link", name="See the 2 risks in the register")).to_be_visible()
    milestones = page.get_by_role("table", name="Milestones")
    expect(
        milestones.get_by_role("row", name=re.compile(r"^New contract starts Contractual"))
    ).to_be_visible()

    # The commercial model: contingency too low for a high risk of failure at a medium scale (£800,000 a year).
    follow_checklist(page, "Commercial model", "Commercial model")
    start, end = today + timedelta(days=200), today + timedelta(days=200 + 3 * 365)
    write_commercial_model(page, start, end)
    save_commercial_model(page)
    commercial = checklist_item(page, "Commercial model")
    expect(commercial).to_contain_text("Missing")
    expect(commercial).to_contain_text(
        "Contingency: contingency must be proportionate: a high risk of failure at a medium scale needs at "
        "least 'Enhanced'"
    )
    expect(commercial).to_contain_text("KPIs: add the KPIs that payment depends on, with their deductions")

    follow_checklist(page, "Commercial model", "Commercial model")
    # What was saved is shown again, the dates too, in their day, month and year boxes.
    duration = group(page, "Duration")
    expect_date(duration, "Start date", start)
    expect_date(duration, "End date", end)
    expect(group(page, "Risk of provider failure").get_by_role("radio", name="High")).to_be_checked()
    choose(page, "Contingency level", re.compile(r"^Enhanced:"))
    save_commercial_model(page)
    expect(commercial).not_to_contain_text("proportionate")
    expect(commercial).to_contain_text("KPIs: add the KPIs that payment depends on")
    assert CommercialModel.objects.get(plan=plan).contingency_level == CommercialModel.Contingency.ENHANCED

    # Payment is linked to performance, so a KPI with its deduction.
    follow_checklist(page, "Commercial model", "Commercial model")
    with navigation(page):
        page.get_by_role("link", name="the commercial model's KPIs").click()
    expect(h1(page)).to_have_text("Commercial model: KPIs")
    fill(
        page,
        {
            "KPI": "Young people seen within 10 working days of referral",
            "How it is measured": "Monthly case management report, checked by quarterly audit.",
            "Target": "90%",
            "Payment deduction when performance fails": "2% of the monthly payment for each month below target",
        },
    )
    add_item(page, "Add KPI", "Young people seen within 10 working days of referral")
    back_to_plan(page)

    # Complete: every minimum requirement met, the impact assessment too (its pages are walked in
    # test_delivery_journey).
    factories.impact_assessment(plan)
    page.reload()
    done, total = required_parts(page)
    missing = (
        page.locator(".app-checklist__item").filter(has=page.locator(".govuk-tag--red")).all_inner_texts()
    )
    assert done == total == 12, f"{done} of {total} required parts complete; missing: {missing}"
    expect(page.locator(".app-checklist .govuk-tag--red")).to_have_count(0)
    expect(page.get_by_text("The strategy cannot move to Do")).to_have_count(0)

    # Councillors approve the plan (their side is test_councillor_journeys'); then it may move to Do.
    factories.approve(strategy, plan=strategy.plans.get(title=PLAN))
    with navigation(page):
        page.get_by_role("link", name=f"Back to {strategy.reference}").click()
    expect(page.get_by_role("link", name=PLAN)).to_be_visible()
    move_to_do(page, strategy)


def test_commissioner_records_that_no_plan_is_required_and_moves_to_do(page: Page, commissioner):
    strategy = planned_strategy(commissioner, "Trading standards protect consumers")
    reasons = "A regulatory function driven by statutory process: no change in delivery would bring benefit."

    sign_in(page, commissioner)
    visit(page, strategy.get_absolute_url())
    expect(page.get_by_text("No plan for this cycle yet.")).to_be_visible()
    with navigation(page):
        page.get_by_role("link", name="No plan is required: record why").click()
    expect(h1(page)).to_have_text("Statement of reasons: no plan required")

    with navigation(page):
        page.get_by_role("button", name="Save the statement").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".govuk-error-summary").get_by_role("link")).to_have_text(
        ["Enter reasons no plan is required"]
    )
    fill(page, {"Reasons no plan is required": reasons})
    with navigation(page):
        page.get_by_role("button", name="Save the statement").click()
    expect(success_banner(page)).to_contain_text("The reasons no plan is required are recorded.")
    statement = page.locator(".govuk-inset-text").filter(has_text="No plan is required this cycle")
    expect(statement).to_contain_text(reasons)
    expect(statement.get_by_role("link", name="Change the reasons")).to_be_visible()
    expect(page.get_by_role("link", name="No plan is required: record why")).to_have_count(0)
    assert NoPlanStatement.objects.get(strategy=strategy).reasons == reasons

    move_to_do(page, strategy)


def test_councillor_reads_a_plan_but_cannot_change_it(page: Page, commissioner, councillor):
    strategy = planned_strategy(commissioner, "Young people thrive")
    plan = factories.complete_plan(strategy, commissioner)
    appraisal = plan.optionsappraisals.get()

    sign_in(page, councillor)
    visit(page, strategy.get_absolute_url())
    expect(page.get_by_role("button", name="Start a commissioning plan")).to_have_count(0)
    with navigation(page):
        page.get_by_role("link", name=plan.title).click()
    expect(h1(page)).to_have_text(plan.title)
    expect(page.locator(".govuk-inset-text")).to_have_text(CANNOT_CHANGE)
    done, total = required_parts(page)
    assert done == total
    expect(page.get_by_role("link", name=re.compile(r"^Change\b"))).to_have_count(0)
    expect(page.get_by_role("link", name="View commercial model", exact=True)).to_be_visible()

    # The appraisal: figures, scores and the adopted option to read; nothing to change.
    with navigation(page):
        page.get_by_role("link", name=f"Open {appraisal.title}").click()
    expect(h1(page)).to_have_text(appraisal.title)
    main = page.get_by_role("main")
    expect(main.locator(".govuk-inset-text").first).to_have_text(CANNOT_CHANGE)
    expect(main.get_by_text(appraisal.adoption_rationale)).to_be_visible()
    expect(main.get_by_role("link", name=re.compile(r"^Change\b"))).to_have_count(0)
    expect(main.get_by_role("button")).to_have_count(0)  # no Add, Remove, Save or Adopt
    expect(main.locator("input:not([type=hidden]), textarea")).to_have_count(0)
    scores = main.get_by_role("region", name="Scores").get_by_role("combobox")
    expect(scores).to_have_count(2 * len(DEFAULT_CRITERIA))
    for index in range(2 * len(DEFAULT_CRITERIA)):
        expect(scores.nth(index)).to_be_disabled()
    expect(main.get_by_role("listitem").filter(has_text="Outcomes achieved: 30%")).to_be_visible()
    back_to_plan(page, plan.title)

    # The commercial model: every term shown, in a form that is disabled.
    with navigation(page):
        page.get_by_role("link", name="View commercial model", exact=True).click()
    expect(h1(page)).to_have_text("Commercial model")
    main = page.get_by_role("main")
    expect(main.locator(".govuk-inset-text")).to_have_text(CANNOT_CHANGE)
    expect(main.get_by_role("button")).to_have_count(0)
    model = plan.commercial_model
    expect(labelled(page, "What the council will pay")).to_have_value(model.payment_terms)
    expect(labelled(page, "What the council will pay")).to_be_disabled()
    fieldsets = main.locator("form > fieldset")
    expect(fieldsets).to_have_count(12)
    for index in range(12):
        expect(fieldsets.nth(index)).to_have_attribute("disabled", "")
    expect(
        group(page, "Contingency level").get_by_role("radio", name=re.compile(r"^Standard:"))
    ).to_be_checked()

    # Posting it anyway (the form re-enabled by hand) is refused.
    version = model.version
    with navigation(page):
        main.locator("form").evaluate(
            "form => { form.querySelectorAll('fieldset').forEach(f => { f.disabled = false; });"
            " form.requestSubmit(); }"
        )
    expect(h1(page)).to_have_text("You cannot do that")
    expect(page.get_by_role("main")).to_contain_text(CANNOT_CHANGE)
    assert CommercialModel.objects.get(pk=model.pk).version == version

    # A direct visit to an edit page is refused too.
    for path in [
        f"/plans/{plan.pk}/appraisals/{appraisal.pk}/options/new/",
        f"/plans/{plan.pk}/appraisals/{appraisal.pk}/options/{appraisal.adopted_option_id}/",
    ]:
        visit(page, path, status=403)
        expect(h1(page)).to_have_text("You cannot do that")
        expect(page.get_by_role("main")).to_contain_text(CANNOT_CHANGE)
