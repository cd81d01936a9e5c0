"""The content of each agenda item in a meeting pack (meetings/pack_content.py, meetings/items/, templates/packs/items/)."""

import io
import re
from datetime import date, timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

import plans.checklist
import strategies.checklist
import strategies.services
from commissioning import formatting, roles
from delivery import reports
from delivery.models import Contract, Kpi, Measurement
from gateway.models import AreaFinding, GatewayReview, ReviewAction
from meetings import pack_content, packs
from meetings.items.highlight import golden_thread
from meetings.items.plan import COMMERCIAL_TERMS, plan_checklist_items, plan_snapshot
from meetings.items.shared import approval_state, requests_for
from meetings.items.strategy import outcomes_snapshot, strategy_checklist_items
from meetings.models import AgendaItemKind, PackPart
from members import approvals, snapshots
from members.models import Board, DecisionRecord, Recommendation, Subject
from plans.models import Channel, CommercialModel, CommissioningPlan, DeliveryOption, Milestone
from strategies.models import Strategy

from .. import factories

Kind = AgendaItemKind
STRATEGY_KINDS = [Kind.STRATEGY, Kind.PLAN, Kind.HIGHLIGHT, Kind.GATEWAY]


def text(html: str) -> str:
    """The words of a fragment, tags dropped, entities decoded and whitespace collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def render(report) -> str:
    return render_to_string(report.template, report.context)


def full_strategy(commissioner, title="Children are safe and healthy", other=None) -> Strategy:
    """A strategy in Plan with its analysis approved, an approved external-contract plan, a contract, a
    KPI with three actuals and a gateway review with findings and an action."""
    s = factories.StrategyFactory(commissioner=commissioner, title=title, other=other, planned=True)
    plan = s.plans.get()
    option = DeliveryOption.objects.get(appraisal__plan=plan, channel=Channel.EXTERNAL_CONTRACT)
    contract = Contract.objects.create(
        strategy=s,
        plan=plan,
        option=option,
        title="Family support contract",
        provider="Action Kids",
        sector=Contract.Sector.VOLUNTARY,
        channel=Channel.EXTERNAL_CONTRACT,
        annual_value=Decimal("1200000"),
        start_date=date(2025, 4, 1),
        end_date=date(2029, 3, 31),
    )
    kpi = Kpi.objects.create(
        strategy=s,
        name="Families seen within 10 working days",
        outcome=s.outcomes.first(),
        contract=contract,
        unit="%",
        target=Decimal("90"),
        tolerance=Decimal("2"),
    )
    today = timezone.localdate()
    for months, value in [(6, 70), (3, 80), (0, 85)]:
        Measurement.objects.create(
            kpi=kpi, period_end=today - timedelta(days=30 * months), value=value, recorded_by=commissioner
        )
    Milestone.objects.create(
        plan=plan, title="Provider mobilised", due_date=today - timedelta(days=10), owner="Head of Early Help"
    )
    review = GatewayReview.objects.create(
        strategy=s,
        cycle=s.cycle,
        scheduled_for=today - timedelta(days=20),
        scheduled_by=commissioner,
        status=GatewayReview.Status.COMPLETED,
        verdict=GatewayReview.Verdict.PASSED_WITH_CONDITIONS,
        verdict_summary="Sound outcomes; the market is thin.",
    )
    AreaFinding.objects.create(
        review=review, area="outcomes", rating="reservations", comments="Outcomes need clearer measures."
    )
    ReviewAction.objects.create(
        review=review,
        kind="condition",
        description="Run a market warming event before tender",
        owner=commissioner,
        due_date=today - timedelta(days=1),
    )
    return Strategy.objects.get(pk=s.pk)


@pytest.fixture
def full(commissioner):
    factories.criteria()
    return full_strategy(commissioner)


@pytest.fixture
def executive(db):
    return factories.board()


def agenda(
    board, strategies, kinds=STRATEGY_KINDS, shared=(Kind.RECOMMENDATIONS, Kind.DECISIONS, Kind.MINUTES)
):
    m = factories.meeting(board=board)
    for s in strategies:
        for kind in kinds:
            factories.agenda_item(m, kind, strategy=s)
    for kind in shared:
        factories.agenda_item(m, kind)
    factories.agenda_item(m, Kind.DOCUMENT, title="Budget monitoring report")
    return m, list(m.items.all())


# Each kind of report -------------------------------------------------------------------------------------------


def test_the_strategy_report_holds_what_councillors_approve(full, executive):
    m = factories.meeting(board=executive)
    item = factories.agenda_item(m, Kind.STRATEGY, strategy=full)
    report = pack_content.gather(m, [item])[item.pk]
    assert report.template == "packs/items/strategy.html"
    page = text(render(report))
    for fact in [
        full.reference,
        "Children's Services",
        "Recommendation",
        "Children are safe and healthy",  # the outcome
        "Re-referrals within 12 months",  # its measure
        "Lower is better",
        "18%",
        "Demand for early help has risen 12% in two years",  # summary of findings
        "Analysis of need_market.",  # a consideration of the needs analysis
        "JSNA 2025",
        "Early help",  # in scope
        "Schools funding",  # out of scope
        "Parents' forum",
        "Family support",  # starting position
        "£1,200,000",
        "Learn and achieve",  # interdependency
        "Every minimum requirement for a commissioning strategy is met",
        "Approved",
        "councillors approved the strategy and its outcomes",  # the decision record
    ]:
        assert fact in page, fact


def test_the_strategy_report_recommends_approval_while_not_approved(commissioner, executive):
    s = factories.complete_analyse(factories.strategy(commissioner=commissioner), approved=False)
    m = factories.meeting(board=executive)
    item = factories.agenda_item(m, Kind.STRATEGY, strategy=s)
    page = text(render(pack_content.gather(m, [item])[item.pk]))
    assert f"The Executive is asked to approve {s}" in page
    assert "Approve the outcomes: Children are safe and healthy." in page
    assert "Councillors have not yet been asked to approve the strategy and its outcomes." in page


def test_a_scrutiny_board_is_asked_to_scrutinise(full):
    committee = factories.board(name="Children's Scrutiny", kind=Board.Kind.SCRUTINY_COMMITTEE)
    m = factories.meeting(board=committee)
    item = factories.agenda_item(m, Kind.STRATEGY, strategy=full)
    page = text(render(pack_content.gather(m, [item])[item.pk]))
    assert "The board is asked to scrutinise" in page
    assert "recommendations to the Executive" in page


def test_the_plan_report(full, executive):
    m = factories.meeting(board=executive)
    item = factories.agenda_item(m, Kind.PLAN, strategy=full)
    page = text(render(pack_content.gather(m, [item])[item.pk]))
    for fact in [
        "Family support plan",
        "Family support for children in need",  # a planned service
        "Statutory duty",
        "Parenting groups",
        "How family support is delivered",  # the appraisal
        "Outcomes achieved",  # a criterion
        "Tender a four-year family support contract",  # the adopted option
        "Keep family support in-house",  # the rejected one
        "Scored lower on outcomes and value for money.",  # why not
        "Executive approves the plan",  # milestone
        "Families lose continuity of worker during the change.",  # risk
        "High (12)",  # its rating
        "★ Duration",
        "2 + 1 years",
        "CPI each April, capped at 3%",
        "Business continuity plan, step-in rights and a tested exit plan.",
        "Proportionate",
        "Local recruitment and the Real Living Wage.",
        "Families seen within 10 working days of referral",  # contract KPI
        "2% of the monthly payment for each month below target",
        "Note that councillors approved the plan",
    ]:
        assert fact in page, fact


def test_a_confidential_plan_is_reported_by_an_exempt_item_alone(full, executive):
    """Exempt information goes into the confidential pack only: a public plan or highlight item leaves out
    the confidential plan (its commercial model) and its contracts."""
    plan = full.plans.get()
    CommissioningPlan.objects.filter(pk=plan.pk).update(confidential=True, exemption="3")
    m = factories.meeting(board=executive)
    public_plan = factories.agenda_item(m, Kind.PLAN, strategy=full)
    public_highlight = factories.agenda_item(m, Kind.HIGHLIGHT, strategy=full)
    exempt = factories.agenda_item(m, Kind.PLAN, strategy=full, confidential=True, exemption="3")
    reports = pack_content.gather(m, [public_plan, public_highlight, exempt])
    for item in (public_plan, public_highlight):
        page = text(render(reports[item.pk]))
        assert "CPI each April, capped at 3%" not in page and "Family support contract" not in page
    assert "CPI each April, capped at 3%" in text(render(reports[exempt.pk]))


def test_the_highlight_report(full, executive):
    m = factories.meeting(board=executive)
    item = factories.agenda_item(m, Kind.HIGHLIGHT, strategy=full)
    html = render(pack_content.gather(m, [item])[item.pk])
    page = text(html)
    assert "1 KPI: 0 achieved, 0 within tolerance, 1 not achieved" in page
    assert "Families seen within 10 working days Higher is better" in page
    assert "Not achieved" in page and "Improving" in page
    assert "85% against 90%" in page
    assert 'role="img"' in html and "Improving (higher is better): 70% in " in page
    assert "85% in " in page and "; target 90%, tolerance 2%" in page
    assert "The chart's data: actuals of Families seen within 10 working days" in page
    assert "Family support contract" in page and "31 March 2029" in page
    assert "Late: not started" in page  # the milestone past its date
    # The golden thread: the plan's services serve the outcome, the KPI measures it, the contract has it.
    assert "No gaps: every outcome is delivered" in page


def test_the_highlight_chart_reads_in_the_pdf(full, executive, settings, tmp_path):
    """The chart's text alternative and its data table are in the PDF's text, not only in the picture."""
    settings.MEDIA_ROOT = tmp_path
    m = factories.meeting(board=executive)
    factories.agenda_item(m, Kind.HIGHLIGHT, strategy=full)
    pdf = PdfReader(io.BytesIO(packs.build_file(m, PackPart.PUBLIC)))
    words = " ".join(" ".join(page.extract_text() or "" for page in pdf.pages).split())
    kpi = full.kpis.get()
    series = list(kpi.measurements.order_by("period_end"))
    readings = ", ".join(f"{formatting.number(x.value)}% in {formatting.month(x.period_end)}" for x in series)
    assert f"Improving (higher is better): {readings}; target 90%, tolerance 2%." in words
    assert "The chart's data: actuals of Families seen within 10 working days" in words
    assert "Period ending Actual Note" in words  # the data table's header row
    for x in series:
        assert f"{formatting.long_date(x.period_end)} {formatting.number(x.value)}%" in words
    assert "Target 90%" in words and "Per cent (%)" in words  # the chart's own labels


def test_the_gateway_report(full, executive):
    m = factories.meeting(board=executive)
    item = factories.agenda_item(m, Kind.GATEWAY, strategy=full)
    page = text(render(pack_content.gather(m, [item])[item.pk]))
    for fact in [
        "Key-project assessment",
        "Council-wide",
        "Passed with conditions",
        "Sound outcomes; the market is thin.",
        "Outcomes sought",
        "Amber: Assured with reservations",
        "Outcomes need clearer measures.",
        "Run a market warming event before tender",
        "Overdue",
    ]:
        assert fact in page, fact


def test_recommendations_of_the_board(full, commissioner):
    member = factories.user(roles.SCRUTINY_MEMBER)
    committee = factories.refer(full, member)
    before = factories.meeting(board=committee, starts_at=timezone.now() - timedelta(days=60))
    m = factories.meeting(board=committee)
    overdue = Recommendation.objects.create(
        strategy=full,
        board=committee,
        made_by=member,
        text="Publish waiting times each quarter.",
        reasons="Families asked for it.",
        response_due=timezone.localdate() - timedelta(days=3),
    )
    answered = Recommendation.objects.create(
        strategy=full,
        board=committee,
        made_by=member,
        text="Involve parents in the tender.",
        reasons="Co-production.",
        status=Recommendation.Status.ACCEPTED,
        response="Parents will sit on the evaluation panel.",
        responded_by=commissioner,
        responded_at=timezone.now() - timedelta(days=5),
    )
    old = Recommendation.objects.create(
        strategy=full,
        board=committee,
        made_by=member,
        text="An old recommendation dealt with long ago.",
        reasons="-",
        status=Recommendation.Status.IMPLEMENTED,
        responded_by=commissioner,
        responded_at=before.starts_at - timedelta(days=1),
    )
    item = factories.agenda_item(m, Kind.RECOMMENDATIONS)
    page = text(render(pack_content.gather(m, [item])[item.pk]))
    assert overdue.text in page and "Overdue: Awaiting response" in page
    assert (
        answered.text in page and "Parents will sit on the evaluation panel." in page and "Accepted" in page
    )
    assert old.text not in page
    assert "1 overdue" in page


def test_decision_summaries_since_the_last_meeting(full, executive):
    before = factories.meeting(board=executive, starts_at=timezone.now() - timedelta(days=400))
    m = factories.meeting(board=executive)
    item = factories.agenda_item(m, Kind.DECISIONS)
    page = text(render(pack_content.gather(m, [item])[item.pk]))
    records = DecisionRecord.objects.filter(strategy=full)
    assert records.count() == 2  # the outcomes, then the plan
    for record in records:
        assert record.title in page
    assert "What was decided:" in page and "Declared interests" in page
    assert f"last meeting on {before.starts_at:%-d %B %Y}" in page
    # For one strategy only, when the item names one.
    other = factories.strategy(title="Protecting the public")
    mine = factories.agenda_item(m, Kind.DECISIONS, strategy=other)
    assert "No decisions were recorded" in text(render(pack_content.gather(m, [mine])[mine.pk]))


def test_decisions_without_a_previous_meeting_go_back_three_months(full, executive):
    m = factories.meeting(board=executive, starts_at=timezone.now() + timedelta(days=200))
    item = factories.agenda_item(m, Kind.DECISIONS)
    page = text(render(pack_content.gather(m, [item])[item.pk]))
    assert "No decisions were recorded in this period." in page  # made now, more than 3 months before


def test_the_minutes_of_the_last_meeting(executive):
    factories.meeting(
        board=executive,
        starts_at=timezone.now() - timedelta(days=90),
        minutes="Present: Cllr Fenwick (Chair).\n\nRESOLVED: that the outcomes be approved.",
    )
    factories.meeting(board=executive, starts_at=timezone.now() - timedelta(days=30), minutes="The last one.")
    factories.meeting(
        board=factories.board(name="Other board", kind=Board.Kind.SCRUTINY_COMMITTEE),
        starts_at=timezone.now() - timedelta(days=1),
        minutes="Another board's minutes.",
    )
    m = factories.meeting(board=executive)
    item = factories.agenda_item(m, Kind.MINUTES)
    html = render(pack_content.gather(m, [item])[item.pk])
    assert "<p>The last one.</p>" in html
    assert "Another board" not in html and "Present:" not in html


def test_no_previous_meeting_says_so(executive):
    m = factories.meeting(board=executive)
    item = factories.agenda_item(m, Kind.MINUTES)
    assert "no minutes of a previous meeting" in text(render(pack_content.gather(m, [item])[item.pk]))


def test_uploaded_documents_are_left_out_and_a_missing_strategy_is_said(executive):
    m = factories.meeting(board=executive)
    document = factories.agenda_item(m, Kind.DOCUMENT, title="Budget")
    lost = factories.agenda_item(m, Kind.HIGHLIGHT, title="No strategy chosen")
    found = pack_content.gather(m, [document, lost])
    assert set(found) == {lost.pk}
    assert "names no strategy" in render(found[lost.pk])


# Queries -------------------------------------------------------------------------------------------------------


def count_queries(meeting, items) -> int:
    with CaptureQueriesContext(connection) as queries:
        pack_content.gather(meeting, items)
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_agenda(commissioner, executive):
    factories.criteria()
    other = factories.strategy(commissioner=commissioner, title="Learn and achieve")
    strategies = [full_strategy(commissioner, title=f"Strategy {n}", other=other) for n in range(6)]
    small_meeting, small = agenda(executive, strategies[:2])
    large_meeting, large = agenda(executive, strategies)
    assert len(large) > len(small)
    assert count_queries(small_meeting, small) == count_queries(large_meeting, large)


def test_templates_make_no_queries(full, executive):
    m, items = agenda(executive, [full])
    found = pack_content.gather(m, items)
    with CaptureQueriesContext(connection) as queries:
        for report in found.values():
            render(report)
    assert len(queries) == 0, [q["sql"] for q in queries]


# Escaping ------------------------------------------------------------------------------------------------------


def test_text_typed_into_a_strategy_comes_out_escaped(full, executive):
    attack = '<img src="file:///etc/passwd">'
    Strategy.objects.filter(pk=full.pk).update(
        title=f"Safe {attack}", summary_of_findings=attack, need_legal=attack, purpose=attack
    )
    full.outcomes.update(title=attack)
    m, items = agenda(executive, [Strategy.objects.get(pk=full.pk)])
    for report in pack_content.gather(m, items).values():
        html = render(report)
        assert "<img" not in html
        assert "file:///etc/passwd" not in html or "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html


# Work done on prefetched rows gives the same answers as the original per-strategy functions ----------------


def test_bulk_answers_match_the_originals(full, commissioner, executive):
    plan = full.plans.get()
    # A changed plan makes its approval stale; an incomplete appraisal shows in the checklist.
    CommercialModel.objects.filter(plan=plan).update(indexation="")
    other = full.interdependencys.get().other  # the interdependency is recorded on `full` only
    data = pack_content.PackData(
        factories.meeting(board=executive),
        [*(_item(k, full) for k in STRATEGY_KINDS), _item(Kind.STRATEGY, other)],
    )
    theirs_listed = strategy_checklist_items(data.strategies[other.pk])
    assert theirs_listed == strategies.checklist.build(Strategy.objects.get(pk=other.pk))
    assert next(i for i in theirs_listed if i.key == "interdependencies").done  # counted from the other end
    s = data.strategies[full.pk]
    loaded = data.plans[full.pk][0]
    assert outcomes_snapshot(s) == snapshots.of_outcomes(full)
    assert plan_snapshot(loaded) == snapshots.of_plan(plan)
    assert plan_checklist_items(loaded) == plans.checklist.build(plan)
    assert strategy_checklist_items(s) == strategies.checklist.build(Strategy.objects.get(pk=full.pk))
    for subject, p, snap in [
        (Subject.OUTCOMES, None, lambda: outcomes_snapshot(s)),
        (Subject.PLAN, loaded, lambda: plan_snapshot(loaded)),
    ]:
        mine = approval_state(subject, s, p, requests_for(data, s, subject, p), snap)
        theirs = approvals.state(full, subject, plan if p else None)
        assert (mine.label, mine.reason, mine.current, mine.stale) == (
            theirs.label,
            theirs.reason,
            theirs.current,
            theirs.stale,
        )
    assert approvals.state(full, Subject.PLAN, plan).stale
    mine = golden_thread(s, data.plans[full.pk], data.contracts[full.pk], data.positions[full.pk])
    theirs = reports.thread(full, full.accountable_commissioner)
    for gap in ["undelivered", "unmeasured", "orphan_kpis", "contracts_without_kpis"]:
        assert getattr(mine, gap) == getattr(theirs, gap)
    assert [(t.outcome, [link.service for link in t.services]) for t in mine.outcomes] == [
        (t.outcome, [link.service for link in t.services]) for t in theirs.outcomes
    ]


def _item(kind, strategy):
    from meetings.models import AgendaItem

    return AgendaItem(kind=kind, strategy=strategy, position=1, title=kind)


def test_every_term_of_the_commercial_model_is_reported():
    reported = {name for *_, names in COMMERCIAL_TERMS for name in names}
    bookkeeping = {"id", "version", "plan", "created_at"}
    fields = {f.name for f in CommercialModel._meta.concrete_fields} - bookkeeping
    assert fields == reported
