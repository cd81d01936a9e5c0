"""Issue 17 items 2 and 4: key decisions wait for their forward-plan notice (or an exception); executive
decisions are published with a call-in period, may be called in by scrutiny members, and hold the
strategy until they are in effect."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

import gateway.selectors
from commissioning import dates, roles
from commissioning.models import Notification
from members import approvals, callin, permissions, selectors, services
from members.models import (
    ApprovalDecision,
    ApprovalRequest,
    CallInOutcome,
    DecisionNotice,
    KeyDecisionException,
    Rule,
    Subject,
)
from strategies.models import Stage
from strategies.services import TransitionRefused, apply_transition

from .. import factories, matrix

Outcome = CallInOutcome.Outcome


def today():
    return timezone.localdate()


# Working days (commissioning.dates) -------------------------------------------------------------------------


def test_working_days_skip_weekends_and_bank_holidays():
    # Friday 18 December 2026 + 5 working days: Mon 21, Tue 22, Wed 23, Thu 24, (25, 26, 28 holidays) Tue 29.
    assert dates.working_days_after(date(2026, 12, 18), 5) == date(2026, 12, 29)
    assert dates.working_days_after(date(2026, 12, 7), 5) == date(2026, 12, 14)  # Monday to Monday
    assert dates.clear_working_days_between(date(2026, 12, 18), date(2026, 12, 29)) == 4
    assert dates.clear_days_between(date(2026, 5, 1), date(2026, 5, 3)) == 1


# The world ----------------------------------------------------------------------------------------------------


@pytest.fixture
def holder(own_strategy, councillor):
    return factories.portfolio_holder(own_strategy, councillor)


@pytest.fixture
def scrutineers(own_strategy, holder):
    """Three members of the scrutiny committee the strategy is referred to; the first chairs it."""
    chair, second, third = (
        factories.user(roles.SCRUTINY_MEMBER, username=f"scrutineer{n}") for n in range(3)
    )
    committee = factories.refer(own_strategy, second, third)
    factories.BoardFactory(name=committee.name, kind=committee.kind, chair=chair)
    for person in (chair, second, third):
        permissions.forget(person)
    return chair, second, third


@pytest.fixture
def ready(own_strategy, holder, scrutineers):
    return factories.complete_analyse(own_strategy, approved=False)


def ask(strategy, holder, key_decision=False):
    return services.request_approval(
        strategy=strategy,
        subject=Subject.OUTCOMES,
        approvers=[holder],
        rule=Rule.ANY,
        key_decision=key_decision,
        acting_user=strategy.accountable_commissioner,
    )


def decide(request, holder):
    return services.decide(
        request_id=request.pk,
        seen_content_hash=request.content_hash,
        kind=ApprovalDecision.Kind.APPROVE,
        reasons="Clear outcomes.",
        acting_user=holder,
    )


def move_to_plan(strategy):
    return apply_transition(
        strategy_id=strategy.pk,
        name="start_planning",
        acting_user=strategy.accountable_commissioner,
        expected_stage="analyse",
    )


def on_forward_plan(strategy, days_ago: int):
    return services.publish_forward_plan_entry(
        strategy=strategy,
        subject=Subject.OUTCOMES,
        matter="Approve the strategy for children's early help and its outcomes.",
        decision_maker="The Executive",
        expected_on=today() + timedelta(days=20),
        published_on=today() - timedelta(days=days_ago),
        acting_user=strategy.accountable_commissioner,
    )


def notice_of(request) -> DecisionNotice:
    return DecisionNotice.objects.get(record__request=request)


# Key decisions -------------------------------------------------------------------------------------------------


@pytest.mark.django_db
class TestKeyDecisions:
    def test_a_key_decision_whose_entry_is_10_days_old_cannot_be_settled_without_an_exception(
        self, ready, holder
    ):
        on_forward_plan(ready, days_ago=10)
        request = ask(ready, holder, key_decision=True)
        with pytest.raises(PermissionDenied) as refused:
            decide(request, holder)
        assert "published on the forward plan on" in str(refused.value)
        # Neither the day it was published nor today counts: 9 clear days.
        assert "9 clear days ago" in str(refused.value)
        assert ApprovalRequest.objects.get(pk=request.pk).status == ApprovalRequest.Status.OPEN
        # The request page shows the reason where the decision form would be.
        page = factories_client_get(holder, request.get_absolute_url())
        assert "cannot be taken before" in page

    @pytest.mark.parametrize("days_ago,allowed", [(28, False), (29, True)])
    def test_boundary_27_and_28_clear_days(self, ready, holder, days_ago, allowed):
        """Published 28 days ago: 27 clear days (neither day counted): refused; 29 days ago: 28 clear days."""
        entry = on_forward_plan(ready, days_ago=days_ago)
        assert dates.clear_days_between(entry.published_on, today()) == days_ago - 1
        request = ask(ready, holder, key_decision=True)
        assert bool(permissions.can_decide(holder, request)) is allowed

    def test_a_key_decision_not_on_the_forward_plan_is_refused(self, ready, holder):
        request = ask(ready, holder, key_decision=True)
        assert "not on the forward plan" in permissions.can_decide(holder, request).reason

    def test_a_decision_that_is_not_key_needs_no_entry(self, ready, holder):
        assert permissions.can_decide(holder, ask(ready, holder))

    @pytest.mark.parametrize("told_days_ago,allowed", [(5, False), (6, True)])
    def test_general_exception_after_five_clear_days(self, ready, holder, told_days_ago, allowed):
        entry = on_forward_plan(ready, days_ago=1)
        day = today() - timedelta(days=told_days_ago)
        services.record_key_decision_exception(
            entry_id=entry.pk,
            kind=KeyDecisionException.Kind.GENERAL_EXCEPTION,
            chair_told_on=day,
            published_on=day,
            reasons="The provider gave notice; the contract must be let before it ends.",
            acting_user=factories.administrator(),
        )
        request = ask(ready, holder, key_decision=True)
        found = permissions.can_decide(holder, request)
        assert bool(found) is allowed
        if not allowed:
            assert "general exception notice was made public" in found.reason

    @override_settings(GENERAL_EXCEPTION_WORKING_DAYS=True)
    def test_general_exception_counted_in_working_days_when_configured(self, ready, holder):
        entry = on_forward_plan(ready, days_ago=1)
        day = today() - timedelta(days=6)
        services.record_key_decision_exception(
            entry_id=entry.pk,
            kind=KeyDecisionException.Kind.GENERAL_EXCEPTION,
            chair_told_on=day,
            published_on=day,
            reasons="Urgent.",
            acting_user=factories.administrator(),
        )
        allowed = dates.clear_working_days_between(day, today()) >= 5
        assert bool(permissions.can_decide(holder, ask(ready, holder, key_decision=True))) is allowed

    def test_special_urgency_with_the_chairs_agreement(self, ready, holder, scrutineers):
        entry = on_forward_plan(ready, days_ago=1)
        exception = services.record_key_decision_exception(
            entry_id=entry.pk,
            kind=KeyDecisionException.Kind.SPECIAL_URGENCY,
            chair_told_on=today(),
            published_on=today(),
            reasons="Funding lapses on Friday.",
            acting_user=factories.administrator(),
        )
        assert exception.chair == scrutineers[0]
        assert Notification.objects.filter(key=f"key-exception:{exception.pk}").exists()
        assert permissions.can_decide(holder, ask(ready, holder, key_decision=True))

    def test_only_democratic_services_record_exceptions(self, ready, holder):
        entry = on_forward_plan(ready, days_ago=1)
        with pytest.raises(PermissionDenied):
            services.record_key_decision_exception(
                entry_id=entry.pk,
                kind=KeyDecisionException.Kind.SPECIAL_URGENCY,
                chair_told_on=today(),
                published_on=today(),
                reasons="Urgent.",
                acting_user=ready.accountable_commissioner,
            )

    def test_a_private_decision_needs_reasons_and_a_paragraph(self, ready):
        with pytest.raises(ValidationError) as refused:
            services.publish_forward_plan_entry(
                strategy=ready,
                subject=Subject.OUTCOMES,
                matter="Approve it.",
                decision_maker="The Executive",
                expected_on=today() + timedelta(days=30),
                in_private=True,
                acting_user=ready.accountable_commissioner,
            )
        assert set(refused.value.message_dict) == {
            "private_reasons",
            "private_paragraph",
            "private_notice_on",
        }


def factories_client_get(person, url) -> str:
    from django.test import Client

    client = Client()
    client.force_login(person)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# Decision notices and call-in ------------------------------------------------------------------------------------


@pytest.mark.django_db
class TestCallIn:
    def test_a_settled_decision_is_published_with_its_deadline_and_holds_the_strategy(self, ready, holder):
        request = ask(ready, holder)
        decide(request, holder)
        notice = notice_of(request)
        assert notice.call_in_ends == dates.working_days_after(today(), 5)
        assert notice.members_needed == 2
        found = selectors.decision_notice(notice.pk)
        assert found.standing.label == "Not yet in effect"
        page = factories_client_get(holder, notice.get_absolute_url())
        assert f"{notice.call_in_ends.day} {notice.call_in_ends:%B %Y}" in page
        with pytest.raises(TransitionRefused) as refused:
            move_to_plan(ready)
        (reason,) = refused.value.reasons
        assert "is not yet in effect: it may be called in until" in reason

    def test_after_the_period_it_is_in_effect(self, ready, holder):
        request = ask(ready, holder)
        decide(request, holder)
        factories.past_call_in(request)
        move_to_plan(ready)
        assert ready.__class__.objects.get(pk=ready.pk).stage == Stage.PLAN

    def test_a_call_in_by_the_members_needed_holds_the_next_move_with_the_reason(
        self, ready, holder, scrutineers
    ):
        chair, second, third = scrutineers
        request = ask(ready, holder)
        decide(request, holder)
        notice = notice_of(request)
        services.call_in(
            notice_id=notice.pk, reasons="The outcomes leave out care leavers.", acting_user=second
        )
        assert callin.standing(DecisionNotice.objects.get(pk=notice.pk)).label == "Not yet in effect"
        services.call_in(notice_id=notice.pk, reasons="No costed options.", acting_user=third)
        notice = DecisionNotice.objects.get(pk=notice.pk)
        assert callin.standing(notice).label == "Called in"
        told = Notification.objects.get(key=f"called-in:{notice.pk}")
        assert holder.email in told.recipients and chair.email in told.recipients
        # Past the period's end it is still held: scrutiny has not considered it.
        factories.past_call_in(request)
        with pytest.raises(TransitionRefused) as refused:
            move_to_plan(ready)
        (reason,) = refused.value.reasons
        assert "called in by 2 scrutiny members" in reason
        assert "care leavers" in reason

        services.record_call_in_outcome(
            notice_id=notice.pk,
            outcome=Outcome.NO_FURTHER_ACTION,
            reasons="Answered at the meeting.",
            acting_user=chair,
        )
        move_to_plan(ready)

    def test_refer_back_reopens_the_approval(self, ready, holder, scrutineers):
        chair, second, third = scrutineers
        request = ask(ready, holder)
        decide(request, holder)
        notice = notice_of(request)
        for member in (second, third):
            services.call_in(notice_id=notice.pk, reasons="Reconsider.", acting_user=member)
        services.record_call_in_outcome(
            notice_id=notice.pk,
            outcome=Outcome.REFER_BACK,
            reasons="Consult parents first.",
            acting_user=chair,
        )
        found = approvals.state(ready, Subject.OUTCOMES)
        assert not found.current and found.label == "Referred back by scrutiny"
        with pytest.raises(TransitionRefused):
            move_to_plan(ready)
        again = ask(ready, holder)  # the same version may be asked for again
        decide(again, holder)
        factories.past_call_in(again)
        move_to_plan(ready)

    def test_refer_to_council_holds_until_councils_view(self, ready, holder, scrutineers):
        chair, second, third = scrutineers
        request = ask(ready, holder)
        decide(request, holder)
        notice = notice_of(request)
        for member in (second, third):
            services.call_in(notice_id=notice.pk, reasons="Reconsider.", acting_user=member)
        services.record_call_in_outcome(
            notice_id=notice.pk,
            outcome=Outcome.REFER_TO_COUNCIL,
            reasons="Budget framework.",
            acting_user=chair,
        )
        factories.past_call_in(request)
        with pytest.raises(TransitionRefused):
            move_to_plan(ready)
        with pytest.raises(ValidationError):
            services.record_call_in_outcome(
                notice_id=notice.pk, outcome=Outcome.REFER_TO_COUNCIL, reasons="Again.", acting_user=chair
            )
        services.record_call_in_outcome(
            notice_id=notice.pk,
            outcome=Outcome.NO_FURTHER_ACTION,
            reasons="Council did not object.",
            acting_user=chair,
        )
        move_to_plan(ready)

    def test_no_call_in_after_the_deadline_nor_twice(self, ready, holder, scrutineers):
        _, second, _ = scrutineers
        request = ask(ready, holder)
        decide(request, holder)
        notice = notice_of(request)
        services.call_in(notice_id=notice.pk, reasons="Reconsider.", acting_user=second)
        with pytest.raises(PermissionDenied, match="already called in"):
            services.call_in(notice_id=notice.pk, reasons="Again.", acting_user=second)
        factories.past_call_in(request)
        with pytest.raises(PermissionDenied, match="call-in period ended"):
            services.call_in(notice_id=notice.pk, reasons="Late.", acting_user=scrutineers[2])

    @override_settings(CALL_IN_RATE_PER_HOUR=1)
    def test_call_in_submissions_are_rate_limited(self, ready, holder, scrutineers):
        _, second, _ = scrutineers
        request = ask(ready, holder)
        decide(request, holder)
        notice = notice_of(request)
        with pytest.raises(ValidationError):
            services.call_in(notice_id=notice.pk, reasons="", acting_user=second)  # counted, though refused
        with pytest.raises(ValidationError, match="too many call-ins"):
            services.call_in(notice_id=notice.pk, reasons="Reconsider.", acting_user=second)


# Rights: role x action x own / other, in-process and over HTTP and the API ------------------------------------


@pytest.fixture
def called(ready, holder, scrutineers):
    request = ask(ready, holder)
    decide(request, holder)
    return notice_of(request)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,may_call_in,may_record",
    [
        ("chair", True, False),  # a scrutiny member; records once it is called in
        ("member", True, False),
        ("holder", False, False),  # the decision-maker
        ("commissioner", False, False),
        ("administrator", False, False),  # records the outcome once called in, never calls in
        ("other_councillor", False, False),
    ],
)
def test_rights_matrix_before_a_call_in(
    client, called, holder, scrutineers, administrator, role, may_call_in, may_record
):
    people = {
        "chair": scrutineers[0],
        "member": scrutineers[1],
        "holder": holder,
        "commissioner": called.record.strategy.accountable_commissioner,
        "administrator": administrator,  # with the second factor administrators must have
        "other_councillor": factories.user(roles.COUNCILLOR),
    }
    person = people[role]
    assert bool(permissions.can_call_in(person, called)) is may_call_in
    assert bool(permissions.can_record_outcome(person, called)) is may_record
    client.force_login(person)
    assert client.get(reverse("members:notice", args=[called.pk])).status_code == 200
    response = client.post(reverse("members:call-in", args=[called.pk]), {"reasons": "Reconsider."})
    assert response.status_code == (302 if may_call_in else 403)
    api = client.post(
        f"/api/decision-notices/{called.pk}/call-in/", {"reasons": "Again."}, content_type="application/json"
    )
    assert api.status_code == 403  # called in above (once each), or never allowed


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,may_record", [("chair", True), ("administrator", True), ("member", False), ("holder", False)]
)
def test_who_records_the_outcome(client, called, holder, scrutineers, administrator, role, may_record):
    chair, second, third = scrutineers
    for member in (second, third):
        services.call_in(notice_id=called.pk, reasons="Reconsider.", acting_user=member)
    person = {"chair": chair, "administrator": administrator, "member": second, "holder": holder}[role]
    called = DecisionNotice.objects.get(pk=called.pk)
    assert bool(permissions.can_record_outcome(person, called)) is may_record
    client.force_login(person)
    response = client.post(
        reverse("members:call-in-outcome", args=[called.pk]),
        {"outcome-outcome": Outcome.NO_FURTHER_ACTION, "outcome-reasons": "Answered."},
    )
    assert response.status_code == (302 if may_record else 403)


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in_and_the_api_answers_401(client, called):
    assert matrix.refused_to_anonymous(client.get(reverse("members:notice", args=[called.pk])))
    assert client.get("/api/decision-notices/").status_code == 401


@pytest.mark.django_db
def test_the_api_reads_notices_with_their_standing_and_calls_in(client, called, scrutineers):
    client.force_login(scrutineers[1])
    listed = client.get("/api/decision-notices/").json()
    (found,) = listed["results"]
    assert found["status"] == "Not yet in effect"
    assert found["call_in_ends"] == called.call_in_ends.isoformat()
    response = client.post(
        f"/api/decision-notices/{called.pk}/call-in/", {"reasons": ""}, content_type="application/json"
    )
    assert response.status_code == 400 and "reasons" in response.json()
    response = client.post(
        f"/api/decision-notices/{called.pk}/call-in/",
        {"reasons": "Reconsider."},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["call_ins"] == 1


@pytest.mark.django_db
def test_a_confidential_plans_notice_is_not_public(called):
    assert [n.pk for n in selectors.published_decision_notices()] == [called.pk]
    assert list(selectors.forward_plan_entries()) == []


@pytest.mark.django_db
def test_the_api_shows_when_a_key_decision_may_be_taken(client, ready, holder):
    entry = on_forward_plan(ready, days_ago=10)
    client.force_login(holder)
    (found,) = client.get("/api/forward-plan/").json()["results"]
    assert found["may_be_taken_from"] == (entry.published_on + timedelta(days=29)).isoformat()
    services.record_key_decision_exception(
        entry_id=entry.pk,
        kind=KeyDecisionException.Kind.SPECIAL_URGENCY,
        chair_told_on=today(),
        published_on=today(),
        reasons="Funding lapses on Friday.",
        acting_user=factories.administrator(),
    )
    found = client.get(f"/api/forward-plan/{entry.pk}/").json()
    assert found["may_be_taken_from"] == today().isoformat()
    assert found["exceptions"][0]["kind"] == "special_urgency"


@pytest.mark.django_db
def test_the_programmes_forward_plan_lists_key_decisions(ready, holder):
    entry = on_forward_plan(ready, days_ago=1)
    found = gateway.selectors.forward_plan(months=2, today=today(), user=holder)
    assert [(d.when, d.kind, d.url) for d in found if d.kind == "Key decision"] == [
        (entry.expected_on, "Key decision", entry.get_absolute_url())
    ]
