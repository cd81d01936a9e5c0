"""The Plan phase: figures, scoring, checklist rules, the commercial model and its contingency rule,
Plan -> Do, and rights on every plan page and action."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from commissioning import roles
from plans import checklist, commercial, services
from plans.appraisal import compare, npv, roi, weighted_score
from plans.models import (
    AppraisalCriterion,
    CommercialModel,
    CommissioningPlan,
    ContractKpi,
    DeliveryOption,
    Milestone,
    OptionsAppraisal,
    OptionScore,
    PlannedService,
    Risk,
    risk_rating,
)
from strategies.models import Stage
from strategies.services import TransitionRefused, apply_transition

from .. import factories, matrix
from ..conftest import ROLES


@pytest.fixture
def plan(own_strategy, commissioner):
    s = factories.advance(own_strategy, factories.Reached.IN_PLAN)
    return services.create_plan(
        strategy=s, acting_user=commissioner, title="Family support", outcomes=list(s.outcomes.all())
    )


def option(appraisal, name, channel, one_off=0, cost=0, benefit=0, **extra):
    return DeliveryOption.objects.create(
        appraisal=appraisal,
        name=name,
        channel=channel,
        description=name,
        one_off_cost=Decimal(one_off),
        annual_cost=Decimal(cost),
        annual_benefit=Decimal(benefit),
        **extra,
    )


class TestFigures:
    def test_npv_discounts_each_year(self):
        # -100 now, then +60 a year for 2 years at 10%: -100 + 54.55 + 49.59 = 4.13
        assert npv(Decimal(100), Decimal(40), Decimal(100), 2, Decimal(10)) == Decimal("4.13")

    def test_npv_at_zero_rate_is_the_plain_sum(self):
        assert npv(Decimal(50), Decimal(10), Decimal(30), 5, Decimal(0)) == Decimal("50.00")

    def test_roi(self):
        # cost 100 + 5 x 20 = 200; benefit 5 x 60 = 300; ROI = 50%
        assert roi(Decimal(100), Decimal(20), Decimal(60), 5) == Decimal("50.0")
        assert roi(Decimal(0), Decimal(0), Decimal(10), 5) is None

    def test_weighted_score(self):
        criteria = [
            AppraisalCriterion(pk=1, name="a", weight=60),
            AppraisalCriterion(pk=2, name="b", weight=40),
        ]
        score, missing = weighted_score(criteria, {1: 5, 2: 0})
        assert (score, missing) == (Decimal("60.0"), [])
        score, missing = weighted_score(criteria, {1: 5})
        assert score is None and missing == [criteria[1]]

    @pytest.mark.parametrize(
        "score,rating",
        [
            (1, "Low"),
            (4, "Low"),
            (5, "Medium"),
            (9, "Medium"),
            (10, "High"),
            (15, "High"),
            (16, "Very high"),
            (25, "Very high"),
        ],
    )
    def test_five_by_five_rating(self, score, rating):
        assert risk_rating(score) == rating


@pytest.mark.django_db
class TestAppraisal:
    def test_rank_by_weighted_score_with_ties_sharing(self, plan, commissioner):
        a = OptionsAppraisal.objects.create(plan=plan, title="Delivery")
        services.add_default_criteria(appraisal=a, acting_user=commissioner)
        options = [option(a, n, "internal") for n in ("A", "B", "C")]
        for o, value in zip(options, (4, 2, 4), strict=True):
            for c in a.criteria.all():
                OptionScore.objects.create(option=o, criterion=c, score=value)
        rows = {r.option.name: r for r in compare(a)}
        assert (rows["A"].rank, rows["B"].rank, rows["C"].rank) == (1, 3, 1)
        assert rows["A"].score == Decimal("80.0")

    def test_default_criteria_add_up_to_100(self, plan, commissioner):
        a = OptionsAppraisal.objects.create(plan=plan, title="Delivery")
        services.add_default_criteria(appraisal=a, acting_user=commissioner)
        assert sum(c.weight for c in a.criteria.all()) == 100

    def test_adopting_keeps_alternatives_with_reasons(self, plan, commissioner):
        a = OptionsAppraisal.objects.create(plan=plan, title="Delivery")
        keep, other = option(a, "Contract", "external_contract"), option(a, "In-house", "internal")
        services.adopt_option(
            appraisal=a,
            option=keep,
            rationale="Best value",
            rejection_reasons={other.pk: "Costs more"},
            seen_version=a.version,
            acting_user=commissioner,
        )
        a.refresh_from_db()
        other.refresh_from_db()
        assert a.adopted_option == keep and other.rejection_reason == "Costs more"

    def test_stale_adoption_is_refused(self, plan, commissioner):
        from commissioning.versioning import StaleEdit

        a = OptionsAppraisal.objects.create(plan=plan, title="Delivery")
        keep = option(a, "Contract", "external_contract")
        services.adopt_option(
            appraisal=a,
            option=keep,
            rationale="x",
            rejection_reasons={},
            seen_version=1,
            acting_user=commissioner,
        )
        with pytest.raises(StaleEdit):
            services.adopt_option(
                appraisal=a,
                option=keep,
                rationale="y",
                rejection_reasons={},
                seen_version=1,
                acting_user=commissioner,
            )


def complete_model(plan, **overrides) -> CommercialModel:
    fields = {
        "plan": plan,
        "start_date": date(2027, 4, 1),
        "end_date": date(2030, 3, 31),
        "extension_options": "1 + 1",
        "duration_rationale": "Long enough to invest",
        "payment_mechanism": "unit_price",
        "payment_terms": "Per visit",
        "indexation": "CPI capped at 3%",
        "performance_linked": False,
        "payment_rationale": "Market norm",
        "early_termination": "6 months' notice",
        "early_termination_rationale": "x",
        "liability_limits": "£5m",
        "liability_rationale": "x",
        "subcontracting": "With consent",
        "subcontracting_rationale": "x",
        "data_protection": "Processor agreement",
        "data_protection_rationale": "x",
        "failure_risk": "low",
        "contingency_level": 1,
        "contingency_arrangements": "Business continuity plan",
        "contingency_rationale": "x",
        "social_value_economic": "Local jobs",
        "social_value_social": "Volunteering",
        "social_value_environmental": "EVs",
    }
    fields.update(overrides)
    return CommercialModel.objects.create(**fields)


@pytest.mark.django_db
class TestCommercialModel:
    def test_complete_model_has_no_gaps(self, plan):
        assert commercial.gaps(complete_model(plan), Decimal(100000), 0) == []

    def test_missing_model_is_a_gap(self):
        assert commercial.gaps(None, Decimal(0), 0)[0][0] == "Not written"

    def test_performance_linked_payment_needs_kpis(self, plan):
        model = complete_model(plan, performance_linked=True)
        terms = [t for t, _ in commercial.gaps(model, Decimal(100000), 0)]
        assert terms == ["KPIs", "KPIs"]
        model.kpi_rationale = "Outcome-based"
        assert commercial.gaps(model, Decimal(100000), 1) == []

    @pytest.mark.parametrize("risk,value,level,ok", [
        ("low", 100_000, 1, True),
        ("low", 6_000_000, 1, False),   # large scale needs standard
        ("high", 100_000, 1, False),    # high risk needs standard even when small
        ("high", 100_000, 2, True),
        ("medium", 1_000_000, 2, True),
        ("high", 1_000_000, 2, False),  # high risk, medium scale: enhanced
        ("high", 6_000_000, 3, True),
    ])  # fmt: skip
    def test_contingency_must_be_proportionate(self, plan, risk, value, level, ok):
        model = complete_model(plan, failure_risk=risk, contingency_level=level)
        gaps = commercial.gaps(model, Decimal(value), 0)
        assert (gaps == []) is ok
        if not ok:
            assert "must be proportionate" in gaps[0][1]

    def test_contingency_must_be_present(self, plan):
        model = complete_model(plan, contingency_arrangements="")
        assert (
            "Contingency",
            "Set out the contingency arrangements for provider failure",
        ) in commercial.gaps(model, Decimal(1), 0)

    def test_staff_transfer_needs_pension_terms(self, plan):
        model = complete_model(plan, staff_transfer=True)
        assert [t for t, _ in commercial.gaps(model, Decimal(1), 0)] == ["Pension liability"]


def build_complete(plan, user, channel="external_contract"):
    service = PlannedService.objects.create(plan=plan, name="Early help", priority="statutory")
    service.outcomes.set(plan.strategy.outcomes.all())
    plan.current_resources = "£1.2m budget, 20 FTE"
    plan.significant_issues = "Rising demand"
    plan.governance = "Programme board until BAU"
    plan.contract_management = "Quarterly reviews"
    plan.save()
    a = OptionsAppraisal.objects.create(plan=plan, title="Delivery")
    services.add_default_criteria(appraisal=a, acting_user=user)
    chosen = option(
        a,
        "Chosen",
        channel,
        10000,
        200000,
        250000,
        value_for_money_evidence="Benchmarked" if channel == "internal" else "",
    )
    other = option(a, "In-house", "internal", 0, 300000, 250000, value_for_money_evidence="Benchmarked")
    a.baseline_option = other  # in-house is how it is delivered now
    a.save()
    for o in (chosen, other):
        for c in a.criteria.all():
            OptionScore.objects.create(option=o, criterion=c, score=3)
    services.adopt_option(
        appraisal=a,
        option=chosen,
        rationale="Best",
        rejection_reasons={other.pk: "Dearer"},
        seen_version=1,
        acting_user=user,
    )
    Milestone.objects.create(
        plan=plan,
        title="Contract starts",
        due_date=date.today() + timedelta(days=90),
        owner="Head of Commissioning",
    )
    Risk.objects.create(
        plan=plan,
        description="Market failure",
        likelihood=2,
        impact=4,
        owner="HoC",
        mitigating_actions="Market engagement",
    )
    if channel in ("external_contract", "external_grant", "partnership"):
        complete_model(plan)
    factories.impact_assessment(plan)
    return plan


@pytest.mark.django_db
class TestChecklistAndLifecycle:
    def test_new_plan_lists_what_is_missing(self, plan):
        keys = {i.key for i in checklist.missing(plan)}
        assert {
            "services",
            "current_resources",
            "significant_issues",
            "appraisal",
            "milestones",
            "risks",
            "governance",
        } <= keys

    def test_complete_plan(self, plan, commissioner):
        assert checklist.missing(build_complete(plan, commissioner)) == []

    def test_internal_delivery_needs_no_commercial_model(self, plan, commissioner):
        build_complete(plan, commissioner, channel="internal")
        assert not CommercialModel.objects.filter(plan=plan).exists()
        assert checklist.missing(plan) == []

    def test_external_delivery_requires_the_commercial_model(self, plan, commissioner):
        build_complete(plan, commissioner)
        CommercialModel.objects.filter(plan=plan).delete()
        assert [i.key for i in checklist.missing(CommissioningPlan.objects.get(pk=plan.pk))] == [
            "commercial_model"
        ]

    def test_internal_option_without_value_for_money_evidence_is_a_gap(self, plan, commissioner):
        build_complete(plan, commissioner)
        DeliveryOption.objects.filter(channel="internal").update(value_for_money_evidence="")
        missing = checklist.missing(plan)
        assert len(missing) == 1 and "value-for-money evidence" in missing[0].missing

    def test_unscored_option_is_a_gap(self, plan, commissioner):
        build_complete(plan, commissioner)
        OptionScore.objects.filter(option__name="In-house").first().delete()
        assert checklist.missing(plan)[0].missing == "Score every option against every criterion"

    def test_plan_to_do_needs_complete_plans(self, plan, commissioner):
        s = plan.strategy
        with pytest.raises(TransitionRefused) as refused:
            apply_transition(
                strategy_id=s.pk, name="start_delivery", acting_user=commissioner, expected_stage="plan"
            )
        assert any(r.startswith("Family support: Services analysis") for r in refused.value.reasons)
        build_complete(plan, commissioner)
        factories.approve(s, plan=plan)
        apply_transition(
            strategy_id=s.pk, name="start_delivery", acting_user=commissioner, expected_stage="plan"
        )
        s.refresh_from_db()
        assert s.stage == Stage.DO

    def test_no_plan_statement_lets_the_strategy_move_on(self, own_strategy, commissioner):
        s = factories.advance(own_strategy, factories.Reached.IN_PLAN)
        with pytest.raises(TransitionRefused) as refused:
            apply_transition(
                strategy_id=s.pk, name="start_delivery", acting_user=commissioner, expected_stage="plan"
            )
        assert refused.value.reasons == [
            "Write a Commissioning Plan, or a statement of the reasons no plan is required."
        ]
        services.state_no_plan_needed(
            strategy=s, reasons="Statutory regulatory function", acting_user=commissioner
        )
        apply_transition(
            strategy_id=s.pk, name="start_delivery", acting_user=commissioner, expected_stage="plan"
        )


EDITORS = {"commissioner", "administrator"}


@pytest.fixture
def built(plan, commissioner):
    build_complete(plan, commissioner)
    a = plan.optionsappraisals.get()
    return {
        "plan": plan,
        "appraisal": a,
        "option": a.options.first(),
        "risk": plan.risks.get(),
        "kpi": ContractKpi.objects.create(
            plan=plan, name="Visits on time", measurement="Monthly", target="95%"
        ),
    }


def _matrix_world():
    """One complete plan and a person of each role, built once for the module's rights matrix (each test runs
    in a savepoint rolled back after it). Usernames of their own: the module's other tests make the
    conftest's people inside the same transaction."""
    people = {
        "commissioner": factories.user(roles.COMMISSIONER, username="plans-commissioner"),
        "commissioner2": factories.user(roles.COMMISSIONER, username="plans-commissioner2"),
        "councillor": factories.user(roles.COUNCILLOR, username="plans-councillor"),
        "scrutiny": factories.user(roles.SCRUTINY_MEMBER, username="plans-scrutiny"),
        "gateway": factories.user(roles.GATEWAY_PANEL, username="plans-gateway"),
        "administrator": factories.user(roles.ADMINISTRATOR, username="plans-admin"),
        "anonymous": None,
    }
    commissioner = people["commissioner"]
    s = factories.advance(
        factories.strategy(commissioner=commissioner, title="Children are safe and healthy"),
        factories.Reached.IN_PLAN,
    )
    plan = services.create_plan(
        strategy=s, acting_user=commissioner, title="Family support", outcomes=list(s.outcomes.all())
    )
    build_complete(plan, commissioner)
    a = plan.optionsappraisals.get()
    kpi = ContractKpi.objects.create(plan=plan, name="Visits on time", measurement="Monthly", target="95%")
    return {
        "people": people,
        "ids": {"plan": plan.pk, "appraisal": a.pk, "option": a.options.first().pk, "risk": plan.risks.get().pk,
                "kpi": kpi.pk},
    }  # fmt: skip


matrix_world = matrix.shared_world_fixture(_matrix_world)

MODELS = {"plan": CommissioningPlan, "appraisal": OptionsAppraisal, "option": DeliveryOption, "risk": Risk,
          "kpi": ContractKpi}  # fmt: skip


@pytest.fixture
def shared(db, matrix_world):
    """The module's world as it stands in this test's savepoint: its people (cached rights dropped) and its
    records read afresh."""
    world = matrix.fresh(matrix_world)
    return {
        "people": world["people"],
        **{name: MODELS[name].objects.get(pk=pk) for name, pk in world["ids"].items()},
    }


def _read_urls(b):
    p, a = b["plan"], b["appraisal"]
    return [
        reverse("plans:detail", args=[p.pk]),
        reverse("plans:history", args=[p.pk]),
        reverse("plans:commercial", args=[p.pk]),
        reverse("plans:appraisal", args=[p.pk, a.pk]),
        reverse("plans:no-plan", args=[p.strategy.pk]),
        *[
            reverse("plans:section", args=[p.pk, slug])
            for slug in ("overview", "services", "appraisals", "milestones", "risks", "kpis")
        ],
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_reading_plan_pages(client, shared, role, no_throttle):
    people = shared["people"]
    if people[role]:
        client.force_login(people[role])
    for url in _read_urls(shared):
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302, url
        else:
            assert response.status_code == 200, url


def _plan_actions(b):
    p, a, o, r, k = b["plan"], b["appraisal"], b["option"], b["risk"], b["kpi"]
    return {
        "create plan": (reverse("plans:create", args=[p.strategy.pk]), {"title": "Second plan"}),
        "edit overview": (
            reverse("plans:section", args=[p.pk, "overview"]),
            {"title": "Family support", "seen_version": p.version},
        ),
        "add service": (
            reverse("plans:section", args=[p.pk, "services"]),
            {"name": "Parenting", "priority": "priority", "seen_version": 1},
        ),
        "edit risk": (
            reverse("plans:part-edit", args=[p.pk, "risks", r.pk]),
            {
                "description": "Market",
                "likelihood": 3,
                "impact": 3,
                "owner": "HoC",
                "mitigating_actions": "Engage",
                "status": "open",
                "seen_version": r.version,
            },
        ),
        "delete kpi": (reverse("plans:part-delete", args=[p.pk, "kpis", k.pk]), {"seen_version": k.version}),
        "add option": (
            reverse("plans:option-add", args=[p.pk, a.pk]),
            {
                "name": "Partnership",
                "channel": "partnership",
                "description": "x",
                "one_off_cost": 0,
                "annual_cost": 0,
                "annual_benefit": 0,
                "seen_version": 1,
            },
        ),
        "delete option": (
            reverse("plans:option-delete", args=[p.pk, a.pk, o.pk]),
            {"seen_version": o.version},
        ),
        "criteria": (reverse("plans:criteria", args=[p.pk, a.pk]), {"seen_version": a.version}),
        "scores": (reverse("plans:scores", args=[p.pk, a.pk]), {"seen_version": a.version}),
        "adopt": (reverse("plans:adopt", args=[p.pk, a.pk]), {"seen_version": a.version}),
        "commercial model": (reverse("plans:commercial", args=[p.pk]), {"seen_version": 1}),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "action",
    [
        "create plan",
        "edit overview",
        "add service",
        "edit risk",
        "delete kpi",
        "add option",
        "delete option",
        "criteria",
        "scores",
        "adopt",
        "commercial model",
    ],
)
def test_changing_plans(client, shared, role, action, no_throttle):
    people = shared["people"]
    url, data = _plan_actions(shared)[action]

    def counts():
        return (
            CommissioningPlan.history.count(),
            PlannedService.objects.count(),
            DeliveryOption.objects.count(),
            ContractKpi.objects.count(),
            Risk.history.count(),
            OptionsAppraisal.history.count(),
            CommercialModel.history.count(),
        )

    before = counts()
    if people[role]:
        client.force_login(people[role])
    response = client.post(url, data)
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif role in EDITORS:
        assert response.status_code in (200, 302, 400), response.status_code  # 400: a deliberately thin form
    else:
        assert response.status_code == 403
    if role not in EDITORS:
        assert counts() == before


@pytest.mark.django_db
def test_plans_of_an_earlier_cycle_are_kept_as_they_were(plan, commissioner):
    from plans import permissions

    s = plan.strategy
    s.cycle += 1
    s.save()
    plan.refresh_from_db()
    decision = permissions.can_edit(commissioner, plan)
    assert not decision and "earlier commissioning cycle" in decision.reason


@pytest.mark.django_db
def test_bad_option_input_saves_nothing(client, built, commissioner, no_throttle):
    client.force_login(commissioner)
    p, a = built["plan"], built["appraisal"]
    before = DeliveryOption.objects.count()
    response = client.post(
        reverse("plans:option-add", args=[p.pk, a.pk]),
        {
            "name": "In-house 2",
            "channel": "internal",
            "description": "x",
            "one_off_cost": "lots",
            "annual_cost": 0,
            "annual_benefit": 0,
            "seen_version": 1,
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "One-off cost (£) must be a number" in page
    assert "Internal delivery must show evidence of effectiveness and value for money" in page
    assert DeliveryOption.objects.count() == before


@pytest.mark.django_db
def test_criteria_weights_must_add_up(client, built, commissioner, no_throttle):
    client.force_login(commissioner)
    p, a = built["plan"], built["appraisal"]
    data = {"seen_version": a.version}
    for i, c in enumerate(a.criteria.all()):
        data[f"name_{i}"], data[f"weight_{i}"] = c.name, c.weight
    data["weight_0"] = 10
    response = client.post(reverse("plans:criteria", args=[p.pk, a.pk]), data)
    assert (
        response.status_code == 400
        and "The weights must add up to 100. They add up to 80." in response.content.decode()
    )
    assert sorted(c.weight for c in a.criteria.all()) == [10, 15, 20, 25, 30]


@pytest.mark.django_db
def test_two_people_writing_the_first_commercial_model(
    client, plan, commissioner, administrator, no_throttle
):
    url = reverse("plans:commercial", args=[plan.pk])
    client.force_login(commissioner)
    assert 'name="seen_version" value="0"' in client.get(url).content.decode()
    first = client.post(url, {"seen_version": 0, "extension_options": "2 + 1"})
    assert first.status_code == 302
    client.force_login(administrator)
    second = client.post(url, {"seen_version": 0, "extension_options": "1 + 1"})
    assert second.status_code == 409
    assert CommercialModel.objects.get(plan=plan).extension_options == "2 + 1"


@pytest.mark.django_db
def test_saved_dates_are_shown_in_the_date_boxes(client, built, commissioner, no_throttle):
    """A saved date comes back filled in, in its day, month and year boxes (the GOV.UK date input)."""
    client.force_login(commissioner)
    plan = built["plan"]
    milestone = plan.milestones.first()
    page = client.get(reverse("plans:part-edit", args=[plan.pk, "milestones", milestone.pk])).content.decode()
    due = milestone.due_date
    for part, value in (("day", due.day), ("month", due.month), ("year", due.year)):
        assert f'name="due_date-{part}" type="text" inputmode="numeric" value="{value}"' in page
    page = client.get(reverse("plans:commercial", args=[plan.pk])).content.decode()
    assert 'name="start_date-day" type="text" inputmode="numeric" value="1"' in page
    assert 'name="end_date-month" type="text" inputmode="numeric" value="3"' in page
    assert 'name="end_date-year" type="text" inputmode="numeric" value="2030"' in page


@pytest.mark.django_db
def test_checklist_fields_are_not_called_optional(client, plan, commissioner, no_throttle):
    client.force_login(commissioner)
    page = client.get(reverse("plans:section", args=[plan.pk, "overview"])).content.decode()
    assert "Statement of current resources (optional)" not in page
    assert "Contract management arrangements (optional)" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "weight,message",
    [
        (101, "Weight of criterion 1 (%) must be 100 or less"),
        (-1, "Weight of criterion 1 (%) must be 0 or more"),
    ],
)
def test_a_weight_out_of_range_is_a_clear_message(client, built, commissioner, no_throttle, weight, message):
    """Issue 16: the "(%)" of the label was %-formatted into the message, and the page failed."""
    client.force_login(commissioner)
    p, a = built["plan"], built["appraisal"]
    data = {"seen_version": a.version}
    for i, c in enumerate(a.criteria.all()):
        data[f"name_{i}"], data[f"weight_{i}"] = c.name, c.weight
    data["weight_0"] = weight
    response = client.post(reverse("plans:criteria", args=[p.pk, a.pk]), data)
    page = response.content.decode()
    assert response.status_code == 400 and message in page
    assert f'value="{weight}"' in page  # what was typed is kept
    assert sorted(c.weight for c in a.criteria.all()) == [10, 15, 20, 25, 30]


@pytest.mark.django_db
def test_scores_for_an_option_removed_meanwhile_are_refused(built, commissioner):
    """Issue 16: the scores form was loaded with an option someone then removed. Saving is refused with a
    clear message (it was an IntegrityError, a 500), and nothing is written."""
    from django.core.exceptions import ValidationError

    a = built["appraisal"]
    gone = option(a, "Spin out", "internal", value_for_money_evidence="Benchmarked")
    criterion = a.criteria.first()
    scores = {(gone.pk, criterion.pk): 4, (built["option"].pk, criterion.pk): 5}
    services.delete_option(
        appraisal=a, option_pk=gone.pk, seen_version=gone.version, acting_user=commissioner
    )
    with pytest.raises(ValidationError, match="An option was removed by someone else"):
        services.save_scores(appraisal=a, scores=scores, seen_version=a.version, acting_user=commissioner)
    assert not OptionScore.objects.filter(option_id=gone.pk).exists()
    assert OptionScore.objects.get(option=built["option"], criterion=criterion).score == 3  # unchanged
    with pytest.raises(ValidationError, match="An option was removed by someone else"):
        services.adopt_option(
            appraisal=a, option=gone, rationale="x", rejection_reasons={},
            seen_version=a.version, acting_user=commissioner,
        )  # fmt: skip
