"""Do and Review (issue 7): status and direction of travel (properties, at and around the boundaries, for
both polarities), the services' rules (contracts from adopted options, due diligence, corrections, links,
stale forms), the Do -> Review and Review -> Analyse conditions, the contract-end notice, and who may do
what (a matrix through the real views).

A strategy reaches Do as its commissioner would take it there: Analyse complete and approved, a complete
plan approved by councillors, then Plan -> Do (factory strategies score below the gateway's key-project
mark, so no gateway review is needed)."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from hypothesis import assume, example, given
from hypothesis.strategies import decimals, lists, sampled_from

import delivery.permissions
import strategies.permissions
from commissioning.models import Notification
from delivery import performance, services
from delivery.models import Contract, DueDiligenceCheck, Kpi, Measurement, ReviewRecord
from delivery.performance import ACHIEVED, IMPROVING, NO_CHANGE, NOT_ACHIEVED, WITHIN, WORSENING
from delivery.tasks import notify_contracts_ending
from plans.models import Channel, CommissioningPlan, ContractKpi, DeliveryOption, OptionsAppraisal
from strategies.models import Outcome, Stage, Strategy, Trigger
from strategies.services import TransitionRefused

from .. import factories, matrix

HIGHER, LOWER = "higher", "lower"
RANK = {NOT_ACHIEVED: 0, WITHIN: 1, ACHIEVED: 2}
CENT = Decimal("0.01")

amounts = decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-(10**6), max_value=10**6)
tolerances = decimals(allow_nan=False, allow_infinity=False, places=2, min_value=0, max_value=10**6)
polarities = sampled_from([HIGHER, LOWER])


def today():
    return timezone.localdate()


def reload(obj):
    return type(obj).objects.get(pk=obj.pk)


def delivering(commissioner, title="Children are safe and healthy", channel=Channel.EXTERNAL_CONTRACT):
    """The commissioner's strategy in Do, with its approved plan (adopting an option of `channel`)."""
    s = factories.StrategyFactory(commissioner=commissioner, title=title, channel=channel, delivering=True)
    return s, s.plans.get()


def adopted(plan) -> DeliveryOption:
    return plan.optionsappraisals.get().adopted_option


def rejected(plan) -> DeliveryOption:
    return plan.optionsappraisals.get().options.exclude(pk=adopted(plan).pk).first()


def foreign_plan(s) -> CommissioningPlan:
    """Another strategy's plan of its cycle, adopting an option, with a contractual KPI."""
    plan = CommissioningPlan.objects.create(strategy=s, cycle=s.cycle, title="Public protection plan")
    appraisal = OptionsAppraisal.objects.create(plan=plan, title="How it is delivered")
    option = DeliveryOption.objects.create(
        appraisal=appraisal, name="Tender it", channel=Channel.EXTERNAL_CONTRACT, description="-"
    )
    appraisal.adopted_option = option
    appraisal.save()
    ContractKpi.objects.create(plan=plan, name="Visits on time", measurement="-", target="95%")
    return plan


def contract_fields(**overrides):
    fields = {
        "kind": Contract.Kind.CONTRACT,
        "title": "Family support contract",
        "provider": "Action Kids",
        "sector": Contract.Sector.PRIVATE,
        "annual_value": Decimal("1200000"),
        "start_date": today() - timedelta(days=365),
        "end_date": today() + timedelta(days=3 * 365),
        "extension_options": "2 + 1 years",
    }
    return fields | overrides


def contract(s, plan, user, **overrides) -> Contract:
    return services.create_contract(
        strategy=s, option=adopted(plan), acting_user=user, **contract_fields(**overrides)
    )


def kpi(s, user, **fields) -> Kpi:
    defaults = {
        "name": "Families seen within 10 working days",
        "unit": "%",
        "polarity": HIGHER,
        "target": Decimal("90"),
        "tolerance": Decimal("5"),
    }
    return services.create_kpi(strategy=s, acting_user=user, **(defaults | fields))


def actual(k, user, value, period_end=None, note=""):
    return services.record_measurement(
        kpi=k, period_end=period_end or date(2026, 3, 31), value=Decimal(value), note=note, acting_user=user
    )


COMPLETE_REVIEW = {
    "population_outcomes": "Fewer children re-referred across the county.",
    "service_user_outcomes": "Families say help came sooner.",
    "what_worked": "The schools' referral route.",
    "what_did_not": "Evening groups were poorly attended.",
    "lessons": "Ask families before designing the groups.",
    "recommendation": ReviewRecord.Recommendation.RECOMMISSION,
    "trigger": Trigger.CONTRACT_RENEWAL,
}


def review(s, user, **changes):
    record = ReviewRecord.objects.filter(strategy=s, cycle=s.cycle).first()
    return services.save_review(
        strategy=s, seen_version=record.version if record else None, changes=changes, acting_user=user
    )


# Status and direction of travel -----------------------------------------------------------------------------


class TestStatus:
    def test_the_issues_example(self):
        """69% against a 70% target, 60% last time: not achieved, improving."""
        assert performance.status(Decimal(69), Decimal(70), Decimal(0), HIGHER) == NOT_ACHIEVED
        assert performance.direction(Decimal(69), Decimal(60), HIGHER) == IMPROVING
        position = performance.Position(
            kpi=Kpi(target=Decimal(70), tolerance=Decimal(0), polarity=HIGHER),
            series=[(date(2025, 12, 31), Decimal(60)), (date(2026, 3, 31), Decimal(69))],
        )
        assert (position.status_label, position.direction_label) == ("Not achieved", "Improving")
        assert (position.status_tag, position.direction_arrow) == ("govuk-tag--red", "↑")
        # With a tolerance of a point, the same actual is within tolerance.
        assert performance.status(Decimal(69), Decimal(70), Decimal(1), HIGHER) == WITHIN

    @pytest.mark.parametrize(
        "value,previous,expected",
        [
            ("17", "22", (ACHIEVED, IMPROVING)),  # below the target is good
            ("18", "18", (ACHIEVED, NO_CHANGE)),
            ("19.5", "22", (WITHIN, IMPROVING)),  # short by 1.5, tolerance 2
            ("20", "19", (WITHIN, WORSENING)),  # short by exactly the tolerance
            ("20.01", "22", (NOT_ACHIEVED, IMPROVING)),
            ("25", "22", (NOT_ACHIEVED, WORSENING)),
        ],
    )
    def test_lower_is_better(self, value, previous, expected):
        """Re-referrals within 12 months: target 18%, tolerance 2 points."""
        target, tolerance = Decimal(18), Decimal(2)
        got = (
            performance.status(Decimal(value), target, tolerance, LOWER),
            performance.direction(Decimal(value), Decimal(previous), LOWER),
        )
        assert got == expected

    def test_no_previous_period_has_no_direction(self):
        assert performance.direction(Decimal(5), None, HIGHER) is None
        assert performance.direction(Decimal(5), None, LOWER) is None
        first = performance.Position(
            kpi=Kpi(target=Decimal(1), tolerance=0, polarity=LOWER), series=[(date(2026, 1, 31), Decimal(1))]
        )
        assert (first.status, first.direction, first.direction_label) == (ACHIEVED, None, "First period")
        empty = performance.Position(kpi=Kpi(target=Decimal(1), tolerance=0, polarity=LOWER))
        assert (empty.status, empty.status_label, empty.direction_label) == (None, "No actual yet", "–")
        assert empty.status_tag == "govuk-tag--grey"

    @given(value=amounts, target=amounts, tolerance=tolerances)
    def test_mirror_symmetry(self, value, target, tolerance):
        """Lower-is-better is higher-is-better seen in a mirror."""
        assert performance.status(value, target, tolerance, HIGHER) == performance.status(
            -value, -target, tolerance, LOWER
        )

    @given(current=amounts, previous=amounts)
    def test_direction_mirror_and_reversal(self, current, previous):
        up = performance.direction(current, previous, HIGHER)
        assert up == performance.direction(-current, -previous, LOWER)
        # The other polarity, or the other order in time, reads the same move the other way.
        flipped = {IMPROVING: WORSENING, WORSENING: IMPROVING, NO_CHANGE: NO_CHANGE}
        assert performance.direction(current, previous, LOWER) == flipped[up]
        assert performance.direction(previous, current, HIGHER) == flipped[up]
        assert (up == NO_CHANGE) == (current == previous)
        assert (up == IMPROVING) == (current > previous)

    @given(a=amounts, b=amounts, target=amounts, tolerance=tolerances, polarity=polarities)
    def test_better_actuals_never_have_a_worse_status(self, a, b, target, tolerance, polarity):
        low, high = sorted([a, b])
        worse, better = (low, high) if polarity == HIGHER else (high, low)
        assert (
            RANK[performance.status(worse, target, tolerance, polarity)]
            <= RANK[performance.status(better, target, tolerance, polarity)]
        )

    @given(value=amounts, target=amounts, t1=tolerances, t2=tolerances, polarity=polarities)
    def test_more_tolerance_never_makes_it_worse(self, value, target, t1, t2, polarity):
        small, large = sorted([t1, t2])
        assert (
            RANK[performance.status(value, target, small, polarity)]
            <= RANK[performance.status(value, target, large, polarity)]
        )

    @given(target=amounts, tolerance=tolerances, polarity=polarities)
    @example(target=Decimal(70), tolerance=Decimal(0), polarity=HIGHER)
    @example(target=Decimal(0), tolerance=Decimal("0.01"), polarity=LOWER)
    def test_exact_boundaries(self, target, tolerance, polarity):
        better = 1 if polarity == HIGHER else -1  # the way that is better
        status = lambda v: performance.status(v, target, tolerance, polarity)  # noqa: E731
        assert status(target) == ACHIEVED  # on the target
        assert status(target + better * CENT) == ACHIEVED  # just beyond it
        edge = target - better * tolerance  # short by exactly the tolerance
        assert status(edge) == (WITHIN if tolerance else ACHIEVED)
        assert status(edge - better * CENT) == NOT_ACHIEVED  # a penny further short
        if tolerance > CENT:
            assert status(target - better * CENT) == WITHIN  # a penny short

    @given(value=amounts, target=amounts, tolerance=tolerances, polarity=polarities)
    def test_status_follows_the_shortfall(self, value, target, tolerance, polarity):
        shortfall = (target - value) if polarity == HIGHER else (value - target)
        expected = ACHIEVED if shortfall <= 0 else WITHIN if shortfall <= tolerance else NOT_ACHIEVED
        assert performance.status(value, target, tolerance, polarity) == expected

    @given(values=lists(amounts, min_size=1, max_size=6), target=amounts, polarity=polarities)
    def test_a_position_reads_its_latest_two_periods(self, values, target, polarity):
        assume(len(values) == len(set(values)) or len(values) == 1)
        series = [(date(2025, 1, 1) + timedelta(days=31 * i), v) for i, v in enumerate(values)]
        position = performance.Position(Kpi(target=target, tolerance=0, polarity=polarity), series)
        assert position.latest == series[-1]
        assert position.status == performance.status(values[-1], target, Decimal(0), polarity)
        previous = values[-2] if len(values) > 1 else None
        assert position.direction == performance.direction(values[-1], previous, polarity)


# The services ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
class TestContracts:
    def test_only_an_adopted_option_of_this_cycles_plans(self, commissioner, other_strategy):
        s, plan = delivering(commissioner)
        for option in (rejected(plan), adopted(foreign_plan(other_strategy))):
            with pytest.raises(ValidationError, match="adopted option of this cycle's plans"):
                services.create_contract(
                    strategy=s, option=option, acting_user=commissioner, **contract_fields()
                )
        # A plan of an earlier cycle no longer counts.
        CommissioningPlan.objects.filter(pk=plan.pk).update(cycle=0)
        with pytest.raises(ValidationError, match="adopted option of this cycle's plans"):
            services.create_contract(
                strategy=s, option=reload(adopted(plan)), acting_user=commissioner, **contract_fields()
            )
        assert not Contract.objects.exists()

    def test_the_end_is_after_the_start(self, commissioner):
        s, plan = delivering(commissioner)
        start = today()
        for end in (start, start - timedelta(days=1)):
            with pytest.raises(ValidationError, match="end date must be after the start date"):
                contract(s, plan, commissioner, start_date=start, end_date=end)
        assert not Contract.objects.exists()
        made = contract(s, plan, commissioner, start_date=start, end_date=start + timedelta(days=1))
        assert (made.plan, made.option, made.channel) == (plan, adopted(plan), Channel.EXTERNAL_CONTRACT)
        assert made.history.get().history_user == commissioner
        with pytest.raises(ValidationError, match="end date must be after"):
            services.update_contract(
                contract=made,
                seen_version=made.version,
                changes={"start_date": start, "end_date": start},
                acting_user=commissioner,
            )
        assert reload(made).end_date == start + timedelta(days=1)

    def test_a_community_provider_gets_the_due_diligence_checks(self, commissioner):
        s, plan = delivering(commissioner)
        charity = contract(s, plan, commissioner, sector=Contract.Sector.VOLUNTARY, kind=Contract.Kind.GRANT)
        assert charity.needs_due_diligence
        assert sorted(charity.checks.values_list("topic", "status")) == sorted(
            (topic.value, DueDiligenceCheck.Status.TO_DO) for topic in DueDiligenceCheck.REQUIRED
        )
        assert {c.history.get().history_user for c in charity.checks.all()} == {commissioner}

        firm = contract(s, plan, commissioner, title="Firm", sector=Contract.Sector.PRIVATE)
        assert not firm.needs_due_diligence and not firm.checks.exists()
        # Found to be a social enterprise: the checks are added, once.
        changes = contract_fields(title="Firm", sector=Contract.Sector.SOCIAL_ENTERPRISE)
        for version in (1, 2):
            services.update_contract(
                contract=firm, seen_version=version, changes=changes, acting_user=commissioner
            )
        assert firm.checks.count() == 4

    def test_an_actual_for_a_period_again_corrects_it(self, commissioner, administrator):
        s, _ = delivering(commissioner)
        k = kpi(s, commissioner)
        first = actual(k, commissioner, "69", note="From the case system")
        corrected = actual(k, administrator, "71.5", note="  After the audit  ")
        assert corrected.pk == first.pk
        assert list(k.measurements.values_list("period_end", "value", "note", "recorded_by")) == [
            (date(2026, 3, 31), Decimal("71.50"), "After the audit", administrator.pk)
        ]
        history = corrected.history.order_by("history_date")
        assert [(h.value, h.history_user) for h in history] == [
            (Decimal("69.00"), commissioner),
            (Decimal("71.50"), administrator),
        ]
        actual(k, commissioner, "72", period_end=date(2026, 6, 30))
        assert k.measurements.count() == 2

    def test_kpi_links_are_this_strategys(self, commissioner, commissioner2):
        s, plan = delivering(commissioner)
        other = factories.strategy(commissioner=commissioner2, title="Protecting the public")
        theirs = foreign_plan(other)
        their_contract = Contract.objects.create(
            strategy=other,
            plan=theirs,
            option=adopted(theirs),
            channel=Channel.EXTERNAL_CONTRACT,
            **contract_fields(),
        )
        wrong = {
            "outcome": (Outcome.objects.create(strategy=other, title="The public is safe"), "outcome"),
            "contract": (their_contract, "contract"),
            "contract_kpi": (theirs.contractkpis.get(), "commercial models"),
        }
        for name, (obj, message) in wrong.items():
            with pytest.raises(ValidationError, match=message):
                kpi(s, commissioner, **{name: obj})
        assert not Kpi.objects.exists()

        mine = contract(s, plan, commissioner)
        k = kpi(
            s, commissioner, outcome=s.outcomes.first(), contract=mine, contract_kpi=plan.contractkpis.get()
        )
        assert (k.outcome.strategy, k.contract.strategy, k.contract_kpi.plan) == (s, s, plan)
        for name, (obj, message) in wrong.items():
            with pytest.raises(ValidationError, match=message):
                services.update_kpi(
                    kpi=k, seen_version=k.version, changes={name: obj}, acting_user=commissioner
                )
        assert reload(k).version == 1

    def test_kpi_links_through_the_page(self, client, commissioner, commissioner2):
        s, _ = delivering(commissioner)
        other = factories.strategy(commissioner=commissioner2, title="Protecting the public")
        their_outcome = Outcome.objects.create(strategy=other, title="The public is safe")
        client.force_login(commissioner)
        response = client.post(
            reverse("delivery:kpi-create", args=[s.pk]), kpi_form(outcome=their_outcome.pk)
        )
        assert response.status_code == 400
        assert "outcome" in response.context["kpi_form"].errors
        assert not Kpi.objects.exists()

    def test_recording_needs_do_or_review(self, commissioner):
        s = factories.strategy(commissioner=commissioner)
        with pytest.raises(PermissionDenied, match="Do or Review"):
            services.create_kpi(strategy=s, acting_user=commissioner, name="K", target=Decimal(1))


def kpi_form(**overrides):
    return {
        "name": "Re-referrals within 12 months",
        "outcome": "",
        "contract": "",
        "contract_kpi": "",
        "unit": "%",
        "polarity": LOWER,
        "baseline": "22",
        "target": "18",
        "tolerance": "2",
        "frequency": "quarterly",
        "seen_version": "1",
    } | overrides


def contract_form(c, **overrides):
    data = {name: getattr(c, name) for name in ["kind", "title", "provider", "sector", "annual_value"]}
    data |= {
        "start_date": c.start_date.isoformat(),
        "end_date": c.end_date.isoformat(),
        "extension_options": c.extension_options,
        "seen_version": c.version,
    }
    return data | overrides


def review_form(**overrides):
    return COMPLETE_REVIEW | {"seen_version": 1} | overrides


@pytest.mark.django_db
class TestStaleForms:
    """A form loaded before someone else saved is refused (409), says who changed what, and saves
    nothing."""

    def test_contract(self, client, commissioner, administrator):
        s, plan = delivering(commissioner)
        c = contract(s, plan, commissioner)
        loaded = contract_form(c, title="Family support (renamed)")
        services.update_contract(
            contract=c,
            seen_version=1,
            changes=contract_fields(provider="Kids First"),
            acting_user=administrator,
        )
        client.force_login(commissioner)
        response = client.post(c.get_absolute_url(), loaded)
        assert response.status_code == 409
        assert b"Your changes have not been saved" in response.content
        assert [x.label for x in response.context["stale"].changes] == ["Provider"]
        assert (reload(c).title, reload(c).provider, reload(c).version) == (c.title, "Kids First", 2)

    def test_kpi(self, client, commissioner, administrator):
        s, _ = delivering(commissioner)
        k = kpi(s, commissioner)
        services.update_kpi(kpi=k, seen_version=1, changes={"target": Decimal(95)}, acting_user=administrator)
        client.force_login(commissioner)
        response = client.post(k.get_absolute_url(), kpi_form(define="1", name="Renamed"))
        assert response.status_code == 409
        assert response.context["stale"].changed_by == administrator
        assert (reload(k).name, reload(k).target) == (k.name, Decimal(95))

    def test_check(self, client, commissioner, administrator):
        s, plan = delivering(commissioner)
        c = contract(s, plan, commissioner, sector=Contract.Sector.VOLUNTARY)
        check = c.checks.get(topic=DueDiligenceCheck.Topic.INSURANCE)
        services.save_check(
            check=check,
            seen_version=1,
            changes={"status": "not_satisfied", "evidence": "Lapsed in May"},
            acting_user=administrator,
        )
        client.force_login(commissioner)
        form = {"status": "satisfied", "evidence": "Certificate seen", "checked_on": "", "review_due": ""}
        response = client.post(reverse("delivery:check", args=[check.pk]), form | {"seen_version": 1})
        assert response.status_code == 409
        assert (reload(check).status, reload(check).evidence) == ("not_satisfied", "Lapsed in May")
        response = client.post(reverse("delivery:check", args=[check.pk]), form | {"seen_version": 2})
        assert response.status_code == 302
        assert (reload(check).status, reload(check).version) == ("satisfied", 3)

    def test_review(self, client, commissioner, administrator):
        s, _ = delivering(commissioner)
        review(s, administrator, lessons="The administrator's lessons")
        client.force_login(commissioner)
        response = client.post(reverse("delivery:review", args=[s.pk]), review_form(seen_version=0))
        assert response.status_code == 409
        response = client.post(
            reverse("delivery:review", args=[s.pk]), review_form(seen_version=2, lessons="Mine")
        )
        assert response.status_code == 409
        record = ReviewRecord.objects.get(strategy=s)
        assert (record.lessons, record.version) == ("The administrator's lessons", 1)

    def test_two_people_starting_the_review_at_once(self, client, commissioner, administrator):
        """Both load the empty review; the second to save must not overwrite the first."""
        s, _ = delivering(commissioner)
        url = reverse("delivery:review", args=[s.pk])
        client.force_login(commissioner)
        seen = client.get(url).context["form"]["seen_version"].value()
        client.force_login(administrator)
        assert client.post(url, review_form(seen_version=seen, lessons="First")).status_code == 302
        client.force_login(commissioner)
        response = client.post(url, review_form(seen_version=seen, lessons="Second"))
        assert response.status_code == 409
        assert ReviewRecord.objects.get(strategy=s).lessons == "First"


# The lifecycle conditions ---------------------------------------------------------------------------------


@pytest.mark.django_db
class TestConditions:
    def test_do_to_review_needs_every_kpi_reported(self, commissioner):
        s, _ = delivering(commissioner)
        with pytest.raises(TransitionRefused) as refused:
            factories.move(s, "start_review", commissioner)
        assert refused.value.reasons == [
            "Define the KPIs that measure delivery, and report their actuals, before the review."
        ]
        seen = kpi(s, commissioner, name="Families seen on time")
        kpi(s, commissioner, name="Re-referrals", polarity=LOWER)
        kpi(s, commissioner, name="Parents satisfied")
        actual(seen, commissioner, "88")
        with pytest.raises(TransitionRefused) as refused:
            factories.move(s, "start_review", commissioner)
        assert refused.value.reasons == [
            "Report an actual for each KPI before the review: Re-referrals, Parents satisfied."
        ]
        assert reload(s).stage == Stage.DO
        for k in Kpi.objects.filter(strategy=s).exclude(pk=seen.pk):
            actual(k, commissioner, "20")
        assert factories.move(s, "start_review", commissioner).stage == Stage.REVIEW

    def test_review_to_analyse_needs_a_complete_review_not_decommissioning(self, commissioner):
        s, _ = delivering(commissioner)
        actual(kpi(s, commissioner), commissioner, "91")
        s = factories.move(s, "start_review", commissioner)

        def refusal():
            with pytest.raises(TransitionRefused) as refused:
                factories.move(
                    s, "recommission", commissioner, trigger=Trigger.CONTRACT_RENEWAL, note="Ends soon"
                )
            assert reload(s).stage == Stage.REVIEW
            return refused.value.reasons

        assert refusal() == ["Write the review of cycle 1 (outcomes, what worked, lessons learnt) first."]
        review(s, commissioner, what_worked="The schools' referral route.")
        assert refusal() == [
            "Complete the review: the outcomes for the population and the system, the outcomes for people "
            "who use the services, what did not work, the lessons learnt, the recommendation."
        ]
        review(s, commissioner, **(COMPLETE_REVIEW | {"trigger": ""}))
        assert refusal() == ["Complete the review: the trigger for recommissioning."]
        review(s, commissioner, **(COMPLETE_REVIEW | {"recommendation": "decommission", "trigger": ""}))
        assert refusal() == [
            "The review recommends decommissioning: archive the strategy instead of recommissioning it."
        ]
        review(s, commissioner, **COMPLETE_REVIEW)
        s = factories.move(
            s, "recommission", commissioner, trigger=Trigger.CONTRACT_RENEWAL, note="Ends soon"
        )
        assert (s.stage, s.cycle) == (Stage.ANALYSE, 2)

    def test_lessons_learnt_come_back_in_the_next_analyse(self, client, commissioner, councillor):
        s, _ = delivering(commissioner)
        actual(kpi(s, commissioner), commissioner, "91")
        s = factories.move(s, "start_review", commissioner)
        review(s, commissioner, **COMPLETE_REVIEW)
        client.force_login(councillor)
        page = client.get(s.get_absolute_url())
        assert b"Lessons learnt in cycle" not in page.content  # not while still in Review

        s = factories.move(
            s, "recommission", commissioner, trigger=Trigger.CONTRACT_RENEWAL, note="Ends soon"
        )
        page = client.get(s.get_absolute_url())
        assert page.status_code == 200
        text = page.content.decode()
        assert "Lessons learnt in cycle 1" in text
        assert COMPLETE_REVIEW["lessons"] in text
        # The review page of cycle 2 lists cycle 1's among the earlier cycles.
        page = client.get(reverse("delivery:review", args=[s.pk])).content.decode()
        assert "Review of cycle 2" in page and COMPLETE_REVIEW["lessons"] in page


# Contracts ending -----------------------------------------------------------------------------------------


@pytest.mark.django_db
class TestContractEnd:
    def test_told_once_inside_the_horizon_and_again_after_a_new_end_date(
        self, client, commissioner, commissioner2
    ):
        s, plan = delivering(commissioner)
        s.commissioners.add(commissioner2)  # every commissioner of the strategy is told
        horizon = settings.RECOMMISSION_HORIZON_DAYS
        ending = contract(s, plan, commissioner, title="Ending", end_date=today() + timedelta(days=horizon))
        later = contract(s, plan, commissioner, title="Later", end_date=today() + timedelta(days=horizon + 1))

        assert notify_contracts_ending.run() == 1
        ending_notes = Notification.objects.filter(key__startswith="contract-ending:")
        note = ending_notes.get()
        assert note.key == f"contract-ending:{ending.pk}:{ending.end_date.isoformat()}"
        assert note.recipients == sorted([commissioner.email, commissioner2.email])
        assert "Ending" in note.subject and ending.get_absolute_url() in note.body
        assert "trigger 'Contract renewal'" in note.body
        assert reload(ending).renewal_notified_at is not None
        assert reload(later).renewal_notified_at is None

        assert notify_contracts_ending.run() == 0
        assert ending_notes.count() == 1

        # A new end date (still inside the horizon) is told again; changing something else is not.
        services.update_contract(
            contract=ending, seen_version=1, changes=contract_fields(title="Ending"), acting_user=commissioner
        )
        assert notify_contracts_ending.run() == 0
        new_end = today() + timedelta(days=60)
        services.update_contract(
            contract=reload(ending),
            seen_version=2,
            changes=contract_fields(title="Ending", end_date=new_end),
            acting_user=commissioner,
        )
        assert reload(ending).renewal_notified_at is None
        assert notify_contracts_ending.run() == 1
        assert Notification.objects.filter(key__endswith=new_end.isoformat()).exists()
        assert ending_notes.count() == 2

        # The pages: the dashboard counts it, the contract page flags it, the list names it.
        client.force_login(commissioner)
        home = client.get(reverse("home")).content.decode()
        assert "1 contract</strong> ends within" in home
        assert reverse("delivery:contracts-ending") in home
        assert b"Recommission: contract renewal" in client.get(ending.get_absolute_url()).content
        assert b"Recommission: contract renewal" not in client.get(later.get_absolute_url()).content
        listed = client.get(reverse("delivery:contracts-ending"))
        assert [c.pk for c in listed.context["contracts"]] == [ending.pk]
        delivery_page = client.get(reverse("delivery:strategy", args=[s.pk])).content.decode()
        assert delivery_page.count("Recommission: contract renewal") == 1

    def test_nothing_ending_nothing_shown(self, client, commissioner):
        s, plan = delivering(commissioner)
        contract(s, plan, commissioner)
        assert notify_contracts_ending.run() == 0
        assert not Notification.objects.filter(key__startswith="contract-ending").exists()
        client.force_login(commissioner)
        assert b"ends within" not in client.get(reverse("home")).content


# Rights: a matrix through the real views (last: its shared world stays until the module ends) ---------------

ROLES = ["commissioner", "commissioner2", "councillor", "scrutiny", "gateway", "administrator", "anonymous"]
EDITORS = {"commissioner", "administrator"}


def _build_world():
    """The commissioner's strategy in Do, with a grant to a charity (so due-diligence checks), a KPI with
    an actual and a started review; commissioner2's strategy elsewhere."""
    p = matrix.people()
    owner = p["commissioner"]
    s, plan = delivering(owner)
    other = factories.strategy(commissioner=p["commissioner2"], title="Protecting the public")
    grant = contract(
        s, plan, owner, kind=Contract.Kind.GRANT, sector=Contract.Sector.VOLUNTARY, provider="Home-Start"
    )
    k = kpi(s, owner, contract=grant)
    actual(k, owner, "88")
    review(s, owner, what_worked="The schools' referral route.")
    return {
        "people": p,
        "strategy": reload(s),
        "plan": plan,
        "other": other,
        "contract": reload(grant),
        "check": grant.checks.get(topic=DueDiligenceCheck.Topic.SAFEGUARDING),
        "kpi": reload(k),
    }


shared_world = matrix.shared_world_fixture(_build_world)


@pytest.fixture
def world(db, shared_world):
    return matrix.fresh(shared_world)


def fingerprint():
    """Everything a delivery action could write: a refused one must leave all of it as it was."""
    return {
        "contracts": list(
            Contract.objects.order_by("pk").values_list(
                "pk", "title", "provider", "sector", "end_date", "version", "renewal_notified_at"
            )
        ),
        "checks": list(
            DueDiligenceCheck.objects.order_by("pk").values_list("pk", "status", "evidence", "version")
        ),
        "kpis": list(Kpi.objects.order_by("pk").values_list("pk", "name", "target", "polarity", "version")),
        "actuals": list(
            Measurement.objects.order_by("pk").values_list("pk", "period_end", "value", "note", "recorded_by")
        ),
        "reviews": list(
            ReviewRecord.objects.order_by("pk").values_list(
                "pk", "cycle", "lessons", "recommendation", "version"
            )
        ),
        "history": [
            model.history.count() for model in (Contract, DueDiligenceCheck, Kpi, Measurement, ReviewRecord)
        ],
    }


_client = matrix.as_person


_refused_to_anonymous = matrix.refused_to_anonymous


READ_PAGES = {
    "strategy delivery": (lambda w: reverse("delivery:strategy", args=[w["strategy"].pk]), None),
    "other strategy delivery": (lambda w: reverse("delivery:strategy", args=[w["other"].pk]), None),
    "contract": (lambda w: w["contract"].get_absolute_url(), None),
    "check": (lambda w: reverse("delivery:check", args=[w["check"].pk]), EDITORS),
    "kpi": (lambda w: w["kpi"].get_absolute_url(), None),
    "review": (lambda w: reverse("delivery:review", args=[w["strategy"].pk]), None),
    "contracts ending": (lambda w: reverse("delivery:contracts-ending"), None),
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(READ_PAGES))
def test_reading(client, world, role, page, no_throttle):
    url, only = READ_PAGES[page]
    before = fingerprint()
    response = _client(client, world["people"][role]).get(url(world))
    if role == "anonymous":
        assert _refused_to_anonymous(response)
    elif only is None or role in only:
        assert response.status_code == 200
    else:
        assert response.status_code == 403
    assert fingerprint() == before, "reading must change nothing"


@dataclass
class Action:
    url: Any  # world -> str
    data: Any  # world -> dict
    effect: Any  # world -> what an allowed POST changes
    rights: Any  # (user, world) -> the Decision the view takes, from the predicates it asks
    allowed: set = field(default_factory=lambda: set(EDITORS))


def _on_strategy(predicate):
    """The strategy's pages read it (strategies' can_view) before asking the action's predicate."""
    return lambda u, w: strategies.permissions.can_view(u, w["strategy"]) and predicate(u, w["strategy"])


def _on_page(strategy):
    """A contract's or KPI's page: everyone signed in reads it; its forms are for who may record."""
    return lambda u, w: delivery.permissions.can_view(u) and delivery.permissions.can_record(u, strategy(w))


def _contract_url(w):
    return w["contract"].get_absolute_url()


def _kpi_url(w):
    return w["kpi"].get_absolute_url()


ACTIONS = {
    "create contract": Action(
        lambda w: reverse("delivery:contract-create", args=[w["strategy"].pk]),
        lambda w: {
            "option": adopted(w["plan"]).pk,
            "kind": "contract",
            "title": "Parenting groups",
            "provider": "Families Ltd",
            "sector": "private",
            "annual_value": "250000",
            "start_date": today().isoformat(),
            "end_date": (today() + timedelta(days=700)).isoformat(),
            "extension_options": "",
        },
        lambda w: Contract.objects.count(),
        _on_strategy(delivery.permissions.can_record),
    ),
    "edit contract": Action(
        _contract_url,
        lambda w: contract_form(reload(w["contract"]), title="Family support grant (renamed)"),
        lambda w: reload(w["contract"]).title,
        _on_page(lambda w: w["contract"].strategy),
    ),
    "edit check": Action(
        lambda w: reverse("delivery:check", args=[w["check"].pk]),
        lambda w: {
            "status": "satisfied",
            "evidence": "Safeguarding policy dated 2025; DBS checks seen.",
            "checked_on": today().isoformat(),
            "review_due": (today() + timedelta(days=365)).isoformat(),
            "seen_version": reload(w["check"]).version,
        },
        lambda w: reload(w["check"]).status,
        lambda u, w: delivery.permissions.can_record(u, w["check"].contract.strategy),
    ),
    "create kpi": Action(
        lambda w: reverse("delivery:kpi-create", args=[w["strategy"].pk]),
        lambda w: kpi_form(),
        lambda w: Kpi.objects.count(),
        _on_strategy(delivery.permissions.can_record),
    ),
    "edit kpi": Action(
        _kpi_url,
        lambda w: kpi_form(define="1", name="Renamed", seen_version=reload(w["kpi"]).version),
        lambda w: reload(w["kpi"]).name,
        _on_page(lambda w: w["kpi"].strategy),
    ),
    "record actual": Action(
        _kpi_url,
        lambda w: {"period_end": "2026-06-30", "value": "91", "note": "Q1"},
        lambda w: list(w["kpi"].measurements.values_list("period_end", "value")),
        _on_page(lambda w: w["kpi"].strategy),
    ),
    "save review": Action(
        lambda w: reverse("delivery:review", args=[w["strategy"].pk]),
        lambda w: review_form(seen_version=ReviewRecord.objects.get(strategy=w["strategy"]).version),
        lambda w: ReviewRecord.objects.get(strategy=w["strategy"]).lessons,
        _on_strategy(delivery.permissions.can_review),
    ),
}


def _post(client, world, role, action):
    a = ACTIONS[action]
    before, effect_before = fingerprint(), a.effect(world)
    response = _client(client, world["people"][role]).post(a.url(world), a.data(world))
    return response, before, effect_before


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_rights_to_act_in_do(world, role, action):
    assert bool(ACTIONS[action].rights(matrix.asked_as(world, role), world)) == (
        role in ACTIONS[action].allowed
    )


# Over HTTP: the strategy's commissioner, the closest refused role (another strategy's commissioner) and
# anonymous.
@pytest.mark.django_db
@pytest.mark.parametrize("role", ["commissioner", "commissioner2", "anonymous"])
@pytest.mark.parametrize("action", list(ACTIONS))
def test_acting_in_do(client, world, role, action, no_throttle):
    a = ACTIONS[action]
    response, before, effect_before = _post(client, world, role, action)
    if role == "anonymous":
        assert _refused_to_anonymous(response)
    elif role in a.allowed:
        assert response.status_code == 302, response.content[:800]
        assert a.effect(world) != effect_before, "an allowed action must do what it says"
    else:
        assert response.status_code == 403, response.content[:800]
    if role not in a.allowed:
        assert fingerprint() == before, "a refused action must change nothing"


@pytest.mark.django_db
@pytest.mark.parametrize("action", list(ACTIONS))
def test_acting_in_review(client, world, action, no_throttle):
    Strategy.objects.filter(pk=world["strategy"].pk).update(stage=Stage.REVIEW)
    response, _, effect_before = _post(client, world, "commissioner", action)
    assert response.status_code == 302, response.content[:800]
    assert ACTIONS[action].effect(world) != effect_before


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["commissioner", "administrator"])
@pytest.mark.parametrize("stage", [Stage.PLAN, Stage.ANALYSE, Stage.ARCHIVED])
@pytest.mark.parametrize("action", list(ACTIONS))
def test_acting_outside_do_and_review_is_refused(client, world, role, stage, action, no_throttle):
    Strategy.objects.filter(pk=world["strategy"].pk).update(stage=stage)
    response, before, _ = _post(client, world, role, action)
    assert response.status_code == 403, response.content[:800]
    assert fingerprint() == before


@pytest.mark.django_db
def test_forms_are_shown_only_to_who_may_use_them(client, world, no_throttle):
    w, p = world, world["people"]
    for role in ROLES[:-1]:
        editor = role in EDITORS
        client.force_login(p[role])
        page = client.get(reverse("delivery:strategy", args=[w["strategy"].pk]))
        assert bool(page.context["may_record"]) == editor, role
        assert (page.context["contract_form"] is not None) == editor, role
        assert (page.context["kpi_form"] is not None) == editor, role
        for form in ("delivery:contract-create", "delivery:kpi-create"):
            action = f'action="{reverse(form, args=[w["strategy"].pk])}"'
            assert (action in page.content.decode()) == editor, role
        page = client.get(w["contract"].get_absolute_url())
        assert (page.context["form"] is not None) == editor, role
        assert (reverse("delivery:check", args=[w["check"].pk]).encode() in page.content) == editor, role
        page = client.get(w["kpi"].get_absolute_url())
        assert (page.context["form"] is not None, page.context["actual"] is not None) == (editor, editor)
        page = client.get(reverse("delivery:review", args=[w["strategy"].pk]))
        assert (page.context["form"] is not None) == editor, role
        if not editor:
            assert b"The schools&#x27; referral route." in page.content  # the record, read-only
    # The owner, in Plan: the pages are read-only, with the reason.
    Strategy.objects.filter(pk=w["strategy"].pk).update(stage=Stage.PLAN)
    client.force_login(p["commissioner"])
    page = client.get(reverse("delivery:strategy", args=[w["strategy"].pk]))
    assert page.context["contract_form"] is None and page.context["kpi_form"] is None
    assert b"Delivery is recorded while the strategy is in Do or Review." in page.content
