"""seed_demo: a complete demo council spread over the whole cycle, moved only through the services,
safe to run twice. The council is seeded once for the module; each test runs in a savepoint inside it.
Seeding an empty database with options: test_seed_demo_fresh and test_seed_demo_scale."""

from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

import strategies.checklist
from commissioning import roles
from commissioning.models import SignInEvent
from demo.management.commands.seed_demo import DEFAULT_PASSWORD
from plans import checklist
from plans.models import (
    NEEDS_COMMERCIAL_MODEL,
    Channel,
    CommercialModel,
    CommissioningPlan,
    DeliveryOption,
    Milestone,
    NoPlanStatement,
    PlannedService,
    Risk,
)
from strategies import permissions
from strategies.models import (
    EvidenceItem,
    PerformanceMetric,
    Stage,
    Strategy,
    TransitionLog,
    Trigger,
)

pytestmark = [pytest.mark.django_db, pytest.mark.demo_council]

LOGIN_ROLES = {
    "commissioner": roles.COMMISSIONER,
    "commissioner2": roles.COMMISSIONER,
    "councillor": roles.COUNCILLOR,
    "councillor2": roles.COUNCILLOR,
    "scrutiny": roles.SCRUTINY_MEMBER,
    "gateway": roles.GATEWAY_PANEL,
    "admin": roles.ADMINISTRATOR,
}
TRANSITIONS_TO = {"plan": 1, "do": 2, "review": 3}


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(demo_council):
    """seed_demo's output; the council it made is in the database (tests/demo/conftest.py)."""
    return demo_council


def test_seventeen_strategies_over_every_stage(seeded):
    assert Strategy.objects.count() == 17
    stages = Counter(Strategy.objects.values_list("stage", flat=True))
    assert set(stages) == set(Stage.values)
    assert stages == {"analyse": 5, "plan": 4, "do": 4, "review": 3, "archived": 1}
    assert "Sign in at http" in seeded
    for line in ("Analyse      5", "Archived     1", "commissioner2", "Password: demo"):
        assert line in seeded
    assert "Plans: 11 (3 in Plan with checklist gaps), 1 statement that no plan is required" in seeded


def test_demo_sign_ins_have_their_roles(seeded):
    users = {u.username: u for u in get_user_model().objects.filter(username__in=LOGIN_ROLES)}
    assert set(users) == set(LOGIN_ROLES)
    for username, role in LOGIN_ROLES.items():
        user = users[username]
        assert role in user.role_names, username
        assert user.check_password("demo")
        assert user.first_name and user.last_name and user.job_title
        assert user.email.endswith("@demo-council.example")
    assert users["admin"].is_staff and users["admin"].is_superuser
    assert not any(users[name].is_staff for name in LOGIN_ROLES if name != "admin")


def test_strategies_spread_across_commissioners(seeded):
    owners = Counter(Strategy.objects.values_list("accountable_commissioner__username", flat=True))
    assert owners["commissioner"] == 5
    assert owners["commissioner2"] == 4
    assert len(owners) >= 5
    assert Strategy.objects.filter(commissioners__isnull=False).distinct().count() >= 3
    for strategy in Strategy.objects.exclude(stage=Stage.ARCHIVED):
        assert permissions.can_edit(strategy.accountable_commissioner, strategy)
        for co in strategy.commissioners.all():
            assert permissions.can_edit(co, strategy)


def test_every_strategy_past_analyse_has_a_complete_checklist(seeded):
    for strategy in Strategy.objects.exclude(stage=Stage.ANALYSE):
        assert strategies.checklist.missing(strategy) == [], strategy.reference


def test_some_strategies_in_analyse_show_gaps(seeded):
    analyse = Strategy.objects.filter(stage=Stage.ANALYSE)
    with_gaps = [s for s in analyse if strategies.checklist.missing(s)]
    assert len(with_gaps) >= 2
    assert len(with_gaps) < analyse.count()  # others are ready to move on


def test_moves_went_through_the_lifecycle_and_left_a_timeline(seeded):
    for strategy in Strategy.objects.exclude(stage=Stage.ANALYSE, cycle=1):
        logs = list(strategy.transitions.order_by("at"))
        assert logs, strategy.reference
        assert {log.actor for log in logs} == {strategy.accountable_commissioner}
        assert all(log.note for log in logs)
        assert [log.at for log in logs] == sorted({log.at for log in logs})  # distinct, in order
        assert logs[0].at > strategy.created_at
        assert logs[-1].target == strategy.stage
        assert strategy.history.filter(history_change_reason__isnull=False).count() == len(logs)
        if strategy.stage in TRANSITIONS_TO:
            assert len(logs) == TRANSITIONS_TO[strategy.stage]
    for strategy in Strategy.objects.filter(stage=Stage.ANALYSE, cycle=1):
        assert not strategy.transitions.exists()


def test_one_strategy_is_in_its_second_cycle_after_contract_renewal(seeded):
    strategy = Strategy.objects.get(cycle=2)
    assert strategy.stage == Stage.ANALYSE
    path = list(strategy.transitions.order_by("at").values_list("transition", flat=True))
    assert path == ["start_planning", "start_delivery", "start_review", "recommission"]
    recommission = strategy.transitions.get(transition="recommission")
    assert recommission.trigger == Trigger.CONTRACT_RENEWAL
    assert strategies.checklist.missing(strategy) == []
    # Evidence gathered since recommissioning is dated after it.
    assert strategy.evidenceitems.filter(created_at__gt=recommission.at).exists()


def test_analyse_content_is_full_and_varied(seeded):
    complete = [s for s in Strategy.objects.all() if not strategies.checklist.missing(s)]
    assert len(complete) == 15
    for strategy in complete:
        assert 2 <= strategy.evidenceitems.count() <= 4 + (strategy.cycle > 1)
        assert all(e.link.startswith("https://") for e in strategy.evidenceitems.all())
        assert 2 <= strategy.outcomes.count() <= 4
        assert 2 <= strategy.performancemetrics.count() <= 3
        assert all(
            m.outcome and m.baseline is not None and m.target is not None
            for m in strategy.performancemetrics.all()
        )
        assert 1 <= strategy.interdependencys.count() <= 3
        assert all(
            getattr(strategy, field).strip() for field in ["purpose", "summary_of_findings", "data_gaps"]
        )
    assert PerformanceMetric.objects.filter(polarity="lower").count() >= 5
    # Plain English, different for every strategy, with no placeholders left.
    summaries = list(Strategy.objects.values_list("summary_of_findings", flat=True))
    assert len(set(summaries)) == 17
    assert not any("{" in text or "lorem" in text.lower() for text in summaries)
    assert not EvidenceItem.objects.filter(title__contains="{").exists()
    # Each part has its own history, by the accountable commissioner.
    evidence = EvidenceItem.objects.select_related("strategy").first()
    record = evidence.history.get()
    assert record.history_user == evidence.strategy.accountable_commissioner


def test_one_joint_strategy_led_by_a_partner(seeded):
    joint = Strategy.objects.get(is_joint=True)
    assert "Integrated Care Board" in joint.lead_partner
    assert "needs assessment" in joint.partner_process


def test_running_again_changes_nothing(seeded):
    before = (Strategy.objects.count(), TransitionLog.objects.count(), get_user_model().objects.count())
    out = seed()
    assert "already exists" in out
    assert (
        Strategy.objects.count(),
        TransitionLog.objects.count(),
        get_user_model().objects.count(),
    ) == before


@pytest.fixture(scope="class")
def reset(demo_council_world, django_db_blocker):
    """--reset, run once for TestReset (a whole reseed: ~12 CPU-s each time), after a demo user signed in,
    inside a savepoint kept for the class and rolled back after its last test."""
    with django_db_blocker.unblock(), override_settings(AXES_ENABLED=False), transaction.atomic():
        try:
            first = set(Strategy.objects.values_list("pk", flat=True))
            response = Client().post(
                reverse("login"), {"username": "commissioner", "password": DEFAULT_PASSWORD}
            )
            yield {"first": first, "signed_in": response.status_code, "out": seed("--reset")}
        finally:
            transaction.set_rollback(True)


class TestReset:
    """Both tests read one reset (the `reset` fixture)."""

    def test_reset_rebuilds_the_council(self, seeded, reset):
        assert "Reset: deleted 17 strategies" in reset["out"]
        assert Strategy.objects.count() == 17
        assert reset["first"].isdisjoint(Strategy.objects.values_list("pk", flat=True))
        # No history is left over from the deleted strategies.
        assert set(Strategy.history.values_list("id", flat=True)) == set(
            Strategy.objects.values_list("pk", flat=True)
        )
        assert get_user_model().objects.filter(username="commissioner").count() == 1
        assert set(CommissioningPlan.history.values_list("id", flat=True)) == set(
            CommissioningPlan.objects.values_list("pk", flat=True)
        )
        assert set(Risk.history.values_list("id", flat=True)) == set(
            Risk.objects.values_list("pk", flat=True)
        )

    def test_reset_after_demo_users_signed_in(self, seeded, reset):
        # Their sessions end as they are deleted, and the sign-in audit records it (commissioning.sign_in_audit).
        assert reset["signed_in"] == 302
        # Deferred foreign keys are checked at commit, which a test never reaches: check them as it would.
        connection.check_constraints()
        assert SignInEvent.objects.filter(username="commissioner", user=None).count() == 2
        assert get_user_model().objects.filter(username="commissioner").count() == 1


# Plans -----------------------------------------------------------------------------------------------------


def plans_of(strategy, cycle):
    return list(CommissioningPlan.objects.filter(strategy=strategy, cycle=cycle))


def test_strategies_that_delivered_had_complete_plans_or_a_statement(seeded):
    delivered = Strategy.objects.filter(stage__in=[Stage.DO, Stage.REVIEW]) | Strategy.objects.filter(cycle=2)
    assert delivered.count() == 8
    for strategy in delivered:
        cycle = strategy.cycle if strategy.stage != Stage.ANALYSE else strategy.cycle - 1
        plans = plans_of(strategy, cycle)
        statement = NoPlanStatement.objects.filter(strategy=strategy, cycle=cycle).exists()
        assert bool(plans) != statement, strategy.reference  # one or the other
        for plan in plans:
            assert checklist.missing(plan) == [], (strategy.reference, checklist.missing(plan))
        # Written while the strategy was in Plan, before delivery started, by its commissioner.
        started = strategy.transitions.get(transition="start_planning", cycle=cycle).at
        delivered_at = strategy.transitions.get(transition="start_delivery", cycle=cycle).at
        for plan in plans:
            assert started < plan.created_at < delivered_at, strategy.reference
            records = list(plan.history.all())
            assert {r.history_user for r in records} == {strategy.accountable_commissioner}
            assert all(started < r.history_date < delivered_at for r in records)
            for risk in plan.risks.all():
                assert started < risk.created_at < delivered_at
    # The second-cycle strategy has no plan yet for its new cycle.
    carers = Strategy.objects.get(cycle=2)
    assert plans_of(carers, 2) == [] and len(plans_of(carers, 1)) == 1


def test_strategies_in_plan_have_plans_at_varying_completeness(seeded):
    in_plan = Strategy.objects.filter(stage=Stage.PLAN)
    plans = [p for s in in_plan for p in plans_of(s, s.cycle)]
    assert {p.strategy for p in plans} == set(in_plan)
    gaps = {p.strategy.reference: {i.key for i in checklist.missing(p)} for p in plans}
    assert sorted(len(keys) > 0 for keys in gaps.values()) == [False, True, True, True]
    assert gaps["CS-03"] == set()  # ready to move on
    assert {"milestones", "governance", "commercial_model"} <= gaps["CS-10"]
    assert {"services_outcomes", "risks", "contract_management", "commercial_model"} <= gaps["CS-08"]
    # One is held back only by the rule that contingency must be proportionate to the scale of failure.
    assert gaps["CS-16"] == {"commercial_model"}
    nearly = next(p for p in plans if p.strategy.reference == "CS-16")
    assert "contingency must be proportionate" in checklist.missing(nearly)[0].missing


def test_a_statutory_regulatory_function_states_why_no_plan_is_required(seeded):
    statement = NoPlanStatement.objects.select_related("strategy").get()
    strategy = statement.strategy
    assert strategy.title == "Protecting the Public" and strategy.stage == Stage.REVIEW
    assert not CommissioningPlan.objects.filter(strategy=strategy).exists()
    for words in ("statutory", "Trading Standards", "Community Risk Management Plan", "no change"):
        assert words.lower() in statement.reasons.lower()
    assert statement.history.get().history_user == strategy.accountable_commissioner
    delivery = strategy.transitions.get(transition="start_delivery")
    assert statement.created_at < delivery.at
    assert "No Commissioning Plan required" in delivery.note


def test_commercial_models_only_where_the_adopted_channel_needs_one(seeded):
    for plan in CommissioningPlan.objects.all():
        adopted = {a.adopted_option.channel for a in plan.optionsappraisals.all() if a.adopted_option_id}
        needs = bool(adopted & NEEDS_COMMERCIAL_MODEL)
        has = CommercialModel.objects.filter(plan=plan).exists()
        if has:
            assert needs, plan.title
        elif needs:  # a gap the checklist shows
            assert "commercial_model" in {i.key for i in checklist.missing(plan)}
        if not needs:
            assert not plan.contractkpis.exists()
    # Internal delivery, a decommissioning and a co-production are adopted, with no commercial model for them.
    adopted = set(DeliveryOption.objects.filter(adopted_by__isnull=False).values_list("channel", flat=True))
    assert {Channel.INTERNAL, Channel.DECOMMISSION, Channel.COPRODUCTION, Channel.PARTNERSHIP} <= adopted
    staff = CommercialModel.objects.get(staff_transfer=True)
    assert "Local Government Pension Scheme" in staff.pension_liability
    assert CommercialModel.objects.filter(property_involved=True).count() >= 3
    assert all(
        m.social_value_social for m in CommercialModel.objects.exclude(plan__strategy__reference="CS-08")
    )


def test_plan_content_is_full_and_varied(seeded):
    plans = list(CommissioningPlan.objects.all())
    assert len({p.title for p in plans}) == len(plans) == 11
    for plan in plans:
        services = list(plan.plannedservices.all())
        assert 3 <= len(services) <= 5
        priorities = {s.priority for s in services}
        assert PlannedService.Priority.NON_PRIORITY in priorities and len(priorities) >= 2
        assert plan.current_budget and plan.current_resources
        for appraisal in plan.optionsappraisals.all():
            options = list(appraisal.options.all())
            assert 2 <= len(options) <= 4
            assert all(o.one_off_cost + o.annual_cost > 0 for o in options)
            for option in options:
                assert option.strengths and option.weaknesses and option.opportunities and option.threats
                if option.channel == Channel.DECOMMISSION:
                    assert option.decommission_impact
        if not checklist.missing(plan):
            risks = list(plan.risks.all())
            assert 4 <= len(risks) <= 6
            assert len({(r.likelihood, r.impact) for r in risks}) >= 4
            milestones = list(plan.milestones.all())
            assert len(milestones) >= 5 and all(m.owner for m in milestones)
    statutory = PlannedService.objects.filter(priority=PlannedService.Priority.STATUTORY)
    assert statutory.values("plan").distinct().count() >= 9
    # The risk register's heat map is spread, and the milestones' statuses follow their dates.
    cells = set(Risk.objects.values_list("likelihood", "impact"))
    assert len(cells) >= 12 and set(Risk.objects.values_list("likelihood", flat=True)) >= {
        1,
        2,
        3,
        4,
        5,
    }
    statuses = set(Milestone.objects.values_list("status", flat=True))
    assert statuses == set(Milestone.Status.values)
    today = timezone.localdate()
    assert not Milestone.objects.filter(status__in=["met", "missed"], due_date__gte=today).exists()
    assert not Milestone.objects.filter(status="not_started", due_date__lt=today).exists()
    channels = set(DeliveryOption.objects.values_list("channel", flat=True))
    assert channels == set(Channel.values)
    texts = [
        *CommissioningPlan.objects.values_list("summary", flat=True),
        *DeliveryOption.objects.values_list("description", flat=True),
        *Risk.objects.values_list("mitigating_actions", flat=True),
        *NoPlanStatement.objects.values_list("reasons", flat=True),
    ]
    assert not any("{" in t or "lorem" in t.lower() or "  " in t for t in texts)


def test_the_council_holds_a_confidential_plan_and_contract_as_exempt_information(seeded):
    """delivery.yaml's `exempt`: a plan with its commercial model, and a contract, each with its paragraph;
    the plan's portfolio holder and its scrutiny board read it, a councillor on neither does not."""
    from delivery.models import Contract

    plan = CommissioningPlan.objects.get(confidential=True)
    assert plan.exemption == "3" and CommercialModel.objects.filter(plan=plan).exists()
    marked = plan.history.filter(confidential=True).earliest("history_date")
    assert marked.history_user == plan.strategy.accountable_commissioner
    contract = Contract.objects.get(confidential=True)
    assert contract.exemption == "3" and contract.strategy != plan.strategy
    people = {u.username: u for u in get_user_model().objects.filter(username__in=LOGIN_ROLES)}
    readers = {name for name, u in people.items() if permissions.can_read_exempt(u, plan.strategy_id)}
    assert {"councillor2", "scrutiny", "admin"} <= readers
    assert not readers & {"councillor", "commissioner2", "gateway"}


def test_the_carers_strategy_assesses_a_negative_impact_with_its_mitigation(seeded):
    from strategies.models import ImpactEntry

    entries = ImpactEntry.objects.filter(strategy__reference="CS-04").select_related("area")
    negative = [e for e in entries if e.impact == "negative"]
    assert [e.area.code for e in negative] == ["rurality"]
    assert negative[0].mitigation and negative[0].owner == "Carers Commissioning Manager"
    assert len(entries) == 13  # every area the assessment must cover


def test_the_council_plan_names_a_priority_nothing_serves_and_kpis_measure_national_indicators(seeded):
    from delivery import selectors
    from delivery.models import Kpi

    priorities = selectors.council_plan()
    assert [p.subject.reference for p in priorities if not p.served] == ["CP6"]
    assert all(p.served for p in priorities if p.subject.reference != "CP6")
    measured = Kpi.objects.filter(indicator__framework__code__in=["ASCOF", "PHOF"])
    assert measured.filter(indicator__code="1D").exists()  # carers' quality of life, ASCOF 1D
