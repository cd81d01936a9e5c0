"""A commissioner creates a strategy, completes all of its Analyse content through the pages, and moves it
to Plan; and the same create form, by keyboard only. Every page is checked with axe-core."""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from commissioning.models import Directorate
from strategies.models import NEEDS_CONSIDERATIONS, Strategy

from .. import factories
from .pages import (
    axe,
    check_widths,
    field,
    fill_date,
    in_place,
    navigation,
    sign_in,
    sign_in_through_the_form,
    success_banner,
    visit,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Older people live independently"


def required_parts(page: Page) -> tuple[int, int]:
    text = page.get_by_text(re.compile(r"\d+ of \d+ required parts complete")).inner_text()
    done, total = re.search(r"(\d+) of (\d+) required parts complete", text).groups()
    return int(done), int(total)


def strategy_part(page: Page, part: str):
    """Follow the strategy's own navigation to one of its parts."""
    with navigation(page):
        page.get_by_role("navigation", name=re.compile(r"^This strategy")).get_by_role(
            "link", name=part, exact=True
        ).click()


def open_section(page: Page, title: str):
    """From the strategy's Analyse content (reached by its navigation), follow the section's Change link."""
    if page.get_by_role("heading", level=1).inner_text() != "Analyse content":
        strategy_part(page, "Analyse content")
    with navigation(page):
        page.get_by_role("link", name=f"Change {title.lower()}", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def save_fields(page: Page, title: str, values: dict[str, str]):
    open_section(page, title)
    for label, value in values.items():
        field(page, label).fill(value)
    with navigation(page):
        page.get_by_role("button", name=f"Save {title.lower()}").click()
    # Back on the section just saved, with focus on the success banner (issue 23).
    expect(success_banner(page)).to_contain_text(f"{title} saved.")
    expect(success_banner(page)).to_be_focused()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def back_to_strategy(page: Page, reference: str):
    with navigation(page):
        page.get_by_role("link", name=f"Back to the Analyse content of {reference}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Analyse content")


def fill(page: Page, values: list[tuple[str, str]]):
    """Fill a form by its labels: text boxes, selects (by option text) and radios ("radio:" + option)."""
    for label, value in values:
        if label.startswith("radio:"):
            page.get_by_role("radio", name=label.removeprefix("radio:"), exact=True).check()
        elif field(page, label).evaluate("e => e.tagName") == "SELECT":
            field(page, label).select_option(label=value)
        else:
            field(page, label).fill(value)


def add_item(page: Page, button: str, values: list[tuple[str, str]]):
    """Fill the add form of an item section; htmx swaps the list in place (no new page)."""
    fill(page, values)
    added = values[0][1]  # the item's name, or for an interdependency the other strategy
    with in_place(page, f"after {button.lower()}"):
        page.get_by_role("button", name=button, exact=True).click()
        expect(page.locator("#items [data-focus-after-swap]")).to_have_text(
            re.compile(rf"^Added: .*{re.escape(added)}")
        )
    expect(page.locator("#items table")).to_contain_text(added)


METRIC = [
    ("Name", "Permanent admissions to care homes per 100,000"),
    ("Outcome", "Older people live independently"),
    ("Unit", "per 100,000"),
    ("radio:Lower is better", ""),
    ("Baseline", "620"),
    ("Target", "560"),
]
SCOPE_IN = [("Functional area", "Home care"), ("radio:In scope", ""), ("Reason", "Core to independence")]
SCOPE_OUT = [
    ("Functional area", "Hospital discharge"),
    ("radio:Out of scope", ""),
    ("Reason", "Covered by the NHS discharge strategy"),
]
STAKEHOLDER = [
    ("Name", "Older People's Forum"),
    ("Nature of engagement", "Co-produced"),
    ("How they were engaged", "Monthly workshops"),
]
CONTRIBUTION = [("Council service area", "Housing"), ("Contribution", "Adaptations to homes")]
DOCUMENT = [("Title", "Care Act 2014"), ("Publisher", "UK Parliament"), ("Year", "2014")]
STARTING_POSITION = [
    ("Name", "Home care framework"),
    ("Kind", "Contract"),
    ("Provider", "Care Partners Ltd"),
    ("Annual cost (£)", "3400000"),
    ("Utilisation", "92% of hours delivered"),
    ("Satisfaction", "81% satisfied (2025)"),
]


def interdependency(other: Strategy) -> list[tuple[str, str]]:
    return [
        ("Other strategy", str(other)),
        ("Shared outcome", "Older people stay well"),
        ("Assumed contribution", "Adult learning keeps people active"),
        ("radio:The other strategy contributes to this one", ""),
    ]


OVERVIEW_HEIGHT = 2500  # px at 1280 wide: the strategy's overview fits a few screens (issue 23)


def check_overview(page: Page, context: str, tallest: int | None = None):
    """The strategy's overview at 1280 and 320 px wide: no axe violations, one current item in the header,
    no sideways scrolling on a phone, and (for a complete strategy) no taller than the limit on a desktop."""
    check_widths(page, f"overview of a {context}")
    height = page.evaluate("() => document.documentElement.scrollHeight")
    assert tallest is None or height <= tallest, f"the overview of a {context} is {height} px tall"


def test_commissioner_creates_completes_and_moves_a_strategy_to_plan(page: Page, commissioner):
    Directorate.objects.create(name="Adult Care and Community Wellbeing")
    other = factories.strategy(commissioner=commissioner, title="Learn and achieve")  # for interdependencies

    sign_in_through_the_form(page, commissioner)  # the one journey through the sign-in form
    with navigation(page):
        page.get_by_role("link", name="Strategies", exact=True).click()
    with navigation(page):
        page.get_by_role("button", name="Create a strategy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create a commissioning strategy")

    # Submitted empty: the GOV.UK error summary, whose links move focus to the field.
    with navigation(page):
        page.get_by_role("button", name="Create strategy").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(summary).to_be_focused()  # GOV.UK Frontend focuses the summary when the page loads
    expect(summary.get_by_role("link")).to_have_text(["Enter title", "Enter purpose", "Select directorate"])
    summary.get_by_role("link", name="Enter purpose").click()
    expect(field(page, "Purpose")).to_be_focused()
    summary.get_by_role("link", name="Select directorate").click()
    expect(field(page, "Directorate")).to_be_focused()
    expect(page.locator("#id_title-error")).to_have_text("Error: Enter title")

    field(page, "Title").fill(TITLE)
    field(page, "Purpose").fill("Help older people live safely and independently in their own homes.")
    field(page, "Directorate").select_option(label="Adult Care and Community Wellbeing")
    with navigation(page):
        page.get_by_role("button", name="Create strategy").click()
    strategy = Strategy.objects.get(title=TITLE)
    expect(success_banner(page)).to_contain_text(f"{strategy} created. Now complete its Analyse content.")
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    expect(page.locator("h1 .govuk-tag")).to_have_text("Analyse")

    # Not complete: Move to Plan is not offered; what blocks it is shown part by part, the first few of
    # each linked to their fix, and the move's page lists every reason once, each a link to its fix.
    done, total = required_parts(page)
    assert done == 0 and total > 0
    expect(page.get_by_role("button", name="Move to Plan")).to_have_count(0)
    refusal = page.locator(".app-refusal").filter(has_text="Move to Plan: not yet")
    expect(refusal).to_contain_text(
        "Councillors have not yet been asked to approve the strategy and its outcomes."
    )
    expect(
        refusal.get_by_role("link", name="Summary of findings: write the summary of findings.")
    ).to_be_visible()
    with navigation(page):
        refusal.get_by_role("link", name=re.compile(r"^\d+ more to do")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Move to Plan")
    reasons = page.locator(".app-refusal")
    expect(reasons.get_by_role("link")).to_have_count(total + 1)  # every gap, and the approval
    expect(reasons.get_by_role("heading", level=3)).to_have_text(["Analyse content", "Approvals"])
    scope = reasons.get_by_role(
        "link", name="Statement of scope: add what is in scope and what is out of scope, with reasons."
    )
    with navigation(page):
        scope.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Statement of scope")
    strategy_part(page, "Overview")
    check_overview(page, "new strategy")

    # Strategic needs assessment: evidence (a plain form post: it may carry a file).
    open_section(page, "Strategic needs assessment: evidence")
    field(page, "Title").fill("JSNA 2025: older people")
    field(page, "Source").fill("Public Health Intelligence")
    field(page, "Kind").select_option(label="Joint Strategic Needs Assessment (JSNA)")
    field(page, "Link").fill("https://www.demo-council.example/jsna/older-people")
    fill_date(page, "Date of the evidence", date(2025, 3, 31))
    with navigation(page):
        page.get_by_role("button", name="Add evidence").click()
    expect(success_banner(page)).to_contain_text("Added: JSNA 2025: older people")
    expect(page.get_by_role("link", name="Open link to JSNA 2025: older people")).to_have_attribute(
        "href", "https://www.demo-council.example/jsna/older-people"
    )
    back_to_strategy(page, strategy.reference)

    # The field sections.
    findings = "Demand for home care rose 9% in two years. JSNA means Joint Strategic Needs Assessment."
    save_fields(page, "Summary of findings", {"Summary of findings": findings})
    needs = {label: f"Our analysis of {label.lower()}." for label in NEEDS_CONSIDERATIONS.values()}
    methodology = "Review of JSNA data, a survey of 1,200 residents and six focus groups."
    save_fields(page, "Needs analysis", {"Methodology": methodology, **needs})
    issues = {
        "Emerging issues and conflicting drivers": "Rising demand conflicts with a falling budget.",
        "Gaps in data or information": "None identified",
    }
    save_fields(page, "Emerging issues and data gaps", issues)

    # The item sections, added in place by htmx; one outcome removed again.
    open_section(page, "Outcomes")
    add_item(page, "Add outcome", [("Title", "Older people live independently")])
    add_item(page, "Add outcome", [("Title", "A duplicate to remove")])
    rows = page.locator("#items tbody tr")
    expect(rows).to_have_count(2)
    with in_place(page, "after removing an outcome"):
        page.get_by_role("button", name="Remove A duplicate to remove").click()
        expect(rows).to_have_count(1)
    expect(page.locator("#items table")).not_to_contain_text("A duplicate to remove")
    back_to_strategy(page, strategy.reference)

    for section, button, additions in [
        ("Performance metrics", "Add metric", [METRIC]),
        ("Statement of scope", "Add area", [SCOPE_IN, SCOPE_OUT]),
        ("Key stakeholders", "Add stakeholder", [STAKEHOLDER]),
        ("Contribution of council service areas", "Add service area", [CONTRIBUTION]),
        ("Influential documents", "Add document", [DOCUMENT]),
        ("Starting position", "Add contract, partnership or service", [STARTING_POSITION]),
        ("Interdependencies with other strategies", "Add interdependency", [interdependency(other)]),
    ]:
        open_section(page, section)
        for values in additions:
            add_item(page, button, values)
        back_to_strategy(page, strategy.reference)

    # Complete, with its impact assessment (its pages are walked in test_delivery_journey), and (as
    # test_councillor_journeys shows in the browser) approved by its portfolio holder: the checklist says
    # so, and Move to Plan is offered.
    factories.impact_assessment(strategy)
    factories.approve(strategy)
    strategy_part(page, "Overview")
    check_overview(page, "complete strategy", OVERVIEW_HEIGHT)
    done, total = required_parts(page)
    assert done == total, f"{done} of {total} required parts complete"
    expect(page.locator("main .govuk-tag--red")).to_have_count(0)  # (the header's unread count aside)
    with navigation(page):
        page.get_by_role("button", name="Move to Plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Move to Plan")
    with navigation(page):
        page.get_by_role("button", name="Move to Plan").click()
    expect(success_banner(page)).to_contain_text(f"{strategy} is now in Plan.")
    expect(page.locator("h1 .govuk-tag")).to_have_text("Plan")
    timeline = page.locator(".app-timeline")
    expect(timeline.get_by_role("heading", name="Analyse → Plan")).to_be_visible()
    expect(timeline).to_contain_text(f"by {commissioner}")
    strategy.refresh_from_db()
    assert strategy.stage == "plan"


def test_create_a_strategy_by_keyboard_only(page: Page, commissioner):
    Directorate.objects.create(name="Adult Care and Community Wellbeing")
    sign_in(page, commissioner)
    visit(page, "/strategies/new/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()  # visible when focused
    axe(page, "skip link focused")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    page.keyboard.press("Tab")
    expect(field(page, "Title")).to_be_focused()
    page.keyboard.type("Keyboard strategy")
    page.keyboard.press("Tab")
    expect(field(page, "Purpose")).to_be_focused()
    page.keyboard.type("Made without a mouse.")
    page.keyboard.press("Tab")
    directorate = field(page, "Directorate")
    expect(directorate).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(directorate.locator("option:checked")).to_have_text("Adult Care and Community Wellbeing")
    page.keyboard.press("Tab")
    expect(field(page, "Accountable commissioner")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Create strategy")).to_be_focused()
    with navigation(page):
        page.keyboard.press("Enter")
    expect(success_banner(page)).to_contain_text("Keyboard strategy created.")
    strategy = Strategy.objects.get(title="Keyboard strategy")
    assert strategy.directorate.name == "Adult Care and Community Wellbeing"
    assert strategy.accountable_commissioner == commissioner
