""" "Your tasks" (commissioning.worklist): each person's open tasks, computed from the records, each with its
due date and a link to the place to act, soonest first; constant queries as the records grow."""

from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from commissioning import roles, worklist
from delivery.models import Contract, Kpi
from gateway.models import GatewayReview, ReviewAction
from members.models import ApprovalRequest, Recommendation, ScrutinyComment
from plans.models import Channel, CommissioningPlan, DeliveryOption, OptionsAppraisal
from strategies.models import Stage, Strategy

from .. import factories
from ..matrix import shared_world_fixture

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def _delivering(commissioner, title):
    """A strategy in Do with a plan adopting an option (as far as the selectors care: the stage is set)."""
    s = factories.strategy(commissioner=commissioner, title=title)
    Strategy.objects.filter(pk=s.pk).update(stage=Stage.DO)
    plan = CommissioningPlan.objects.create(strategy=s, cycle=s.cycle, title=f"{title} plan")
    appraisal = OptionsAppraisal.objects.create(plan=plan, title="How it is delivered")
    option = DeliveryOption.objects.create(
        appraisal=appraisal, name="Tender it", channel=Channel.EXTERNAL_CONTRACT, description="-"
    )
    return Strategy.objects.get(pk=s.pk), plan, option


def _contract(s, plan, option, n, end_in_days):
    return Contract.objects.create(
        strategy=s,
        plan=plan,
        option=option,
        title=f"Family support {n}",
        provider="Action Kids",
        sector=Contract.Sector.PRIVATE,
        channel=Channel.EXTERNAL_CONTRACT,
        annual_value=Decimal("1000"),
        start_date=today() - timedelta(days=700),
        end_date=today() + timedelta(days=end_in_days),
    )


def _grow(world, n):
    """n more of every kind of task, for the query-count check."""
    people = world["people"]
    for i in range(n):
        s = factories.strategy(commissioner=people["commissioner"], title=f"More {i}")
        request = ApprovalRequest.objects.create(
            strategy=s, cycle=s.cycle, subject="outcomes", snapshot={}, requested_by=people["commissioner"]
        )
        request.approvers.add(people["councillor"])
        ScrutinyComment.objects.create(strategy=s, author=people["scrutiny"], body="Why?")
        d, plan, option = _delivering(people["commissioner"], f"Delivering {i}")
        _contract(d, plan, option, i, 30)
        Kpi.objects.create(strategy=d, name=f"KPI {i}", target=Decimal("1"))


def build():
    commissioner = factories.user(roles.COMMISSIONER, username="wl-commissioner")
    other = factories.user(roles.COMMISSIONER, username="wl-other")
    councillor = factories.user(roles.COUNCILLOR, username="wl-councillor")
    scrutiny = factories.user(roles.SCRUTINY_MEMBER, username="wl-scrutiny")
    gateway = factories.user(roles.GATEWAY_PANEL, username="wl-gateway")
    admin = factories.administrator()

    analysing = factories.strategy(commissioner=commissioner, title="Advocacy for young carers")
    factories.portfolio_holder(analysing, councillor)
    factories.refer(analysing, scrutiny)
    request = ApprovalRequest.objects.create(
        strategy=analysing,
        cycle=analysing.cycle,
        subject="outcomes",
        snapshot={},
        requested_by=commissioner,
        decision_due=today() + timedelta(days=9),
    )
    request.approvers.add(councillor)
    recommendation = Recommendation.objects.create(
        strategy=analysing,
        board=analysing.referral.board,
        made_by=scrutiny,
        text="Talk to carers",
        reasons="-",
        response_due=today() + timedelta(days=60),
    )
    comment = ScrutinyComment.objects.create(strategy=analysing, author=scrutiny, body="What about carers?")
    answered = ScrutinyComment.objects.create(strategy=analysing, author=scrutiny, body="And siblings?")
    ScrutinyComment.objects.create(strategy=analysing, author=commissioner, body="Yes.", parent=answered)

    delivering, plan, option = _delivering(commissioner, "Family support")
    ending = _contract(delivering, plan, option, "ending", 30)
    _contract(delivering, plan, option, "far", 3 * 365)
    kpi = Kpi.objects.create(strategy=delivering, name="Families seen", target=Decimal("90"))
    Kpi.objects.filter(pk=kpi.pk).update(created_at=timezone.now() - timedelta(days=400))

    review = GatewayReview.objects.create(
        strategy=delivering, cycle=1, scheduled_for=today() + timedelta(days=3), scheduled_by=gateway
    )
    factories.gateway_panel(gateway)
    action = ReviewAction.objects.create(
        review=review,
        kind=ReviewAction.Kind.CONDITION,
        description="Cost the in-house option",
        owner=commissioner,
        due_date=today() - timedelta(days=2),
    )
    # Someone else's strategy, with a comment: not the commissioner's task.
    theirs = factories.strategy(commissioner=other, title="Someone else's")
    ScrutinyComment.objects.create(strategy=theirs, author=scrutiny, body="Not yours")
    return {
        "people": {
            "commissioner": commissioner,
            "other": other,
            "councillor": councillor,
            "scrutiny": scrutiny,
            "gateway": gateway,
            "administrator": admin,
        },
        "analysing": analysing,
        "delivering": delivering,
        "request": request,
        "recommendation": recommendation,
        "comment": comment,
        "ending": ending,
        "kpi": kpi,
        "action": action,
        "review": review,
        "theirs": theirs,
    }


world = shared_world_fixture(build)


def kinds(user):
    return [(t.kind, t.url) for t in worklist.tasks_for(user)]


def test_commissioner_sees_comments_checklist_kpi_contract_and_condition_soonest_first(world):
    mine = worklist.tasks_for(world["people"]["commissioner"])
    by_kind = {t.kind: t for t in mine}
    assert set(by_kind) == {"comment", "checklist", "kpi-actual", "recommission", "gateway-condition"}
    assert by_kind["comment"].url.endswith(f"#comment-{world['comment'].pk}")
    assert by_kind["recommission"].url == world["ending"].get_absolute_url()
    assert by_kind["recommission"].due == world["ending"].end_date
    assert by_kind["gateway-condition"].url == reverse("gateway:action", args=[world["action"].pk])
    assert by_kind["gateway-condition"].overdue
    assert by_kind["kpi-actual"].url == f"{world['kpi'].get_absolute_url()}#actuals"
    assert by_kind["kpi-actual"].overdue  # no actual for a year: earlier periods are missing
    assert "earlier period" in by_kind["kpi-actual"].title
    assert world["analysing"].reference in by_kind["checklist"].title
    # Soonest due first, undated (the checklist) last; only one comment: the answered one is done.
    dues = [t.due for t in mine]
    assert dues[-1] is None and dues[:-1] == sorted(dues[:-1])
    assert [t.kind for t in mine].count("comment") == 1


def test_councillor_decides_and_responds(world):
    tasks = kinds(world["people"]["councillor"])
    assert ("approval", f"{world['request'].get_absolute_url()}#decide") in tasks
    assert ("recommendation", reverse("members:respond", args=[world["recommendation"].pk])) in tasks


def test_a_decided_approval_leaves_the_list(world):
    from members.models import ApprovalDecision

    ApprovalDecision.objects.create(
        request=world["request"], approver=world["people"]["councillor"], kind="approve", reasons="Fine."
    )
    assert "approval" not in [k for k, _ in kinds(world["people"]["councillor"])]


def test_board_members_prepare_for_meetings_and_administrators_publish_agendas(world):
    from meetings import timetable
    from members.models import Board

    executive = Board.objects.get(kind=Board.Kind.EXECUTIVE)
    meeting = factories.meeting(board=executive, starts_at=timezone.now() + timedelta(days=12))
    prepare = [t for t in worklist.tasks_for(world["people"]["councillor"]) if t.kind == "meeting"]
    assert [(t.url, t.due) for t in prepare] == [
        (meeting.get_absolute_url(), timezone.localtime(meeting.starts_at).date())
    ]
    publish = [t for t in worklist.tasks_for(world["people"]["administrator"]) if t.kind == "agenda"]
    assert [(t.url, t.due) for t in publish] == [(meeting.get_absolute_url(), timetable.deadline(meeting))]
    assert "meeting" not in [k for k, _ in kinds(world["people"]["other"])]


def test_gateway_panel_sees_the_scheduled_review(world):
    assert ("gateway-review", world["review"].get_absolute_url()) in kinds(world["people"]["gateway"])


def test_administrator_sees_unassigned_strategies_and_others_do_not(world):
    admin_tasks = worklist.tasks_for(world["people"]["administrator"])
    unassigned = {t.url for t in admin_tasks if t.kind == "unassigned"}
    assert reverse("members:assign", args=[world["theirs"].pk]) in unassigned
    assert reverse("members:assign", args=[world["analysing"].pk]) not in unassigned  # held and referred
    assert "unassigned" not in [k for k, _ in kinds(world["people"]["commissioner"])]


def test_other_commissioner_sees_only_their_own(world):
    theirs = reverse("members:scrutiny", args=[world["theirs"].pk])
    assert {k for k, _ in kinds(world["people"]["other"])} == {"comment", "checklist"}
    assert all(
        url.startswith(theirs) or str(world["theirs"].pk) in url for _, url in kinds(world["people"]["other"])
    )


def test_queries_stay_constant_as_tasks_grow(world):
    people = [world["people"][role] for role in ("commissioner", "councillor", "administrator")]

    def count():
        with CaptureQueriesContext(connection) as queries:
            for person in people:
                worklist.tasks_for(person)
        return len(queries)

    before = count()
    _grow(world, 3)
    assert count() == before


def test_the_first_few_and_the_counts_are_those_of_the_whole_list(world):
    """The dashboard's few (worklist.listing): the same as the first of the whole list, and its counts of the
    whole list, though counted tasks (the checklist's) are read only as far as the few."""
    commissioner = world["people"]["commissioner"]
    for i in range(3):
        factories.strategy(commissioner=commissioner, title=f"Also analysing {i}")
    everything = worklist.tasks_for(commissioner)
    assert [t.kind for t in everything].count("checklist") == 4
    for limit in (1, 2, len(everything) - 2, len(everything), len(everything) + 5, None):
        found = worklist.listing(commissioner, limit=limit)
        assert found.tasks == everything[:limit]
        assert found.total == len(everything)
        assert found.kinds == Counter(t.kind for t in everything)
    assert worklist.listing(None, limit=3) == worklist.Listing([], 0, Counter())


def test_dashboard_leads_with_your_tasks_and_api_lists_them(world, client):
    client.force_login(world["people"]["commissioner"])
    page = client.get(reverse("home")).content.decode()
    assert page.index("Your tasks") < page.index("Strategies by stage")
    assert world["ending"].get_absolute_url() in page
    assert "Your tasks" in client.get(reverse("tasks")).content.decode()
    found = client.get("/api/tasks/").json()
    assert {t["kind"] for t in found["results"]} >= {"comment", "recommission"}
    assert all({"title", "url", "due", "kind", "overdue"} <= set(t) for t in found["results"])


def test_api_tasks_needs_signing_in(client):
    assert client.get("/api/tasks/").status_code in (401, 403)
