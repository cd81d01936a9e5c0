import threading

import pytest
from django.db import connection

from strategies import checklist, lifecycle, services
from strategies.models import Stage, Strategy, TransitionLog, Trigger

from . import factories


def move(s, name, user, **kw):
    return services.apply_transition(s.pk, name, acting_user=user, expected_stage=s.stage, **kw)


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

    def test_joint_strategy_follows_partner_process(self, own_strategy):
        s = own_strategy
        s.is_joint, s.lead_partner, s.partner_process = True, "Integrated Care Board", "ICB needs assessment"
        s.save()
        keys = {i.key for i in checklist.missing(s)}
        assert keys == {"evidence", "summary_of_findings", "outcomes"}


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
            move(s, name, commissioner, note=f"{name} agreed")
            s.refresh_from_db()
        assert s.stage == Stage.REVIEW
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

    def test_recommission_needs_trigger_and_reason(self, own_strategy, commissioner):
        s = factories.complete_analyse(own_strategy)
        for name in ["start_planning", "start_delivery", "start_review"]:
            move(s, name, commissioner)
            s.refresh_from_db()
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
        assert services.transitions_for(own_strategy, commissioner) == []

    def test_archive_from_a_later_stage(self, own_strategy, commissioner):
        s = factories.complete_analyse(own_strategy)
        for name in ["start_planning", "start_delivery", "start_review"]:
            move(s, name, commissioner)
            s.refresh_from_db()
        move(s, "archive", commissioner, note="Service transferred to the combined authority")
        s.refresh_from_db()
        assert s.stage == Stage.ARCHIVED
        assert s.transitions.first().source == "review"

    def test_stale_stage_is_refused_clearly(self, own_strategy, commissioner):
        s = factories.complete_analyse(own_strategy)
        move(s, "start_planning", commissioner)
        with pytest.raises(services.TransitionRefused) as refused:
            services.apply_transition(
                s.pk, "start_planning", acting_user=commissioner, expected_stage="analyse"
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


@pytest.mark.django_db(transaction=True)
def test_two_people_pressing_at_once_leave_one_applied_one_refused(on_postgres, commissioner, commissioner2):
    s = factories.complete_analyse(factories.strategy(commissioner=commissioner))
    services.update_strategy(
        s, seen_version=s.version, changes={}, commissioners=[commissioner2], acting_user=commissioner
    )
    barrier = threading.Barrier(2)
    results = {}

    def press(user):
        try:
            barrier.wait()
            services.apply_transition(s.pk, "start_planning", acting_user=user, expected_stage="analyse")
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
