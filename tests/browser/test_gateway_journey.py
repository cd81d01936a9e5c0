"""The programme gateway through the pages: the panel judges a key project, schedules a challenge review,
records a finding on each of the six areas, a condition and the verdict; the commissioner reports progress
on the condition, the panel closes it and the strategy moves to Do. A verdict before every area has a
finding is refused; a commissioner is refused the panel's actions; the forward plan (and its CSV) and the
overlap finder (and all that is alike in a pair, on its own page) are read by a commissioner. Every page is
checked with axe-core."""

import csv
import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from gateway import overlaps
from gateway.models import (
    Area,
    AreaFinding,
    CriterionAnswer,
    GatewayReview,
    KeyProjectOverride,
    OverlapPair,
    ReviewAction,
)
from gateway.services import add_action, override_key, schedule_review
from strategies.models import Outcome, Strategy

from .. import factories
from .pages import field, fill_date, navigation, sign_in, success_banner, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Families get help early"
NOT_PANEL = (
    "Only members of the gateway panel (the Strategic Commissioning and Procurement Group) can do that."
)
# The judged criteria of the default set (gateway migration 0002): question -> the panel's answer.
JUDGED = {
    "Does it carry statutory or reputational risk?": "Yes",
    "Will it affect public health outcomes?": "Yes",
    "Could it have unintended impacts on other services, partners or places?": "No",
}
FINDINGS = {
    Area.OBJECTIVES: ("Assured", "Clear objectives, traced to the needs assessment."),
    Area.OUTCOMES: ("Assured", "Outcomes are measurable, with baselines and targets."),
    Area.PROCESS: ("Assured with reservations", "The timetable leaves little room for a failed tender."),
    Area.DELIVERY: ("Assured", "The options appraisal is thorough and the choice is well argued."),
    Area.STAKEHOLDERS: ("Assured with reservations", "Schools were not consulted on the referral route."),
    Area.RISKS: ("Not assured", "No exit plan for the current family support contract."),
}
CONDITION = "Publish an exit plan for the current family support contract."
PROGRESS = "The exit plan is drafted and goes to the project board on the 3rd."


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def main(page: Page) -> Locator:
    return page.get_by_role("main")


def menu_link(page: Page, name: str) -> Locator:
    return page.get_by_role("navigation", name="Menu").get_by_role("link", name=name, exact=True)


def gateway_link(page: Page, name: str) -> Locator:
    return page.get_by_role("navigation", name="Programme gateway").get_by_role("link", name=name, exact=True)


def move_to_do_refusal(page: Page) -> Locator:
    return page.locator(".app-refusal").filter(has_text="Move to Do: not yet")


def summary_row(page: Page, key: str) -> Locator:
    keys = page.locator(".govuk-summary-list__key").get_by_text(key, exact=True)
    return page.locator(".govuk-summary-list").first.locator(".govuk-summary-list__row").filter(has=keys)


def csrf_token(page: Page) -> str:
    return next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")


def long_date(day) -> str:
    """As the pages write a date ("j F Y"): 7 March 2027."""
    return f"{day.day} {day:%B %Y}"


def analysed(commissioner, title=TITLE, **kwargs) -> Strategy:
    """Analyse complete (£1.2m a year of current contracts), councillors not asked."""
    return factories.StrategyFactory(
        commissioner=commissioner, title=title, analysed=True, approved=False, **kwargs
    )


def planned_strategy(commissioner) -> Strategy:
    """A strategy in Plan with a complete plan approved by councillors. Measured, it scores 2 points of
    the mark of 4: it is interdependent with another directorate's strategy (2 points); the adopted
    contract's £1.2m a year is not over £10m."""
    adults = factories.strategy(
        commissioner=commissioner,
        title="Adults are safe and well",
        directorate=factories.DirectorateFactory(name="Adults and Communities"),
    )
    return factories.StrategyFactory(commissioner=commissioner, title=TITLE, other=adults, planned=True)


def record_finding(page: Page, area: Area, rating: str, comments: str):
    card = page.locator(f"#area-{area.value}")
    card.locator("summary").click()
    card.get_by_role("group", name="Rating").get_by_role("radio", name=rating, exact=True).check()
    card.get_by_label("Comments").fill(comments)
    with navigation(page):
        card.get_by_role("button", name=f"Save the finding on {area.label.lower()}").click()
    expect(success_banner(page)).to_contain_text(f"The finding on {area.label.lower()} is saved.")
    card = page.locator(f"#area-{area.value}")
    expect(card.locator(".govuk-tag")).to_have_text(rating)
    expect(card).to_contain_text(comments)


# The journeys --------------------------------------------------------------------------------------------


def test_panel_reviews_a_key_project_and_the_commissioner_meets_its_condition(
    new_page, commissioner, gateway
):
    factories.criteria()
    factories.gateway_panel(gateway)
    strategy = planned_strategy(commissioner)
    ref = strategy.reference
    today = timezone.localdate()

    # The panel member: from the programme to the project, not yet a key project by its score.
    panel = new_page()
    sign_in(panel, gateway)
    with navigation(panel):
        menu_link(panel, "Programme").click()
    expect(h1(panel)).to_have_text("Commissioning programme")
    row = panel.get_by_role("row").filter(has_text=str(strategy))
    expect(row).to_contain_text("Not key")
    expect(row).to_contain_text("£1,200,000")
    with navigation(panel):
        row.get_by_role("link", name=str(strategy)).click()
    expect(h1(panel)).to_have_text(str(strategy))
    expect(main(panel)).to_contain_text("It scores 2 points; the key-project mark is 4.")
    expect(main(panel)).to_contain_text("Only key projects go through a gateway review.")
    expect(panel.get_by_role("button", name="Schedule the review")).to_have_count(0)

    # The judged criteria (the details are open while any is unanswered) make it a key project.
    judgement = panel.locator("details").filter(has_text="The panel's judgement on the criteria")
    expect(judgement).to_have_attribute("open", "")
    for question, answer in JUDGED.items():
        judgement.get_by_role("group", name=question).get_by_role("radio", name=answer, exact=True).check()
    statutory = "Section 17 duties to children in need."
    field(panel, "Why (statutory or reputational risk)").fill(statutory)
    with navigation(panel):
        judgement.get_by_role("button", name="Save the answers").click()
    expect(success_banner(panel)).to_contain_text("The panel's answers are saved.")
    expect(h1(panel)).to_have_text(f"{strategy} Key project")
    expect(main(panel)).to_contain_text("It scores 4 points; the key-project mark is 4.")
    criteria_table = panel.get_by_role("table", name="Criteria")
    expect(
        criteria_table.get_by_role("row").filter(has_text="Statutory or reputational risk")
    ).to_contain_text(statutory)
    answers = {
        a.criterion.question: (a.met, a.note)
        for a in CriterionAnswer.objects.filter(strategy=strategy, cycle=strategy.cycle)
    }
    assert answers == {
        "Does it carry statutory or reputational risk?": (True, statutory),
        "Will it affect public health outcomes?": (True, ""),
        "Could it have unintended impacts on other services, partners or places?": (False, ""),
    }

    # The commissioner: the plan is approved, but a key project needs a gateway review first.
    page = new_page()
    sign_in(page, commissioner)
    visit(page, strategy.get_absolute_url())
    expect(page.get_by_role("button", name="Move to Do")).to_have_count(0)
    expect(move_to_do_refusal(page).get_by_role("listitem")).to_have_text(
        [f"{ref} is a key project: it needs a gateway review that passes before delivery starts."]
    )

    # Schedule the review.
    review_date = today + timedelta(days=7)
    focus = "The exit from the current contract, and how schools were heard."
    fill_date(panel, "Review date", review_date)
    field(panel, "What the panel wants to see").fill(focus)
    with navigation(panel):
        panel.get_by_role("button", name="Schedule the review").click()
    expect(success_banner(panel)).to_contain_text(f"The review is scheduled for {review_date:%-d %B %Y}.")
    expect(h1(panel)).to_have_text(f"Gateway review, {long_date(review_date)}")
    expect(summary_row(panel, "What the panel wants to see")).to_contain_text(focus)
    review = GatewayReview.objects.get(strategy=strategy)
    assert (review.status, review.cycle, review.scheduled_for) == ("scheduled", strategy.cycle, review_date)
    assert (review.focus, review.scheduled_by, review.verdict) == (focus, gateway, "")

    # A finding on each of the six areas.
    for area, (rating, comments) in FINDINGS.items():
        record_finding(panel, area, rating, comments)
    saved = {f.area: (f.get_rating_display(), f.comments) for f in AreaFinding.objects.filter(review=review)}
    assert saved == {area.value: finding for area, finding in FINDINGS.items()}

    # A condition, owned by the commissioner.
    due = today + timedelta(days=21)
    panel.get_by_text("Add a condition or action").click()
    adding = panel.locator("details").filter(has_text="Add a condition or action")
    adding.get_by_role("group", name="Kind").get_by_role(
        "radio", name="Condition (must be met before delivery starts)", exact=True
    ).check()
    field(panel, "Description").fill(CONDITION)
    field(panel, "Owner").select_option(label=str(commissioner))
    fill_date(panel, "Due date", due)
    with navigation(panel):
        adding.get_by_role("button", name="Add", exact=True).click()
    expect(success_banner(panel)).to_contain_text("The action is added.")
    actions = panel.get_by_role("table", name="Conditions and actions from this review")
    expect(actions).to_contain_text(f"Condition: {CONDITION}")
    expect(actions).to_contain_text(str(commissioner))
    condition = ReviewAction.objects.get(review=review)
    assert (condition.kind, condition.owner, condition.due_date, condition.status) == (
        "condition",
        commissioner,
        due,
        "open",
    )

    # The verdict.
    conclusion = "A sound plan; delivery may start once the exit plan is published."
    panel.get_by_role("group", name="Verdict").get_by_role(
        "radio", name="Passed with conditions", exact=True
    ).check()
    field(panel, "The panel's conclusion").fill(conclusion)
    with navigation(panel):
        panel.get_by_role("button", name="Record the verdict").click()
    expect(success_banner(panel)).to_contain_text("The verdict is recorded: passed with conditions.")
    expect(summary_row(panel, "Status")).to_have_text(re.compile(r"Completed: Passed with conditions"))
    expect(summary_row(panel, "Conclusion")).to_contain_text(conclusion)
    # A completed review takes no more findings, actions or verdicts.
    expect(panel.get_by_role("button", name="Record the verdict")).to_have_count(0)
    expect(panel.get_by_text("Add a condition or action")).to_have_count(0)
    expect(panel.get_by_text(re.compile(r"^Change the finding"))).to_have_count(0)
    review.refresh_from_db()
    assert (review.status, review.verdict, review.verdict_summary) == (
        "completed",
        "passed_with_conditions",
        conclusion,
    )
    assert review.completed_by == gateway and review.completed_at is not None

    # The commissioner: still refused, naming the condition; reports progress on it.
    visit(page, strategy.get_absolute_url())
    expect(page.get_by_role("button", name="Move to Do")).to_have_count(0)
    expect(move_to_do_refusal(page).get_by_role("listitem")).to_have_text(
        [f"Gateway condition not yet met: {CONDITION} ({commissioner}, due {due:%-d %B %Y})."]
    )
    with navigation(page):
        menu_link(page, "Programme").click()
    with navigation(page):
        gateway_link(page, "Gateway actions").click()
    expect(h1(page)).to_have_text("Gateway actions and conditions")
    with navigation(page):
        page.get_by_role("link", name=f"Condition: {CONDITION}").click()
    expect(h1(page)).to_have_text(f"Condition: {CONDITION}")
    expect(page.get_by_role("button", name="Close", exact=True)).to_have_count(0)  # the panel closes it
    field(page, "Progress").fill(PROGRESS)
    with navigation(page):
        page.get_by_role("button", name="Save progress").click()
    expect(success_banner(page)).to_contain_text("Progress is saved; the panel can see it.")
    expect(h1(page)).to_have_text(f"Gateway review, {long_date(review_date)}")
    expect(page.get_by_role("table", name="Conditions and actions from this review")).to_contain_text(
        f"Progress: {PROGRESS}"
    )
    condition.refresh_from_db()
    assert (condition.update, condition.status) == (PROGRESS, "open")

    # The panel member: sees the progress and closes the condition as done.
    visit(panel, review.get_absolute_url())
    expect(panel.get_by_role("table", name="Conditions and actions from this review")).to_contain_text(
        f"Progress: {PROGRESS}"
    )
    with navigation(panel):
        panel.get_by_role("link", name=re.compile(r"^Update")).click()
    expect(h1(panel)).to_have_text(f"Condition: {CONDITION}")
    expect(summary_row(panel, "Progress")).to_contain_text(PROGRESS)
    panel.get_by_role("group", name="Close it as").get_by_role(
        "radio", name="Done: the panel is satisfied", exact=True
    ).check()
    with navigation(panel):
        panel.get_by_role("button", name="Close", exact=True).click()
    expect(success_banner(panel)).to_contain_text("The action is closed.")
    expect(panel.get_by_role("table", name="Conditions and actions from this review")).to_contain_text("Done")
    condition.refresh_from_db()
    assert condition.status == "done" and condition.closed_at is not None

    # The commissioner: the strategy may now move to Do.
    visit(page, strategy.get_absolute_url())
    expect(move_to_do_refusal(page)).to_have_count(0)
    with navigation(page):
        page.get_by_role("button", name="Move to Do").click()
    expect(h1(page)).to_have_text("Move to Do")
    with navigation(page):
        page.get_by_role("button", name="Move to Do").click()
    expect(success_banner(page)).to_contain_text(f"{strategy} is now in Do.")
    expect(page.locator("h1 .govuk-tag")).to_have_text("Do")
    strategy.refresh_from_db()
    assert strategy.stage == "do"


def test_a_verdict_before_every_area_has_a_finding_is_refused(page: Page, commissioner, gateway):
    factories.criteria()
    factories.gateway_panel(gateway)
    strategy = analysed(commissioner)  # £1.2m a year, one directorate: 0 points of the mark of 4

    # Not a key project by its score: the panel makes it one, with a reason.
    sign_in(page, gateway)
    visit(page, reverse("gateway:project", args=[strategy.pk]))
    expect(h1(page)).to_have_text(str(strategy))
    expect(main(page)).to_contain_text("Only key projects go through a gateway review.")
    expect(page.get_by_role("button", name="Schedule the review")).to_have_count(0)
    reason = "The family support market is fragile: the panel wants to see the exit plan."
    page.get_by_text("Override the score").click()
    page.get_by_role("group", name="Is this a key project?").get_by_role(
        "radio", name="A key project, whatever it scores", exact=True
    ).check()
    field(page, "Reason").fill(reason)
    with navigation(page):
        page.get_by_role("button", name="Save", exact=True).click()
    expect(success_banner(page)).to_contain_text(
        "The panel's decision on whether this is a key project is saved."
    )
    expect(h1(page)).to_have_text(f"{strategy} Key project")
    expect(main(page)).to_contain_text(
        f"The panel has decided it is a key project whatever it scores: {reason}"
    )
    override = KeyProjectOverride.objects.get(strategy=strategy, cycle=strategy.cycle)
    assert (override.is_key, override.reason, override.by) == (True, reason, gateway)

    with navigation(page):
        page.get_by_role("button", name="Schedule the review").click()  # the date offered: in two weeks
    review = GatewayReview.objects.get(strategy=strategy)
    assert review.scheduled_for == timezone.localdate() + timedelta(days=14)
    expect(h1(page)).to_have_text(f"Gateway review, {long_date(review.scheduled_for)}")
    for area in (Area.OBJECTIVES, Area.OUTCOMES):
        record_finding(page, area, *FINDINGS[area])

    # A finding with neither rating nor comments: the error summary leads to that area's own controls.
    process = page.locator(f"#area-{Area.PROCESS.value}")
    process.locator("summary").click()
    with navigation(page):
        process.get_by_role("button", name=f"Save the finding on {Area.PROCESS.label.lower()}").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("link")).to_have_text(["Select rating", "Enter comments"])
    summary.get_by_role("link", name="Select rating").click()
    expect(process.get_by_role("radio", name="Assured", exact=True)).to_be_focused()
    summary.get_by_role("link", name="Enter comments").click()
    expect(process.get_by_label("Comments")).to_be_focused()
    assert AreaFinding.objects.filter(review=review).count() == 2

    # Passed with conditions, but four areas have no finding and there are no conditions.
    page.get_by_role("group", name="Verdict").get_by_role(
        "radio", name="Passed with conditions", exact=True
    ).check()
    field(page, "The panel's conclusion").fill("Good enough.")
    with page.expect_response(lambda r: r.url.endswith("/verdict/")) as posted, navigation(page):
        page.get_by_role("button", name="Record the verdict").click()
    assert posted.value.status == 400
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    missing = [area.label for area in (Area.PROCESS, Area.DELIVERY, Area.STAKEHOLDERS, Area.RISKS)]
    expect(summary.get_by_role("link")).to_have_text(
        [
            f"Record the panel's finding on: {', '.join(missing)}.",
            "Add the conditions before passing the project with conditions.",
        ]
    )
    # What was entered stays.
    expect(page.get_by_role("radio", name="Passed with conditions", exact=True)).to_be_checked()
    expect(field(page, "The panel's conclusion")).to_have_value("Good enough.")

    review.refresh_from_db()
    assert (review.status, review.verdict, review.verdict_summary) == ("scheduled", "", "")
    assert review.completed_at is None and review.completed_by is None
    assert sorted(AreaFinding.objects.filter(review=review).values_list("area", flat=True)) == [
        "objectives",
        "outcomes",
    ]
    assert not ReviewAction.objects.exists()


def test_a_commissioner_is_refused_the_panels_actions(page: Page, commissioner, gateway):
    factories.criteria()
    factories.gateway_panel(gateway)
    strategy = analysed(commissioner)
    override_key(strategy=strategy, is_key=True, reason="A fragile market.", acting_user=gateway)
    review = schedule_review(
        strategy=strategy, scheduled_for=timezone.localdate() + timedelta(days=7), acting_user=gateway
    )

    sign_in(page, commissioner)
    visit(page, reverse("gateway:project", args=[strategy.pk]))
    expect(h1(page)).to_have_text(f"{strategy} Key project")
    expect(page.get_by_text("The panel's judgement on the criteria")).to_have_count(0)
    expect(page.get_by_text("Override the score")).to_have_count(0)
    expect(page.get_by_role("heading", name="Schedule a review")).to_have_count(0)
    expect(main(page).locator("form")).to_have_count(0)

    with navigation(page):
        page.get_by_role("link", name=long_date(review.scheduled_for)).click()
    expect(h1(page)).to_have_text(f"Gateway review, {long_date(review.scheduled_for)}")
    expect(page.get_by_text(re.compile(r"^Record the finding"))).to_have_count(0)
    expect(page.get_by_text("Add a condition or action")).to_have_count(0)
    expect(page.get_by_role("button", name="Record the verdict")).to_have_count(0)
    expect(page.get_by_text("Cancel the review")).to_have_count(0)
    expect(main(page).locator("form")).to_have_count(0)

    # Well-formed posts with a valid CSRF token: refused by the permission check, not by CSRF.
    token = csrf_token(page)
    later = (timezone.localdate() + timedelta(days=30)).isoformat()
    posts = [
        (reverse("gateway:schedule", args=[strategy.pk]), {"scheduled_for": later, "focus": ""}),
        (
            reverse("gateway:verdict", args=[review.pk]),
            {"verdict": "passed", "verdict_summary": "Fine.", "seen_version": str(review.version)},
        ),
        (
            reverse("gateway:finding", args=[review.pk, Area.OBJECTIVES.value]),
            {"rating": "assured", "comments": "Fine."},
        ),
    ]
    for url, form in posts:
        response = page.request.post(url, form=form, headers={"X-CSRFToken": token})
        assert response.status == 403, url
        assert NOT_PANEL in response.text(), url

    assert list(GatewayReview.objects.filter(strategy=strategy)) == [review]
    review.refresh_from_db()
    assert (review.status, review.verdict) == ("scheduled", "")
    assert not AreaFinding.objects.exists()


def test_a_commissioner_reads_the_forward_plan_and_the_overlaps(
    page: Page, commissioner, commissioner2, gateway
):
    factories.criteria()
    factories.gateway_panel(gateway)
    today = timezone.localdate()
    strategy = analysed(commissioner)
    # Another commissioner's strategy with the same outcome and scope: a possible overlap.
    other = analysed(commissioner2, title="Children are safe at home")
    # Both also mean to keep young carers in school: more alike than the finder shows of a pair.
    for s in (strategy, other):
        for n in range(overlaps.SHOWN):
            Outcome.objects.create(strategy=s, title=f"Young carers in school year {n + 7} attend school")
    overlaps.rebuild()  # the factories write items directly, not through the services that queue the jobs
    matches = OverlapPair.objects.get().matches
    assert overlaps.SHOWN < matches <= overlaps.MATCHES_PER_PAGE  # more than shown, all on one page
    override_key(strategy=strategy, is_key=True, reason="A fragile market.", acting_user=gateway)
    review = schedule_review(strategy=strategy, scheduled_for=today + timedelta(days=10), acting_user=gateway)
    add_action(
        review=review,
        kind=ReviewAction.Kind.ACTION,
        description="Meet the headteachers' forum",
        owner=commissioner,
        due_date=today + timedelta(days=40),
        acting_user=gateway,
    )

    sign_in(page, commissioner)
    with navigation(page):
        menu_link(page, "Programme").click()
    expect(h1(page)).to_have_text("Commissioning programme")
    with navigation(page):
        gateway_link(page, "Forward plan").click()
    expect(h1(page)).to_have_text("Forward plan")
    expect(main(page).get_by_role("status")).to_have_text("2 items in the next 12 months")
    dates = main(page).get_by_role("table")
    expect(dates.get_by_role("row").filter(has_text="Gateway review")).to_contain_text(str(strategy))
    expect(
        dates.get_by_role("row").filter(has_text="Action due: Meet the headteachers' forum")
    ).to_contain_text(str(strategy))

    link = page.get_by_role("link", name="Download the forward plan (CSV)")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == f"forward-plan-{today:%Y-%m-%d}.csv"
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["Date", "What", "Kind", "Strategy", "Directorate", "Stage", "Link"]
    assert [(r[0], r[2], r[3]) for r in rows[1:]] == [
        ((today + timedelta(days=10)).isoformat(), "Gateway review", str(strategy)),
        ((today + timedelta(days=40)).isoformat(), "Gateway action", str(strategy)),
    ]
    assert rows[1][6].endswith(review.get_absolute_url())

    with navigation(page):
        gateway_link(page, "Overlaps and join-up").click()
    expect(h1(page)).to_have_text("Overlaps and chances to join up")
    first, second = sorted([strategy, other], key=lambda s: s.pk)
    card = page.locator(f"#pair-{first.pk}-{second.pk}")
    expect(card.get_by_role("heading", level=2)).to_have_text(f"{first} and {second}")
    expect(card.get_by_role("row").filter(has_text="Outcome: Children are safe and healthy")).to_contain_text(
        "100%"
    )
    # Only the panel records a decision on a pair.
    expect(page.get_by_text("Record the panel's decision")).to_have_count(0)

    # The closest few; the rest on the pair's own page.
    expect(card.locator("tbody tr")).to_have_count(overlaps.SHOWN)
    expect(card).to_contain_text(f"And {matches - overlaps.SHOWN} more matches.")
    with navigation(page):
        card.get_by_role(
            "link", name=f"See all {matches} matches in {first.reference} and {second.reference}"
        ).click()
    expect(h1(page)).to_have_text(f"What is alike in {first.reference} and {second.reference}")
    expect(main(page).get_by_role("status")).to_have_text(f"{matches} matches, closest first")
    expect(main(page).locator("tbody tr")).to_have_count(matches)
    expect(summary_row(page, "The panel decided")).to_contain_text("Nothing yet")
    with navigation(page):
        page.get_by_role("link", name="Back to overlaps and join-up").click()
    expect(h1(page)).to_have_text("Overlaps and chances to join up")
