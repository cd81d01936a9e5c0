import threading
from enum import StrEnum

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

import plans.checklist
import plans.services
from plans.models import NEEDS_COMMERCIAL_MODEL, Channel, CommercialModel, NoPlanStatement
from strategies import checklist, lifecycle, selectors, services
from strategies.models import Stage, Strategy, TransitionLog, Trigger

from .. import factories

NO_PLAN = "Write a Commissioning Plan, or a statement of the reasons no plan is required."


def move(s, name, user, **kw):
    return services.apply_transition(
        strategy_id=s.pk, name=name, acting_user=user, expected_stage=s.stage, **kw
    )


@pytest.mark.django_db
class TestChecklist:
    def test_new_strategy_lists_every_missing_requirement(self, own_strategy):
        missing = {item.key for item in checklist.missing(own_strategy)}
        assert {
            "evidence",
            "summary_of_findings",
            "needs_methodology",
            "outcomes",
            "metrics",
            "scope",
            "stakeholders",
            "contributions",
            "documents",
            "starting-position",
            "interdependencies",
            "emerging_issues",
            "data_gaps",
        } <= missing
        assert {f for f in missing if f.startswith("need_")} == {
            "need_political",
            "need_demographic",
            "need_legal",
            "need_policy",
            "need_performance",
            "need_stakeholders",
            "need_partners",
            "need_resources",
            "need_market",
        }

    def test_each_item_links_to_where_it_is_fixed(self, own_strategy):
        by_key = {i.key: i for i in checklist.build(own_strategy)}
        assert by_key["need_legal"].url.endswith(
            f"/strategies/{own_strategy.pk}/needs-analysis/#id_need_legal"
        )
        assert by_key["outcomes"].url.endswith(f"/strategies/{own_strategy.pk}/outcomes/")

    def test_complete_content_has_no_gaps(self, own_strategy):
        assert checklist.missing(factories.complete_analyse(own_strategy)) == []

    def test_one_blank_consideration_is_a_gap(self, own_strategy):
        s = factories.complete_analyse(own_strategy)
        s.need_market = "   "
        s.save()
        assert [i.key for i in checklist.missing(s)] == ["need_market"]

    def test_scope_needs_in_and_out(self, own_strategy):
        s = factories.complete_analyse(own_strategy)
        s.scopeitems.filter(in_scope=False).delete()
        item = next(i for i in checklist.missing(Strategy.objects.get(pk=s.pk)))
        assert item.key == "scope" and "out of scope" in item.missing

    def test_an_interdependency_counts_from_either_end(self, own_strategy, commissioner):
        """One fact seen from both sides: recorded on this strategy, or on the other one (issue 15)."""
        other = factories.strategy(commissioner=commissioner, title="Learn and achieve")
        s = factories.complete_analyse(own_strategy, other=other)
        assert "interdependencies" not in {i.key for i in checklist.missing(other)}, "recorded on the other"
        assert checklist.missing(s) == [], "recorded on this one"
        s.interdependencys.all().delete()
        assert "interdependencies" in {i.key for i in checklist.missing(Strategy.objects.get(pk=s.pk))}
        assert "interdependencies" in {i.key for i in checklist.missing(Strategy.objects.get(pk=other.pk))}

    def test_joint_strategy_follows_partner_process(self, own_strategy):
        factories.impact_areas()
        s = own_strategy
        s.is_joint, s.lead_partner, s.partner_process = True, "Integrated Care Board", "ICB needs assessment"
        s.save()
        keys = {i.key for i in checklist.missing(s)}
        # The equality duty is the council's own: the impact assessment stays required.
        assert keys == {"evidence", "summary_of_findings", "outcomes", "impact"}


@pytest.mark.django_db
class TestTransitions:
    def test_refused_with_every_reason_and_nothing_changes(self, own_strategy, commissioner):
        with pytest.raises(services.TransitionRefused) as refused:
            move(own_strategy, "start_planning", commissioner)
        assert len(refused.value.reasons) >= 20
        assert (
            "Needs analysis: Legal framework: write the analysis of legal framework." in refused.value.reasons
        )
        own_strategy.refresh_from_db()
        assert own_strategy.stage == Stage.ANALYSE
        assert not TransitionLog.objects.exists()

    def test_full_cycle_is_logged(self, own_strategy, commissioner):
        s = factories.complete_analyse(own_strategy)
        for name in ["start_planning", "start_delivery", "start_review"]:
            if name == "start_delivery":
                factories.complete_plan(s, commissioner)
            if name == "start_review":
                factories.delivered(s, commissioner)
            move(s, name, commissioner, note=f"{name} agreed")
            s.refresh_from_db()
        assert s.stage == Stage.REVIEW
        factories.reviewed(s, commissioner)
        move(s, "recommission", commissioner, trigger=Trigger.CONTRACT_RENEWAL, note="Contract ends March")
        s.refresh_from_db()
        assert (s.stage, s.cycle) == (Stage.ANALYSE, 2)
        logs = list(s.transitions.order_by("at", "pk").values_list("source", "target", "actor", "trigger"))
        assert logs == [
            ("analyse", "plan", commissioner.pk, ""),
            ("plan", "do", commissioner.pk, ""),
            ("do", "review", commissioner.pk, ""),
            ("review", "analyse", commissioner.pk, "contract_renewal"),
        ]

    def test_a_move_asks_each_condition_once_and_forgets_the_answers_after(
        self, own_strategy, commissioner, monkeypatch
    ):
        """apply_transition asks the conditions for its reasons, then django-fsm asks them again when the
        move is made: on the same locked row, so they are worked out once."""
        s = factories.complete_analyse(own_strategy)
        asked = []
        conditions = lifecycle._conditions[lifecycle.Transition.START_PLANNING]
        monkeypatch.setattr(
            lifecycle, "_conditions", {**lifecycle._conditions, "start_planning": [*conditions, asked.append]}
        )
        move(s, "start_planning", commissioner)
        assert len(asked) == 1
        assert not lifecycle.remembering(asked[0])  # the moved strategy does not keep answers of before

    def test_recommission_needs_trigger_and_reason(self, own_strategy, commissioner):
        s = factories.advance(own_strategy, factories.Reached.REVIEWED)
        with pytest.raises(services.TransitionRefused) as refused:
            move(s, "recommission", commissioner)
        assert refused.value.reasons == ["Choose the trigger for recommissioning.", "Give the reason."]
        s.refresh_from_db()
        assert s.stage == Stage.REVIEW

    def test_archive_needs_a_reason_and_freezes_the_strategy(self, own_strategy, commissioner):
        with pytest.raises(services.TransitionRefused):
            move(own_strategy, "archive", commissioner)
        move(own_strategy, "archive", commissioner, note="Merged into CS-03")
        own_strategy.refresh_from_db()
        assert own_strategy.stage == Stage.ARCHIVED
        assert selectors.transitions_for(own_strategy, commissioner) == []

    def test_archive_from_a_later_stage(self, own_strategy, commissioner):
        s = factories.advance(own_strategy, factories.Reached.REVIEWED)
        move(s, "archive", commissioner, note="Service transferred to the combined authority")
        s.refresh_from_db()
        assert s.stage == Stage.ARCHIVED
        assert s.transitions.first().source == "review"

    def test_stale_stage_is_refused_clearly(self, own_strategy, commissioner):
        s = factories.complete_analyse(own_strategy)
        move(s, "start_planning", commissioner)
        with pytest.raises(services.TransitionRefused) as refused:
            services.apply_transition(
                strategy_id=s.pk, name="start_planning", acting_user=commissioner, expected_stage="analyse"
            )
        assert "already moved from Analyse to Plan" in refused.value.reasons[0]
        assert TransitionLog.objects.count() == 1

    def test_another_app_can_add_a_condition(self, own_strategy, commissioner):
        s = factories.complete_analyse(own_strategy)

        @lifecycle.condition("start_planning")
        def outcomes_approved(strategy):
            return ["Councillors have not approved the outcomes."]

        try:
            with pytest.raises(services.TransitionRefused) as refused:
                move(s, "start_planning", commissioner)
            assert refused.value.reasons == ["Councillors have not approved the outcomes."]
            from django_fsm import can_proceed

            assert not can_proceed(s.start_planning)
        finally:
            lifecycle._conditions["start_planning"].remove(outcomes_approved)
        move(s, "start_planning", commissioner)

    def test_transition_is_in_history_with_who(self, own_strategy, commissioner):
        s = factories.complete_analyse(own_strategy)
        move(s, "start_planning", commissioner, note="Agreed at DMT")
        record = s.history.first()
        assert record.stage == "plan" and record.history_user == commissioner


@pytest.mark.django_db
class TestPlanToDo:
    """A strategy moves from Plan to Do only with complete plans for this cycle, or a statement of the
    reasons no plan is required (seed 002, section 4.1)."""

    @pytest.fixture
    def in_plan(self, own_strategy, commissioner):
        return factories.advance(own_strategy, factories.Reached.IN_PLAN)

    def refused(self, s, user) -> list[str]:
        with pytest.raises(services.TransitionRefused) as refused:
            move(s, "start_delivery", user)
        s.refresh_from_db()
        assert s.stage == Stage.PLAN
        return refused.value.reasons

    def test_refused_without_a_plan_or_a_statement(self, in_plan, commissioner):
        assert self.refused(in_plan, commissioner) == [NO_PLAN]

    def test_a_statement_of_reasons_is_enough(self, in_plan, commissioner):
        plans.services.state_no_plan_needed(
            strategy=in_plan,
            reasons="A regulatory function driven by statutory process, delivered well: no change would help.",
            acting_user=commissioner,
        )
        move(in_plan, "start_delivery", commissioner)
        in_plan.refresh_from_db()
        assert in_plan.stage == Stage.DO

    def test_an_incomplete_plan_is_refused_naming_its_missing_parts(self, in_plan, commissioner):
        plans.services.create_plan(strategy=in_plan, acting_user=commissioner, title="Draft early help plan")
        reasons = self.refused(in_plan, commissioner)
        for expected in [
            "Draft early help plan: Outcomes this plan delivers: choose the outcomes this plan delivers.",
            "Draft early help plan: Services analysis: add the services and activities proposed.",
            "Draft early help plan: Statement of current resources: write the statement of current resources.",
            "Draft early help plan: Delivery analysis (options appraisal): appraise the delivery options.",
            "Draft early help plan: Delivery plan: milestones: add the delivery plan's milestones.",
            "Draft early help plan: Delivery plan: risk register: add the risks, with mitigating actions.",
            "Draft early help plan: Governance until business as usual: "
            "describe the governance until business as usual.",
        ]:
            assert expected in reasons
        assert NO_PLAN not in reasons

    def test_one_gap_in_an_otherwise_complete_plan_is_named(self, in_plan, commissioner):
        plan = factories.complete_plan(in_plan, commissioner)
        appraisal = plan.optionsappraisals.get()
        rejected = appraisal.options.exclude(pk=appraisal.adopted_option_id).first()
        rejected.rejection_reason = ""
        rejected.save()
        model = plan.commercial_model
        model.contingency_level = CommercialModel.Contingency.BASIC
        model.save()
        reasons = self.refused(in_plan, commissioner)
        assert len(reasons) == 3
        assert f"say why these were not adopted: {rejected.name}" in reasons[0]
        assert reasons[0].startswith(
            "Family support plan: Delivery analysis: How family support is delivered:"
        )
        assert "Commercial model: contingency: contingency must be proportionate" in reasons[1]
        assert "at least 'Standard'" in reasons[1]
        # ... and the plan councillors approved has changed since, so their approval is out of date.
        assert reasons[2].startswith("The plan 'Family support plan' changed after councillors approved it")

    def test_a_complete_plan_lets_delivery_start(self, in_plan, commissioner):
        factories.complete_plan(in_plan, commissioner)
        move(in_plan, "start_delivery", commissioner, note="Plan approved by the Executive")
        in_plan.refresh_from_db()
        assert in_plan.stage == Stage.DO

    def test_every_plan_of_the_cycle_must_be_complete(self, in_plan, commissioner):
        factories.complete_plan(in_plan, commissioner)
        plans.services.create_plan(strategy=in_plan, acting_user=commissioner, title="Parenting groups plan")
        reasons = self.refused(in_plan, commissioner)
        unapproved = "Councillors have not yet been asked to approve the plan 'Parenting groups plan'."
        assert unapproved in reasons
        reasons.remove(unapproved)
        assert reasons and all(r.startswith("Parenting groups plan: ") for r in reasons)

    def test_a_plan_replaces_a_statement_and_must_then_be_complete(self, in_plan, commissioner):
        plans.services.state_no_plan_needed(
            strategy=in_plan, reasons="No change proposed.", acting_user=commissioner
        )
        plans.services.create_plan(strategy=in_plan, acting_user=commissioner, title="Change after all")
        assert not NoPlanStatement.objects.filter(strategy=in_plan).exists()
        assert NO_PLAN not in self.refused(in_plan, commissioner)

    def test_plans_of_an_earlier_cycle_do_not_count(self, own_strategy, commissioner):
        s = factories.advance(own_strategy, factories.Reached.REVIEWED)
        move(s, "recommission", commissioner, trigger=Trigger.CONTRACT_RENEWAL, note="Contract ends")
        s.refresh_from_db()
        factories.approve(s)  # each cycle's outcomes are approved afresh
        move(s, "start_planning", commissioner)
        s.refresh_from_db()
        assert (s.stage, s.cycle) == (Stage.PLAN, 2)
        assert s.plans.filter(cycle=1).count() == 1
        assert self.refused(s, commissioner) == [NO_PLAN]

    @pytest.mark.parametrize("channel", list(Channel))
    def test_the_factory_plan_is_complete_for_every_channel(self, in_plan, commissioner, channel):
        plan = factories.complete_plan(in_plan, commissioner, channel=channel)
        assert plans.checklist.missing(plan) == []
        adopted = plan.optionsappraisals.get().adopted_option
        assert adopted.channel == channel
        assert CommercialModel.objects.filter(plan=plan).exists() == (channel in NEEDS_COMMERCIAL_MODEL)
        assert plan.history.first().history_user == commissioner


@pytest.mark.django_db(transaction=True)
def test_two_people_pressing_at_once_leave_one_applied_one_refused(on_postgres, commissioner, commissioner2):
    s = factories.complete_analyse(factories.strategy(commissioner=commissioner))
    services.update_strategy(
        strategy=s,
        seen_version=s.version,
        changes={"commissioners": [commissioner2]},
        acting_user=commissioner,
    )
    barrier = threading.Barrier(2)
    results = {}

    def press(user):
        try:
            barrier.wait()
            services.apply_transition(
                strategy_id=s.pk, name="start_planning", acting_user=user, expected_stage="analyse"
            )
            results[user.username] = "applied"
        except services.TransitionRefused as refusal:
            results[user.username] = refusal.reasons[0]
        finally:
            connection.close()  # each thread has its own PostgreSQL connection

    threads = [threading.Thread(target=press, args=(u,)) for u in (commissioner, commissioner2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(v == "applied" for v in results.values()) == [False, True]
    refusal = next(v for v in results.values() if v != "applied")
    assert "already moved from Analyse to Plan" in refusal
    assert TransitionLog.objects.filter(strategy=s).count() == 1


@pytest.mark.django_db
def test_a_long_note_is_kept_whole(own_strategy, commissioner):
    note = "The Executive agreed the outcomes after a long debate. " * 10
    move(own_strategy, "archive", commissioner, note=note)
    assert own_strategy.transitions.get().note == note.strip()


def test_a_condition_on_a_misspelt_transition_fails_at_start_up():
    with pytest.raises(ImproperlyConfigured, match="no lifecycle transition 'start_planing'"):

        @lifecycle.condition("start_planing")
        def never_registered(strategy):
            return []

    assert "start_planing" not in lifecycle._conditions


def test_the_transition_names_are_the_models_transitions():
    lifecycle.check_transitions(Strategy)  # what StrategiesConfig.ready() checks: no error
    with_a_typo = StrEnum("Transition", {"START_PLANNING": "start_planing", "ARCHIVE": "archive"})
    with pytest.raises(ImproperlyConfigured, match=r"not on the model: \['start_planing'\]"):
        lifecycle.check_transitions(Strategy, with_a_typo)
    assert {t.value for t in lifecycle.Transition} == {
        t.name for t in Strategy._meta.get_field("stage").get_all_transitions(Strategy)
    }
