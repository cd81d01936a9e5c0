"""The programme gateway (issue 6): key-project criteria and scoring, the overlap finder, the Plan -> Do
condition, the rules of a challenge review, who may do what (a matrix through the real views), and the
programme and forward plan pages.

The panel is the membership of the gateway board (factories.gateway_panel): its members hold
`review_strategy` on every strategy through the board's group. The default criteria and key-project mark
come from migration gateway 0002 (factories.criteria() makes them again where a test flushed them).
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import gateway.permissions
import gateway.tasks
import plans.services
import strategies.permissions
import strategies.services
from commissioning import roles
from commissioning.models import Notification, OutboxJob
from commissioning.versioning import StaleEdit
from gateway import assessment, overlaps, services
from gateway.models import (
    Area,
    AreaFinding,
    Criterion,
    CriterionAnswer,
    GatewayReview,
    KeyProjectMark,
    KeyProjectOverride,
    OverlapDecision,
    OverlapMatch,
    OverlapPair,
    ReviewAction,
)
from gateway.permissions import REVIEW, can_decide_overlap, can_judge, can_review, is_panel
from members.models import Board, BoardMembership
from members.permissions import holds
from members.services import remove_member
from plans.models import Channel, CommissioningPlan, DeliveryOption, OptionsAppraisal, PlannedService
from strategies import lifecycle
from strategies.models import (
    Interdependency,
    Outcome,
    ScopeItem,
    Stage,
    StartingPositionItem,
    Strategy,
    StrategyGroupObjectPermission,
)
from strategies.services import TransitionRefused, apply_transition

from .. import factories, matrix

Verdict = GatewayReview.Verdict
Kind = ReviewAction.Kind

# The default criteria (gateway 0002) and their points.
COUNCIL_WIDE = "Council-wide"  # cross-directorate, 2
HIGH_VALUE = "High value"  # annual value over a threshold, 2
RISK = "Statutory or reputational risk"  # judged, 1
HEALTH = "Public health impact"  # judged, 1
CROSS_CUTTING = "Cross-cutting impact"  # judged, 1
JOINT = "Joint with a partner"  # joint, 1


def today():
    return timezone.localdate()


def criterion(name) -> Criterion:
    return Criterion.objects.get(name=name)


def line(found, name):
    return next(x for x in found.lines if x.criterion.name == name)


def fresh(user):
    """The user without rights cached on the object."""
    return get_user_model().objects.get(pk=user.pk)


def reload(obj):
    return type(obj).objects.get(pk=obj.pk)


def place():
    return factories.DirectorateFactory(name="Place")


def adopt(s, annual_cost, channel=Channel.INTERNAL, title="Family support plan"):
    """A plan of the strategy's cycle whose appraisal adopts an option costing `annual_cost` a year (and
    rejects a dearer one, which must not count)."""
    plan = CommissioningPlan.objects.create(strategy=s, cycle=s.cycle, title=title)
    appraisal = OptionsAppraisal.objects.create(plan=plan, title="How it is delivered")
    adopted = DeliveryOption.objects.create(
        appraisal=appraisal,
        name="Adopted",
        channel=channel,
        description="The way chosen.",
        annual_cost=Decimal(annual_cost),
    )
    DeliveryOption.objects.create(
        appraisal=appraisal,
        name="Rejected",
        channel=Channel.EXTERNAL_CONTRACT,
        description="A dearer way.",
        annual_cost=Decimal("9000000"),
    )
    appraisal.adopted_option = adopted
    appraisal.save()
    return plan


def schedule(s, panel, days=14, **kw):
    return services.schedule_review(
        strategy=s, scheduled_for=today() + timedelta(days), acting_user=panel, **kw
    )


def find_all(review, panel, rating="assured", areas=None):
    for area in areas or Area.values:
        services.save_finding(
            review=review,
            area=area,
            rating=rating,
            comments=f"The panel's view on {area}.",
            acting_user=panel,
        )


def add(review, panel, owner, kind=Kind.ACTION, description="Share the market analysis", days=30):
    return services.add_action(
        review=review,
        kind=kind,
        description=description,
        owner=owner,
        due_date=today() + timedelta(days),
        acting_user=panel,
    )


def complete(review, panel, verdict, summary="The panel's conclusion."):
    return services.complete_review(
        review=review,
        verdict=verdict,
        summary=summary,
        seen_version=reload(review).version,
        acting_user=panel,
    )


def move(s, name, user, **kw):
    return apply_transition(strategy_id=s.pk, name=name, acting_user=user, expected_stage=s.stage, **kw)


@pytest.fixture
def panel(gateway):
    """The `gateway` user, a member of the gateway board."""
    factories.gateway_panel(gateway)
    return fresh(gateway)


@pytest.fixture
def pinned(db):
    """The numbers these tests reason about, whatever the defaults are: high value is over £1m a year,
    and 3 points make a key project."""
    factories.criteria()
    Criterion.objects.filter(name=HIGH_VALUE).update(threshold=Decimal("1000000"))
    KeyProjectMark.current()
    KeyProjectMark.objects.update(points=3)


@pytest.fixture
def key_project(own_strategy, panel):
    """The commissioner's strategy, made a key project by the panel (override), with the defaults."""
    factories.criteria()
    services.override_key(
        strategy=own_strategy, is_key=True, reason="Statutory and high profile", acting_user=panel
    )
    return reload(own_strategy)


# Criteria scoring -------------------------------------------------------------------------------------------


def crosses_in_sql(*found) -> list[bool]:
    crossing = dict(
        assessment.with_measures(Strategy.objects.filter(pk__in=[s.pk for s in found])).values_list(
            "pk", "key_crosses"
        )
    )
    return [crossing[s.pk] for s in found]


def key_in_sql(s, mark: int) -> tuple:
    return (
        assessment.with_key_status(Strategy.objects.filter(pk=s.pk), mark=mark)
        .values_list("key_score", "key_project")
        .get()
    )


@pytest.mark.django_db
@pytest.mark.usefixtures("pinned")
class TestScoring:
    def test_value_is_the_starting_position_until_a_plan_adopts_an_option(self, own_strategy):
        s = own_strategy
        found = assessment.assess(s)
        assert found.value == 0
        assert line(found, HIGH_VALUE).met is False
        assert line(found, HIGH_VALUE).how == "£0 a year is not over £1,000,000"

        for kind, name, cost in [
            ("contract", "Family support", 700000),
            ("service", "Early help team", 400000),
        ]:
            StartingPositionItem.objects.create(strategy=s, kind=kind, name=name, annual_cost=cost)
        StartingPositionItem.objects.create(strategy=s, kind="partnership", name="Unknown cost")
        found = assessment.assess(s)
        assert found.value == Decimal("1100000")
        assert line(found, HIGH_VALUE).met is True
        assert line(found, HIGH_VALUE).how == "£1,100,000 a year is over £1,000,000"

        adopt(s, 400000)  # the adopted option's annual cost, not the rejected one's
        assert assessment.assess(s).value == Decimal("400000")
        assert line(assessment.assess(s), HIGH_VALUE).met is False
        adopt(s, 700000, title="Parenting plan")  # every plan of this cycle
        assert assessment.assess(s).value == Decimal("1100000")

        # A new cycle: last cycle's plans no longer count, so it is the starting position again.
        Strategy.objects.filter(pk=s.pk).update(cycle=2)
        s.refresh_from_db()
        StartingPositionItem.objects.filter(strategy=s, name="Early help team").update(annual_cost=300000)
        assert assessment.assess(s).value == Decimal("1000000")
        assert line(assessment.assess(s), HIGH_VALUE).met is False  # over, not equal to, the threshold

    def test_an_adopted_option_that_costs_nothing_is_the_value(self, own_strategy):
        """Decommissioning adopts an option costing £0 a year: the project's value is then £0, not the
        cost of what it stops."""
        StartingPositionItem.objects.create(
            strategy=own_strategy, kind="contract", name="Parenting groups", annual_cost=1500000
        )
        assert line(assessment.assess(own_strategy), HIGH_VALUE).met is True
        adopt(own_strategy, 0, channel=Channel.DECOMMISSION)
        found = assessment.assess(own_strategy)
        assert found.value == 0
        assert line(found, HIGH_VALUE).met is False

    def test_interdependency_with_another_directorate_either_way_round(self, commissioner):
        children = factories.strategy(commissioner=commissioner, title="Children are safe")
        learn = factories.strategy(commissioner=commissioner, title="Learn and achieve")
        roads = factories.strategy(commissioner=commissioner, title="Safe roads", directorate=place())
        Interdependency.objects.create(
            strategy=children,
            other=learn,
            shared_outcome="Children are safe",
            assumed_contribution="-",
            direction="both",
        )
        found = assessment.assess_many([children, learn, roads])
        assert [line(found[s.pk], COUNCIL_WIDE).met for s in (children, learn, roads)] == [False] * 3
        assert crosses_in_sql(children, learn, roads) == [False] * 3
        assert line(found[children.pk], COUNCIL_WIDE).how == "within one directorate"

        Interdependency.objects.create(
            strategy=roads,
            other=children,
            shared_outcome="Safe journeys to school",
            assumed_contribution="Crossings near schools",
            direction="to_other",
        )
        found = assessment.assess_many([children, learn, roads])
        assert [line(found[s.pk], COUNCIL_WIDE).met for s in (children, learn, roads)] == [True, False, True]
        # The programme's SQL (with_measures) finds the same, from either side of the interdependency.
        assert crosses_in_sql(children, learn, roads) == [True, False, True]
        assert found[children.pk].score == 2
        assert line(found[roads.pk], COUNCIL_WIDE).how == "interdependent with other directorates' strategies"

    def test_a_joint_strategy(self, commissioner):
        joint = factories.strategy(commissioner=commissioner, is_joint=True, lead_partner="The NHS ICB")
        alone = factories.strategy(commissioner=commissioner, title="Alone")
        assert (line(assessment.assess(joint), JOINT).met, line(assessment.assess(joint), JOINT).how) == (
            True,
            "joint with The NHS ICB",
        )
        assert line(assessment.assess(alone), JOINT).met is False
        assert assessment.assess(joint).score == 1

    def test_judged_answers_points_and_the_mark(self, own_strategy, panel, administrator):
        s = own_strategy
        found = assessment.assess(s)
        judged = [criterion(RISK), criterion(HEALTH), criterion(CROSS_CUTTING)]
        assert found.unanswered == judged
        assert all(line(found, c.name).met is None for c in judged)  # not answered is not "not met"
        assert line(found, RISK).how == "not yet answered"
        assert (found.score, found.mark, found.scored_key, found.is_key) == (0, 3, False, False)

        services.answer_criteria(
            strategy=s,
            answers={criterion(RISK): (True, "  A statutory duty  "), criterion(HEALTH): (False, "")},
            acting_user=panel,
        )
        found = assessment.assess(s)
        assert [line(found, c.name).met for c in judged] == [True, False, None]
        assert line(found, RISK).how == "A statutory duty"  # the note, stripped
        assert line(found, HEALTH).how == "no"
        assert found.unanswered == [criterion(CROSS_CUTTING)]
        assert found.score == 1 and not found.is_key
        answer = CriterionAnswer.objects.get(strategy=s, criterion=criterion(RISK))
        assert (answer.cycle, answer.history.get().history_user) == (s.cycle, panel)

        services.answer_criteria(
            strategy=s, answers={criterion(RISK): (True, "A statutory duty")}, acting_user=panel
        )
        assert answer.history.count() == 1, "the same answer again writes nothing"
        services.answer_criteria(
            strategy=s, answers={criterion(CROSS_CUTTING): (True, "")}, acting_user=panel
        )
        assert assessment.assess(s).score == 2

        # Points against the mark: at the mark is key.
        Strategy.objects.filter(pk=s.pk).update(is_joint=True, lead_partner="Police")
        s.refresh_from_db()
        assert (assessment.assess(s).score, assessment.assess(s).is_key) == (3, True)
        services.set_mark(points=4, acting_user=administrator)
        assert (assessment.assess(s).mark, assessment.assess(s).is_key) == (4, False)
        assert KeyProjectMark.current().history.first().history_user == administrator
        services.save_criterion(criterion=criterion(RISK), points=2, acting_user=administrator)
        assert (assessment.assess(s).score, assessment.assess(s).is_key) == (4, True)
        services.save_criterion(criterion=criterion(RISK), active=False, acting_user=administrator)
        assert RISK not in [x.criterion.name for x in assessment.assess(s).lines]
        assert assessment.assess(s).score == 2

        # Answers belong to one cycle: a new cycle asks again.
        Strategy.objects.filter(pk=s.pk).update(cycle=2)
        s.refresh_from_db()
        assert assessment.assess(s).unanswered == [criterion(HEALTH), criterion(CROSS_CUTTING)]

    def test_measured_criteria_are_not_answered(self, own_strategy, panel):
        with pytest.raises(ValidationError, match="measured, not judged"):
            services.answer_criteria(
                strategy=own_strategy, answers={criterion(HIGH_VALUE): (True, "")}, acting_user=panel
            )
        assert not CriterionAnswer.objects.exists()

    def test_the_panel_overrides_the_score_with_a_reason(self, own_strategy, panel):
        s = own_strategy
        with pytest.raises(ValidationError, match="Give the reason"):
            services.override_key(strategy=s, is_key=True, reason="  ", acting_user=panel)
        assert not KeyProjectOverride.objects.exists()

        services.override_key(strategy=s, is_key=True, reason="Statutory and high profile", acting_user=panel)
        found = assessment.assess(s)
        assert (found.score, found.scored_key, found.is_key) == (0, False, True)
        assert key_in_sql(s, found.mark) == (0, True)  # the programme's SQL (with_key_status) agrees
        assert (found.override.reason, found.override.by) == ("Statutory and high profile", panel)

        services.answer_criteria(
            strategy=s,
            answers=dict.fromkeys(Criterion.objects.filter(test="judged"), (True, "")),
            acting_user=panel,
        )
        services.override_key(strategy=s, is_key=False, reason="Routine re-let", acting_user=panel)
        found = assessment.assess(s)
        assert (found.score, found.scored_key, found.is_key) == (3, True, False)
        assert key_in_sql(s, found.mark) == (3, False)
        assert KeyProjectOverride.objects.count() == 1  # one per cycle, changed

        services.override_key(strategy=s, is_key=None, reason="", acting_user=panel)
        assert assessment.assess(s).override is None and assessment.assess(s).is_key
        assert key_in_sql(s, assessment.assess(s).mark) == (3, True)
        assert KeyProjectOverride.history.first().history_type == "-"
        assert KeyProjectOverride.history.first().history_user == panel

    def test_configuring_criteria(self, administrator):
        with pytest.raises(ValidationError, match="threshold"):
            services.save_criterion(
                acting_user=administrator, name="Big", question="Over £5m?", test="value_over", points=3
            )
        assert not Criterion.objects.filter(name="Big").exists()
        big = services.save_criterion(
            acting_user=administrator,
            name="Big",
            question="Over £5m?",
            test="value_over",
            threshold=Decimal("5000000"),
            points=3,
        )
        assert big.history.get().history_user == administrator

    def test_scoring_through_the_pages(self, client, own_strategy, panel, administrator):
        s = own_strategy
        judged = list(Criterion.objects.filter(test="judged", active=True))
        client.force_login(panel)
        url = reverse("gateway:answer-criteria", args=[s.pk])
        incomplete = {f"c{judged[0].pk}": "yes"}
        response = client.post(url, incomplete)
        assert response.status_code == 400
        assert not CriterionAnswer.objects.exists()
        answers = {f"c{c.pk}": "yes" if c.name == RISK else "no" for c in judged}
        answers[f"n{criterion(RISK).pk}"] = "Children's safeguarding is a statutory duty"
        assert client.post(url, answers).status_code == 302
        assert dict(CriterionAnswer.objects.values_list("criterion__name", "met")) == {
            RISK: True,
            HEALTH: False,
            CROSS_CUTTING: False,
        }

        override = reverse("gateway:override", args=[s.pk])
        response = client.post(override, {"choice": "key", "reason": ""})
        assert response.status_code == 400
        assert b"Enter the reason for overriding the score" in response.content
        assert not KeyProjectOverride.objects.exists()
        assert client.post(override, {"choice": "key", "reason": "High profile"}).status_code == 302
        assert assessment.assess(s).override.is_key

        page = client.get(reverse("gateway:project", args=[s.pk]))
        assert page.status_code == 200
        assert page.context["assessment"].score == 1
        assert b"Key project" in page.content
        assert b"Children&#x27;s safeguarding is a statutory duty" in page.content

        client.force_login(administrator)
        assert client.post(reverse("gateway:mark"), {"points": 0}).status_code == 400
        assert client.post(reverse("gateway:mark"), {"points": 4}).status_code == 302
        assert KeyProjectMark.current().points == 4
        new = {"name": "Big", "question": "Over £5m?", "test": "value_over", "points": 3, "order": 9}
        response = client.post(reverse("gateway:criterion-create"), new)
        assert response.status_code == 400
        assert not Criterion.objects.filter(name="Big").exists()
        response = client.post(
            reverse("gateway:criterion-create"), {**new, "threshold": 5000000, "active": "on"}
        )
        assert response.status_code == 302
        assert "Big" in [x.criterion.name for x in assessment.assess(s).lines]


# The overlap finder -----------------------------------------------------------------------------------------


def _items(s, outcomes=(), scope=(), out_of_scope=(), services_=()):
    for title in outcomes:
        Outcome.objects.create(strategy=s, title=title)
    for area in scope:
        ScopeItem.objects.create(strategy=s, area=area, in_scope=True, reason="Core")
    for area in out_of_scope:
        ScopeItem.objects.create(strategy=s, area=area, in_scope=False, reason="Elsewhere")
    if services_:
        plan = CommissioningPlan.objects.create(strategy=s, cycle=s.cycle, title="Plan")
        for name in services_:
            PlannedService.objects.create(plan=plan, name=name, priority=PlannedService.Priority.STATUTORY)
    return s


@pytest.fixture
def alike(commissioner, commissioner2):
    """Two projects worded alike, one unlike them, an archived one and one whose like service was last
    cycle's."""
    early = _items(
        factories.strategy(commissioner=commissioner, title="Early help"),
        outcomes=["Children are safe from harm", "Fewer children enter care"],
        scope=["Early help for families"],
        out_of_scope=["Youth justice services"],
        services_=["Family support for children in need"],
    )
    families = _items(
        factories.strategy(commissioner=commissioner2, title="Family support", directorate=place()),
        outcomes=["Children are kept safe from harm"],
        scope=["Early help for families and carers", "Youth justice service"],
        services_=["Family support for children in need of help"],
    )
    roads = _items(
        factories.strategy(commissioner=commissioner2, title="Highways", directorate=place()),
        outcomes=["Roads are well maintained"],
        scope=["Highway maintenance and gritting"],
        services_=["Pothole repairs"],
    )
    archived = _items(
        factories.strategy(commissioner=commissioner, title="Old early help"),
        outcomes=["Children are safe from harm"],
        scope=["Early help for families"],
    )
    Strategy.objects.filter(pk=archived.pk).update(stage=Stage.ARCHIVED)
    last_cycle = _items(
        factories.strategy(commissioner=commissioner, title="Last cycle"),
        services_=["Family support for children in need"],
    )
    Strategy.objects.filter(pk=last_cycle.pk).update(cycle=2)
    return {"early": early, "families": families, "roads": roads, "archived": archived, "last": last_cycle}


def _texts(pair):
    return {(m.kind_a, m.text_a, m.kind_b, m.text_b) for m in pair.matches}


def find(threshold=overlaps.THRESHOLD):
    """Compare everything (as `manage.py refresh_overlaps` does) and read the pairs as the page does."""
    overlaps.rebuild(threshold)
    return list(overlaps.page(1, per_page=100).object_list)


@pytest.mark.django_db
class TestOverlaps:
    def test_the_alike_pair_is_found_with_what_is_alike(self, alike):
        early, families = alike["early"], alike["families"]
        pairs = find()
        assert [(p.first_id, p.second_id) for p in pairs] == [(early.pk, families.pk)]
        pair = pairs[0]
        assert _texts(pair) == {
            ("Outcome", "Children are safe from harm", "Outcome", "Children are kept safe from harm"),
            ("Scope", "Early help for families", "Scope", "Early help for families and carers"),
            (
                "Service",
                "Family support for children in need",
                "Service",
                "Family support for children in need of help",
            ),
        }  # not the out-of-scope "Youth justice services", nor unlike items
        assert all(overlaps.THRESHOLD <= m.score < 1 for m in pair.matches)
        assert [m.score for m in pair.matches] == sorted((m.score for m in pair.matches), reverse=True)
        for m in pair.matches:
            assert m.score == round(overlaps.similarity(m.text_a, m.text_b), 2)

        Strategy.objects.filter(pk=families.pk).update(stage=Stage.ARCHIVED)
        assert find() == []

    def test_the_threshold_decides(self, alike):
        """On PostgreSQL the threshold is pg_trgm's, set for the query: the same pairs either way."""
        early, families = alike["early"], alike["families"]
        assert find(threshold=0.85) == []  # the closest items are 0.85 alike (rounded)
        (close,) = find(threshold=0.8)
        assert [m.score for m in close.matches] == [0.85, 0.81]
        loose = [p for p in find(threshold=0.25) if (p.first_id, p.second_id) == (early.pk, families.pk)]
        assert (
            "Outcome",
            "Fewer children enter care",
            "Outcome",
            "Children are kept safe from harm",
        ) in _texts(loose[0])
        assert len(loose[0].matches) == 5
        ids = {i for p in find(threshold=0.25) for i in (p.first_id, p.second_id)}
        assert not ids & {alike["archived"].pk, alike["last"].pk}

    def test_the_python_finder_agrees_with_postgres(self, on_postgres, alike):
        def rows(found):
            return sorted(
                (m.first_id, m.second_id, m.kind_a, m.item_a, m.text_a, m.kind_b, m.item_b, m.text_b)
                + (round(m.score, 5),)
                for m in found
            )

        assert rows(overlaps._all_matches_python(overlaps.THRESHOLD)) == rows(
            overlaps._all_matches_postgres(overlaps.THRESHOLD)
        )

    def test_similarity(self):
        assert overlaps.similarity("Early help", "early HELP!") == 1.0
        assert overlaps.similarity("", "Early help") == 0.0
        assert overlaps.similarity("ab", "abc") == pytest.approx(0.4)  # {"  a", " ab", "ab "} v 5 others
        assert overlaps.similarity("Roads", "Children") == 0.0

    @pytest.mark.parametrize(
        "a,b",
        [
            ("Children are safe from harm", "Children are kept safe from harm"),
            ("Family support for children in need", "family support, for children in need of help"),
            ("Early help for families", "Families get help early"),
            ("Children's services", "childrens services"),
            ("snake_case words", "snake case words"),
            ("x2y", "x 2 y"),
            ("Roads are well maintained", "Pothole repairs"),
            ("Café culture in the town centre", "Cafe culture in the town centre"),
            ("Naïve résumé", "naive resume"),
            ("ÉCOLE", "école"),
        ],
    )
    def test_similarity_agrees_with_pg_trgm(self, on_postgres, db, a, b):
        with connection.cursor() as cursor:
            cursor.execute("SELECT similarity(lower(%s), lower(%s))", [a, b])
            expected = cursor.fetchone()[0]
        assert overlaps.similarity(a, b) == pytest.approx(expected, abs=1e-6)

    def test_the_panel_records_its_decision_on_a_pair(self, client, alike, panel, commissioner):
        early, families = alike["early"], alike["families"]
        url = reverse("gateway:decide-overlap", args=[early.pk, families.pk])
        data = {"decision": "commission_together", "note": "One early help contract from April."}

        overlaps.rebuild()
        client.force_login(commissioner)
        page = client.get(reverse("gateway:overlaps"))
        assert page.status_code == 200 and page.context["pairs"][0].form is None
        assert client.post(url, data).status_code == 403
        with pytest.raises(PermissionDenied):
            services.decide_overlap(
                first=early, second=families, decision="not_related", note="No.", acting_user=commissioner
            )
        assert not OverlapDecision.objects.exists()

        client.force_login(panel)
        page = client.get(reverse("gateway:overlaps"))
        assert page.context["pairs"][0].form is not None
        response = client.post(url, {**data, "note": ""})
        assert response.status_code == 400
        assert not OverlapDecision.objects.exists()
        assert client.post(url, data).status_code == 302
        decision = OverlapDecision.objects.get()
        assert (decision.first, decision.second, decision.decision, decision.by) == (
            early,
            families,
            "commission_together",
            panel,
        )
        assert decision.history.get().history_user == panel

        # The other way round is the same pair: the decision is changed, not doubled.
        services.decide_overlap(
            first=families, second=early, decision="keep_separate", note="Different ages.", acting_user=panel
        )
        assert OverlapDecision.objects.get().decision == "keep_separate"
        page = client.get(reverse("gateway:overlaps"))
        assert page.context["pairs"][0].decision.note == "Different ages."
        assert b"Different ages." in page.content

    def test_a_project_is_not_its_own_overlap(self, client, alike, panel):
        early = alike["early"]
        client.force_login(panel)
        url = reverse("gateway:decide-overlap", args=[early.pk, early.pk])
        response = client.post(url, {"decision": "duplication", "note": "Itself."})
        assert response.status_code == 404
        with pytest.raises(ValidationError, match="two different projects"):
            services.decide_overlap(
                first=early, second=early, decision="duplication", note="Itself.", acting_user=panel
            )
        assert not OverlapDecision.objects.exists()


def run_overlap_jobs() -> list:
    """Run the overlap finder's queued jobs here, as the worker would once the change commits; their
    (task, args), in order."""
    jobs = list(
        OutboxJob.objects.filter(sent_at__isnull=True, task__startswith="gateway.tasks.compare_overlap")
    )
    for job in jobs:
        getattr(gateway.tasks, job.task.rsplit(".", 1)[1])(*job.args)
    OutboxJob.objects.filter(pk__in=[j.pk for j in jobs]).update(sent_at=timezone.now())
    return [(j.task, j.args) for j in jobs]


def stored():
    """Everything the finder stores, comparable however it was reached."""
    matches = OverlapMatch.objects.values_list(
        "first", "second", "kind_a", "item_a", "text_a", "kind_b", "item_b", "text_b", "score"
    )
    pairs = OverlapPair.objects.values_list("first", "second", "matches", "strength")
    return sorted((*m[:8], round(m[8], 6)) for m in matches), sorted(pairs)


def brute_force(threshold=overlaps.THRESHOLD) -> dict:
    """The finder as it was before pairs were stored: every live item against every other, here, with the
    same scoring function. {(first, second): {(kind a, text a, kind b, text b, score)}}."""
    items = [
        (kind, owner, text)
        for kind in OverlapMatch.Kind
        for owner, text in overlaps._live(kind).values_list("owner", "text")
    ]
    found = {}
    for i, (ka, sa, ta) in enumerate(items):
        for kb, sb, tb in items[i + 1 :]:
            score = overlaps.similarity(ta, tb)
            if sa != sb and score >= threshold:
                a, b = ((sa, ka, ta), (sb, kb, tb)) if sa < sb else ((sb, kb, tb), (sa, ka, ta))
                found.setdefault((a[0], b[0]), set()).add((a[1], a[2], b[1], b[2], round(score, 2)))
    return found


def shown(pairs) -> dict:
    return {
        (p.first_id, p.second_id): {(m.kind_a, m.text_a, m.kind_b, m.text_b, m.score) for m in p.matches}
        for p in pairs
    }


@pytest.mark.django_db
class TestOverlapsKeptInStep:
    """The pairs are stored: each change of an outcome, service or scope item queues a job (in the change's
    own transaction) comparing just that item with the others; a strategy moving on queues one for its
    items. The page reads the stored pairs, a page at a time."""

    def test_the_page_shows_what_the_old_finder_found(self, alike):
        overlaps.rebuild()
        pairs = overlaps.page(1).object_list
        assert shown(pairs) == brute_force() != {}
        # ...and in its order: most items alike first, then the closest.
        assert [(len(p.matches), p.strength) for p in pairs] == sorted(
            ((len(p.matches), p.strength) for p in pairs), key=lambda x: (-x[0], -x[1])
        )

    def test_an_item_added_renamed_and_removed(self, alike, commissioner2):
        early, families, roads = alike["early"], alike["families"], alike["roads"]
        overlaps.rebuild()
        part = strategies.services.add_part(
            strategy=roads,
            model=Outcome,
            values={"title": "Fewer children enter care", "description": ""},
            acting_user=commissioner2,
        )
        assert not OverlapPair.objects.filter(second=roads).exists()  # compared by the job, after the commit
        assert run_overlap_jobs() == [(overlaps.ITEM_TASK, ["Outcome", part.pk])]
        pair = OverlapPair.objects.get(first=early, second=roads)
        assert pair.matches == 1
        assert shown(overlaps.page(1).object_list) == brute_force()

        part = reload(part)
        strategies.services.update_part(
            strategy=roads,
            model=Outcome,
            pk=part.pk,
            seen_version=part.version,
            changes={"title": "Children enter care less often"},
            acting_user=commissioner2,
        )
        run_overlap_jobs()
        assert (
            OverlapMatch.objects.get(kind_b="Outcome", item_b=part.pk).text_b
            == "Children enter care less often"
        )
        assert shown(overlaps.page(1).object_list) == brute_force()

        part = reload(part)
        strategies.services.update_part(
            strategy=roads,
            model=Outcome,
            pk=part.pk,
            seen_version=part.version,
            changes={"title": "Potholes are mended within a week"},
            acting_user=commissioner2,
        )
        run_overlap_jobs()
        assert not OverlapPair.objects.filter(second=roads).exists()

        scope = strategies.services.add_part(
            strategy=roads,
            model=ScopeItem,
            values={"area": "Early help for families", "in_scope": True, "reason": "Shared"},
            acting_user=commissioner2,
        )
        run_overlap_jobs()
        assert OverlapPair.objects.get(first=families, second=roads).matches == 1
        scope = reload(scope)
        strategies.services.delete_part(
            strategy=roads,
            model=ScopeItem,
            pk=scope.pk,
            seen_version=scope.version,
            acting_user=commissioner2,
        )
        run_overlap_jobs()
        assert not OverlapMatch.objects.filter(kind_b="Scope", item_b=scope.pk).exists()
        assert not OverlapPair.objects.filter(second=roads).exists()

        # One item at a time reached what comparing everything at once stores.
        kept = stored()
        overlaps.rebuild()
        assert stored() == kept

    def test_a_service_of_the_plan(self, alike, commissioner2):
        early, roads = alike["early"], alike["roads"]
        roads = factories.advance(roads, factories.Reached.IN_PLAN)  # plans are changed in Plan or Do
        assert (overlaps.STRATEGY_TASK, [roads.pk]) in run_overlap_jobs()
        plan = CommissioningPlan.objects.get(strategy=roads, cycle=roads.cycle)
        service = plans.services.add_part(
            plan=plan,
            model=PlannedService,
            values={
                "name": "Family support for children in need",
                "priority": "statutory",
                "description": "",
            },
            acting_user=commissioner2,
        )
        assert run_overlap_jobs() == [(overlaps.ITEM_TASK, ["Service", service.pk])]
        match = OverlapMatch.objects.get(first=early, second=roads, kind_b="Service")
        assert (match.kind_a, match.kind_b, match.item_b) == ("Service", "Service", service.pk)

    def test_an_archived_strategy_leaves_the_finder(self, alike, commissioner2):
        early, families = alike["early"], alike["families"]
        overlaps.rebuild()
        assert OverlapPair.objects.filter(first=early, second=families).exists()
        move(families, "archive", commissioner2, note="Merged into early help")
        assert run_overlap_jobs() == [(overlaps.STRATEGY_TASK, [families.pk])]
        assert not OverlapPair.objects.exists() and not OverlapMatch.objects.exists()

    def test_deleting_a_strategy_removes_its_pairs(self, alike):
        overlaps.rebuild()
        alike["families"].delete()
        assert not OverlapPair.objects.exists() and not OverlapMatch.objects.exists()

    def test_the_panels_decision_survives_recomputation(self, client, alike, panel, commissioner2):
        early, families = alike["early"], alike["families"]
        overlaps.rebuild()
        services.decide_overlap(
            first=early, second=families, decision="duplication", note="Merge them.", acting_user=panel
        )
        outcome = Outcome.objects.get(strategy=families)
        strategies.services.update_part(
            strategy=families,
            model=Outcome,
            pk=outcome.pk,
            seen_version=outcome.version,
            changes={"title": "Children are kept safe from all harm"},
            acting_user=commissioner2,
        )
        run_overlap_jobs()
        overlaps.rebuild()
        client.force_login(panel)
        (pair,) = client.get(reverse("gateway:overlaps")).context["pairs"]
        assert (pair.decision.decision, pair.decision.note) == ("duplication", "Merge them.")
        assert pair.form.initial == {"decision": "duplication", "note": "Merge them."}

    def test_the_page_reads_a_constant_number_of_queries(self, client, panel, commissioner, commissioner2):
        def programme(copies):
            for n in range(copies):
                for who in (commissioner, commissioner2):
                    _items(
                        factories.strategy(commissioner=who, title=f"Early help {n}"),
                        outcomes=["Children are safe from harm", f"Children in area {n} are kept safe"],
                        scope=["Early help for families"],
                    )
            overlaps.rebuild()
            client.force_login(panel)
            client.get(reverse("gateway:overlaps"))  # the sign-in's session is recorded once
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse("gateway:overlaps")).status_code == 200
            return [q["sql"][:150] for q in queries.captured_queries]

        few = programme(1)  # 2 strategies, 1 pair
        assert OverlapPair.objects.count() == 1
        many = programme(3)  # 8 strategies, 28 pairs, two pages
        assert OverlapPair.objects.count() == 28
        assert len(many) == len(few), "\n".join(many + ["----"] + few)


# Outcomes worded unlike each other, so two projects sharing them match on each and on nothing else.
SHARED = [
    "Roads are well maintained",
    "Older people live independently",
    "Fewer people sleep rough",
    "Air quality improves in town centres",
    "Libraries stay open in every market town",
    "Parks are clean and green",
    "Residents feel safe at night",
    "Carers get a break",
]


@pytest.fixture
def many_alike(commissioner, commissioner2):
    """Two projects alike in nine items: eight worded the same (equally close: 1.0) and one nearly."""
    first = _items(
        factories.strategy(commissioner=commissioner, title="Neighbourhoods"),
        outcomes=SHARED,
        scope=["Potholes repaired within a week"],
    )
    second = _items(
        factories.strategy(commissioner=commissioner2, title="Communities", directorate=place()),
        outcomes=SHARED,
        scope=["Potholes are repaired within a week"],
    )
    overlaps.rebuild()
    return first, second


def _pair_url(first, second, **query):
    url = reverse("gateway:overlap-pair", args=[first.pk, second.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _table(response) -> list[str]:
    """The rows of the page's tables of what is alike, as text."""
    html = response.content.decode()
    return [
        " ".join(re.sub(r"<[^>]+>", " ", row).split())
        for body in re.findall(r'<tbody class="govuk-table__body">(.*?)</tbody>', html, re.S)
        for row in body.split('<tr class="govuk-table__row">')[1:]
    ]


@pytest.mark.django_db
class TestAPairsMatches:
    """The finder shows each pair's closest few matches (chosen in the database), says how many more there
    are and links to the pair's own page, which shows them all, a page at a time, to whoever reads the
    finder."""

    def test_the_finder_shows_the_closest_few_and_counts_the_rest(self, client, many_alike, scrutiny):
        first, second = many_alike
        assert OverlapPair.objects.get().matches == 9
        client.force_login(scrutiny)
        response = client.get(reverse("gateway:overlaps"))
        (pair,) = response.context["pairs"]
        assert (len(pair.matches), pair.total, pair.more) == (overlaps.SHOWN, 9, 4)
        # Equally close (all 1.0), the first outcomes written come first; the nearly alike scope item,
        # the least close, is left to the pair's page.
        assert [m.text_a for m in pair.matches] == SHARED[: overlaps.SHOWN]
        assert [m.score for m in pair.matches] == [1.0] * overlaps.SHOWN
        html = response.content.decode()
        assert "And 4 more matches." in html
        assert f'href="{_pair_url(first, second)}">See all 9 matches' in html
        assert len(_table(response)) == overlaps.SHOWN

        # Compared again from scratch, the same few are shown (the order does not hang on the rows' ids).
        overlaps.rebuild()
        (again,) = client.get(reverse("gateway:overlaps")).context["pairs"]
        assert again.matches == pair.matches

    def test_the_pairs_page_shows_every_match_in_the_finders_order(self, client, many_alike, scrutiny):
        first, second = many_alike
        client.force_login(scrutiny)
        (shown,) = client.get(reverse("gateway:overlaps")).context["pairs"]
        response = client.get(_pair_url(first, second))
        assert response.status_code == 200
        page = response.context["page"]
        assert page.paginator.count == 9 and response.context["pair"].total == 9
        assert page.object_list[: overlaps.SHOWN] == shown.matches
        assert [m.text_a for m in page.object_list] == [*SHARED, "Potholes repaired within a week"]
        rows = _table(response)
        assert len(rows) == 9
        assert (
            rows[-1]
            == "Scope: Potholes repaired within a week Scope: Potholes are repaired within a week 91%"
        )
        html = response.content.decode()
        assert f"What is alike in {first.reference} and {second.reference}" in html
        assert "9 matches, closest first" in html and "Nothing yet" in html

    def test_the_pairs_page_is_paged(self, client, many_alike, scrutiny, monkeypatch):
        first, second = many_alike
        monkeypatch.setattr(overlaps, "MATCHES_PER_PAGE", 4)
        client.force_login(scrutiny)
        seen = []
        for number in (1, 2, 3):
            response = client.get(_pair_url(first, second, page=number))
            seen += [m.text_a for m in response.context["page"].object_list]
            assert f"(page {number} of 3)" in response.content.decode()
        assert seen == [*SHARED, "Potholes repaired within a week"]
        assert 'aria-label="Pages of what is alike"' in response.content.decode()

    def test_either_way_round_and_only_a_suggested_pair(self, client, many_alike, alike, scrutiny):
        first, second = many_alike
        client.force_login(scrutiny)
        response = client.get(reverse("gateway:overlap-pair", args=[second.pk, first.pk]))
        assert response.status_code == 302 and response["Location"] == _pair_url(first, second)
        assert client.get(_pair_url(first, alike["roads"])).status_code == 404  # not alike
        assert client.get(_pair_url(first, first)).status_code == 404

    def test_the_panels_decision_shows_and_is_still_made_on_the_finder(
        self, client, many_alike, panel, scrutiny
    ):
        first, second = many_alike
        client.force_login(panel)
        (pair,) = client.get(reverse("gateway:overlaps")).context["pairs"]
        assert pair.form is not None
        url = reverse("gateway:decide-overlap", args=[first.pk, second.pk])
        assert client.post(url, {"decision": "duplication", "note": "Merge them."}).status_code == 302
        client.force_login(scrutiny)
        html = client.get(_pair_url(first, second)).content.decode()
        assert "Duplication: merge or stop one. Merge them." in html
        (pair,) = client.get(reverse("gateway:overlaps")).context["pairs"]
        assert pair.decision.note == "Merge them." and pair.more == 4

    def test_a_pair_alike_in_a_few_items_shows_them_all(self, client, alike, scrutiny):
        overlaps.rebuild()
        client.force_login(scrutiny)
        response = client.get(reverse("gateway:overlaps"))
        (pair,) = response.context["pairs"]
        assert (len(pair.matches), pair.more) == (3, 0)
        assert "more match" not in response.content.decode()

    def test_the_pairs_page_reads_as_many_queries_however_many_matches(
        self, client, scrutiny, commissioner, commissioner2
    ):
        first = factories.strategy(commissioner=commissioner, title="Neighbourhoods")
        second = factories.strategy(commissioner=commissioner2, title="Communities", directorate=place())
        client.force_login(scrutiny)

        def read(outcomes):
            _items(first, outcomes=outcomes)
            _items(second, outcomes=outcomes)
            overlaps.rebuild()
            client.get(_pair_url(first, second))
            with CaptureQueriesContext(connection) as queries:
                assert client.get(_pair_url(first, second)).status_code == 200
            return [q["sql"][:150] for q in queries.captured_queries]

        few = read(SHARED[:1])
        many = read(SHARED[1:] + [f"Ward {n} has a community hub" for n in range(60)])
        assert OverlapPair.objects.get().matches > overlaps.MATCHES_PER_PAGE
        assert len(many) == len(few) <= 25, "\n".join(many + ["----"] + few)


# The Plan -> Do condition ------------------------------------------------------------------------------------


@pytest.fixture
def in_plan(own_strategy, commissioner):
    """In Plan with a complete, approved plan; it scores 2 (high value: £1.2m a year), under the mark."""
    return factories.advance(own_strategy, factories.Reached.PLANNED)


def _refused(s, user) -> list[str]:
    s = reload(s)
    with pytest.raises(TransitionRefused) as refused:
        move(s, "start_delivery", user)
    assert reload(s).stage == Stage.PLAN
    return refused.value.reasons


@pytest.mark.django_db
@pytest.mark.usefixtures("pinned")
class TestPlanToDo:
    def test_a_project_that_is_not_key_is_unaffected(self, in_plan, commissioner, panel):
        services.answer_criteria(
            strategy=in_plan,
            answers=dict.fromkeys(Criterion.objects.filter(test="judged"), (False, "")),
            acting_user=panel,
        )
        found = assessment.assess(in_plan)
        assert (found.score, found.is_key) == (2, False)
        assert lifecycle.refusal_reasons(in_plan, "start_delivery") == []
        move(in_plan, "start_delivery", commissioner)
        assert reload(in_plan).stage == Stage.DO

    def test_unanswered_judgements_that_could_make_it_key_must_be_answered(
        self, in_plan, commissioner, panel
    ):
        ref = in_plan.reference
        assert _refused(in_plan, commissioner) == [
            f"The gateway panel has not yet judged whether {ref} is a key project "
            "(statutory or reputational risk, public health impact, cross-cutting impact)."
        ]
        services.answer_criteria(
            strategy=in_plan,
            answers={criterion(RISK): (False, ""), criterion(HEALTH): (False, "")},
            acting_user=panel,
        )
        assert _refused(in_plan, commissioner) == [
            f"The gateway panel has not yet judged whether {ref} is a key project (cross-cutting impact)."
        ]  # 2 + 1 could still reach the mark
        services.save_criterion(
            criterion=criterion(CROSS_CUTTING), active=False, acting_user=factories.administrator()
        )
        move(in_plan, "start_delivery", commissioner)  # what is left unanswered could not make it key
        assert reload(in_plan).stage == Stage.DO

    def test_a_key_project_needs_a_review_that_passes_and_its_conditions_met(
        self, client, in_plan, commissioner, commissioner2, panel
    ):
        s = in_plan
        ref = s.reference
        services.answer_criteria(
            strategy=s, answers={criterion(RISK): (True, "Statutory duty")}, acting_user=panel
        )
        assert assessment.assess(s).is_key  # 2 + 1, at the mark

        assert _refused(s, commissioner) == [
            f"{ref} is a key project: it needs a gateway review that passes before delivery starts."
        ]
        client.force_login(commissioner)
        response = client.post(
            reverse("strategies:transition", args=[s.pk, "start_delivery"]), {"expected_stage": "plan"}
        )
        assert response.status_code == 409
        assert b"needs a gateway review that passes" in response.content
        assert reload(s).stage == Stage.PLAN

        first = schedule(s, panel, days=0)
        assert "needs a gateway review that passes" in _refused(s, commissioner)[0]  # scheduled is not passed
        find_all(first, panel, rating="not_assured")
        complete(first, panel, Verdict.NOT_PASSED)
        assert _refused(s, commissioner) == [
            f"{ref} is a key project and its latest gateway review ({today():%-d %B %Y}) was not passed: it "
            "needs a review that passes."
        ]

        second = schedule(s, panel, days=1)
        find_all(second, panel, rating="reservations")
        exit_plan = add(second, panel, commissioner, Kind.CONDITION, "Agree the exit plan", days=10)
        forum = add(second, panel, commissioner2, Kind.CONDITION, "Consult the parents' forum", days=20)
        add(second, panel, commissioner, Kind.ACTION, "Share the market analysis", days=40)  # not a condition
        complete(second, panel, Verdict.PASSED_WITH_CONDITIONS)
        due = [today() + timedelta(10), today() + timedelta(20)]
        assert _refused(s, commissioner) == [
            f"Gateway condition not yet met: Agree the exit plan ({commissioner}, due {due[0]:%-d %B %Y}).",
            f"Gateway condition not yet met: Consult the parents' forum ({commissioner2}, due {due[1]:%-d %B %Y}).",
        ]
        services.close_action(
            action=exit_plan, status="done", seen_version=exit_plan.version, acting_user=panel
        )
        assert _refused(s, commissioner) == [
            f"Gateway condition not yet met: Consult the parents' forum ({commissioner2}, due {due[1]:%-d %B %Y})."
        ]
        services.close_action(action=forum, status="withdrawn", seen_version=forum.version, acting_user=panel)
        assert lifecycle.refusal_reasons(reload(s), "start_delivery") == []
        response = client.post(
            reverse("strategies:transition", args=[s.pk, "start_delivery"]), {"expected_stage": "plan"}
        )
        assert response.status_code == 302
        assert reload(s).stage == Stage.DO

    def test_the_strategy_page_reads_the_reviews_once_for_the_condition_and_the_panel(
        self, client, in_plan, commissioner, panel
    ):
        services.override_key(strategy=in_plan, is_key=True, reason="High profile", acting_user=panel)
        first = schedule(in_plan, panel, days=0)
        find_all(first, panel, rating="not_assured")
        complete(first, panel, Verdict.NOT_PASSED)
        cancelled = schedule(in_plan, panel, days=40)
        services.cancel_review(review=cancelled, reason="Moved", seen_version=1, acting_user=panel)
        schedule(in_plan, panel, days=30)
        client.force_login(commissioner)
        url = reverse("strategies:detail", args=[in_plan.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        text = response.content.decode()
        # The condition judges the latest completed review; the panel shows the latest, not the cancelled one.
        assert f"latest gateway review ({today():%-d %B %Y}) was not passed" in text
        assert f"Review scheduled for {today() + timedelta(30):%-d %B %Y}." in text
        read = [q["sql"] for q in queries.captured_queries if 'FROM "gateway_gatewayreview"' in q["sql"]]
        assert len(read) == 1, read

    def test_the_panel_can_make_it_not_key(self, in_plan, commissioner, panel):
        services.override_key(strategy=in_plan, is_key=True, reason="High profile", acting_user=panel)
        assert "needs a gateway review that passes" in _refused(in_plan, commissioner)[0]
        services.override_key(
            strategy=in_plan, is_key=False, reason="A routine re-let after all", acting_user=panel
        )
        move(in_plan, "start_delivery", commissioner)
        assert reload(in_plan).stage == Stage.DO


# The rules of a review --------------------------------------------------------------------------------------


@pytest.mark.django_db
class TestReviewRules:
    def test_only_key_projects_are_scheduled(self, own_strategy, panel):
        with pytest.raises(PermissionDenied, match="Only key projects"):
            schedule(own_strategy, panel)
        assert not GatewayReview.objects.exists()

    def test_the_review_date_is_not_in_the_past(self, key_project, panel):
        with pytest.raises(ValidationError, match="today or in the future"):
            schedule(key_project, panel, days=-1)
        assert not GatewayReview.objects.exists()
        assert schedule(key_project, panel, days=0).scheduled_for == today()

    def test_one_scheduled_review_at_a_time(self, key_project, panel, client):
        first = schedule(key_project, panel, focus="  The market  ")
        assert (first.focus, first.cycle, first.scheduled_by) == ("The market", key_project.cycle, panel)
        assert first.history.get().history_user == panel
        with pytest.raises(ValidationError, match="already scheduled"):
            schedule(key_project, panel, days=20)
        client.force_login(panel)
        response = client.post(
            reverse("gateway:schedule", args=[key_project.pk]),
            {"scheduled_for": (today() + timedelta(20)).isoformat(), "focus": ""},
        )
        assert response.status_code == 400 and b"already scheduled" in response.content
        assert GatewayReview.objects.count() == 1

        with pytest.raises(ValidationError, match="reason"):
            services.cancel_review(review=first, reason=" ", seen_version=first.version, acting_user=panel)
        cancelled = services.cancel_review(
            review=first, reason="Moved", seen_version=first.version, acting_user=panel
        )
        assert (cancelled.status, cancelled.verdict_summary, cancelled.version) == ("cancelled", "Moved", 2)
        assert cancelled.history.first().history_user == panel
        second = schedule(key_project, panel, days=20)
        assert second.status == GatewayReview.Status.SCHEDULED

    def test_scheduling_tells_the_commissioners(self, key_project, panel, commissioner):
        review = schedule(key_project, panel, focus="The market analysis")
        note = Notification.objects.get(key=f"gateway-scheduled:{review.pk}")
        assert note.recipients == [commissioner.email]
        assert "The panel wants to see: The market analysis" in note.body

    def test_the_verdict_needs_every_area(self, key_project, panel):
        review = schedule(key_project, panel)
        find_all(review, panel, areas=Area.values[:-1])
        with pytest.raises(ValidationError) as refused:
            complete(review, panel, Verdict.PASSED)
        assert refused.value.messages == [f"Record the panel's finding on: {Area.RISKS.label}."]
        assert reload(review).status == GatewayReview.Status.SCHEDULED
        find_all(review, panel, areas=[Area.RISKS])
        done = complete(review, panel, Verdict.PASSED, summary="  Well made.  ")
        assert (done.status, done.verdict, done.verdict_summary, done.completed_by) == (
            "completed",
            "passed",
            "Well made.",
            panel,
        )
        assert done.passed and done.history.first().history_user == panel

    def test_passed_with_conditions_needs_a_condition(self, key_project, panel, commissioner):
        review = schedule(key_project, panel)
        find_all(review, panel)
        add(review, panel, commissioner, Kind.ACTION)  # an action is not a condition
        with pytest.raises(ValidationError, match="Add the conditions"):
            complete(review, panel, Verdict.PASSED_WITH_CONDITIONS)
        add(review, panel, commissioner, Kind.CONDITION, "Agree the exit plan")
        assert complete(review, panel, Verdict.PASSED_WITH_CONDITIONS).passed

    def test_passed_refuses_open_conditions(self, key_project, panel, commissioner):
        review = schedule(key_project, panel)
        find_all(review, panel)
        condition = add(review, panel, commissioner, Kind.CONDITION, "Agree the exit plan")
        with pytest.raises(ValidationError, match="open conditions"):
            complete(review, panel, Verdict.PASSED)
        services.close_action(
            action=condition, status="withdrawn", seen_version=condition.version, acting_user=panel
        )
        assert complete(review, panel, Verdict.PASSED).verdict == Verdict.PASSED

    def test_a_completed_review_is_closed_to_changes(self, key_project, panel, commissioner):
        review = schedule(key_project, panel)
        find_all(review, panel)
        complete(review, panel, Verdict.NOT_PASSED)
        for attempt in [
            lambda: find_all(review, panel, areas=[Area.RISKS]),
            lambda: add(review, panel, commissioner),
            lambda: complete(review, panel, Verdict.PASSED),
            lambda: services.cancel_review(
                review=reload(review), reason="No", seen_version=2, acting_user=panel
            ),
        ]:
            with pytest.raises(PermissionDenied, match="completed"):
                attempt()
        assert AreaFinding.objects.filter(review=review).count() == 6
        assert not review.actions.exists()

    def test_findings_actions_and_progress_record_who(self, key_project, panel, commissioner):
        review = schedule(key_project, panel)
        finding = services.save_finding(
            review=review, area=Area.RISKS, rating="reservations", comments="Thin.", acting_user=panel
        )
        assert finding.history.get().history_user == panel
        finding = services.save_finding(
            review=review,
            area=Area.RISKS,
            rating="assured",
            comments="Now fine.",
            seen_version=finding.version,
            acting_user=panel,
        )
        assert (finding.version, finding.history.first().history_user) == (2, panel)
        action = add(review, panel, commissioner)
        assert action.history.get().history_user == panel
        with pytest.raises(ValidationError, match="done or withdrawn"):
            services.close_action(
                action=action, status="open", seen_version=action.version, acting_user=panel
            )
        action = services.report_progress(
            action=action,
            update="  Shared on Monday.  ",
            seen_version=action.version,
            acting_user=commissioner,
        )
        assert (action.update, action.history.first().history_user) == ("Shared on Monday.", commissioner)
        closed = services.close_action(
            action=action, status="done", seen_version=action.version, acting_user=panel
        )
        assert (closed.status, closed.history.first().history_user) == ("done", panel)
        assert closed.closed_at is not None
        with pytest.raises(PermissionDenied, match="closed"):
            services.report_progress(
                action=closed, update="More", seen_version=closed.version, acting_user=commissioner
            )

    def test_a_stale_finding_is_refused(self, key_project, panel, client):
        review = schedule(key_project, panel)
        other = factories.user(roles.GATEWAY_PANEL, username="gateway2")
        factories.gateway_panel(other)
        finding = services.save_finding(
            review=review, area=Area.RISKS, rating="reservations", comments="Thin.", acting_user=panel
        )
        services.save_finding(
            review=review,
            area=Area.RISKS,
            rating="not_assured",
            comments="No risk register.",
            seen_version=finding.version,
            acting_user=fresh(other),
        )
        with pytest.raises(StaleEdit):
            services.save_finding(
                review=review,
                area=Area.RISKS,
                rating="assured",
                comments="Fine.",
                seen_version=1,
                acting_user=panel,
            )
        client.force_login(panel)
        response = client.post(
            reverse("gateway:finding", args=[review.pk, Area.RISKS]),
            {"rating": "assured", "comments": "Fine.", "seen_version": 1},
        )
        assert response.status_code == 409
        assert b"No risk register." in response.content  # what the other member wrote is shown
        assert (reload(finding).rating, reload(finding).comments, reload(finding).version) == (
            "not_assured",
            "No risk register.",
            2,
        )

    def test_a_stale_verdict_form_is_refused_and_nothing_saved(self, key_project, panel, client):
        review = schedule(key_project, panel)
        find_all(review, panel)
        client.force_login(panel)
        seen = client.get(review.get_absolute_url()).context["verdict_form"]["seen_version"].value()
        assert seen == review.version
        GatewayReview.objects.filter(pk=review.pk).update(version=F("version") + 1)  # saved meanwhile
        response = client.post(
            reverse("gateway:verdict", args=[review.pk]),
            {"verdict": "passed", "verdict_summary": "Well made.", "seen_version": seen},
        )
        assert response.status_code == 409
        assert b"Your changes have not been saved" in response.content
        review = reload(review)
        assert (review.status, review.verdict, review.verdict_summary) == ("scheduled", "", "")
        assert not Notification.objects.filter(key__startswith="gateway-verdict").exists()

        # ... with the current version it is recorded, and the commissioner told.
        response = client.post(
            reverse("gateway:verdict", args=[review.pk]),
            {"verdict": "passed", "verdict_summary": "Well made.", "seen_version": review.version},
        )
        assert response.status_code == 302
        assert reload(review).verdict == "passed"
        assert Notification.objects.filter(key=f"gateway-verdict:{review.pk}").exists()

    def test_the_verdict_form_shows_what_is_missing(self, key_project, panel, client):
        review = schedule(key_project, panel)
        client.force_login(panel)
        response = client.post(
            reverse("gateway:verdict", args=[review.pk]),
            {"verdict": "passed_with_conditions", "verdict_summary": "Fine.", "seen_version": review.version},
        )
        assert response.status_code == 400
        assert b"Record the panel&#x27;s finding on: Commissioning objectives" in response.content
        assert b"Add the conditions before passing" in response.content
        assert reload(review).status == GatewayReview.Status.SCHEDULED

    def test_stale_progress_is_refused(self, key_project, panel, commissioner, client):
        review = schedule(key_project, panel)
        action = add(review, panel, commissioner)
        services.report_progress(
            action=action, update="Drafted.", seen_version=action.version, acting_user=panel
        )
        client.force_login(commissioner)
        response = client.post(
            reverse("gateway:action", args=[action.pk]), {"update": "Sent.", "seen_version": action.version}
        )
        assert response.status_code == 409
        assert reload(action).update == "Drafted."


# The programme and the forward plan -------------------------------------------------------------------------


@pytest.fixture
def programme_world(commissioner, panel):
    """A key project in Plan with a review in 20 days, an action due in 100 and a condition in 200 (and
    one overdue); two projects that are not key (one in Place); an archived one."""
    factories.criteria()
    key = factories.strategy(commissioner=commissioner, title="Children are safe")
    services.override_key(strategy=key, is_key=True, reason="High profile", acting_user=panel)
    Strategy.objects.filter(pk=key.pk).update(stage=Stage.PLAN)
    review = schedule(key, panel, days=20)
    add(review, panel, commissioner, Kind.ACTION, "Share the market analysis", days=100)
    add(review, panel, commissioner, Kind.CONDITION, "Agree the exit plan", days=200)
    overdue = add(review, panel, commissioner, Kind.ACTION, "Overdue thing", days=1)
    ReviewAction.objects.filter(pk=overdue.pk).update(due_date=today() - timedelta(1))
    plain = factories.strategy(commissioner=commissioner, title="Learn and achieve")
    roads = factories.strategy(commissioner=commissioner, title="Safe roads", directorate=place())
    gone = factories.strategy(commissioner=commissioner, title="Archived")
    Strategy.objects.filter(pk=gone.pk).update(stage=Stage.ARCHIVED)
    return {"key": reload(key), "plain": plain, "roads": roads, "review": review}


@pytest.mark.django_db
class TestProgramme:
    def listed(self, client, **query):
        response = client.get(reverse("gateway:programme"), query)
        assert response.status_code == 200
        return [p.strategy.title for p in response.context["page"].object_list], response

    def test_filters(self, client, programme_world, commissioner):
        client.force_login(commissioner)
        titles, response = self.listed(client)
        assert titles == ["Children are safe", "Learn and achieve", "Safe roads"]  # not the archived one
        assert b"3 projects, 1 key project" in response.content
        assert self.listed(client, key="yes")[0] == ["Children are safe"]
        assert self.listed(client, key="no")[0] == ["Learn and achieve", "Safe roads"]
        assert self.listed(client, directorate=place().pk)[0] == ["Safe roads"]
        assert self.listed(client, stage="plan")[0] == ["Children are safe"]
        assert self.listed(client, stage="analyse", key="yes")[0] == []
        assert self.listed(client, q=programme_world["roads"].reference)[0] == ["Safe roads"]
        project = next(p for p in self.listed(client)[1].context["page"].object_list if p.assessment.is_key)
        assert project.next_review == programme_world["review"]
        assert project.next_date.what == "Gateway review"  # the soonest key date, not the overdue one

    def test_forward_plan_window(self, client, programme_world, commissioner):
        client.force_login(commissioner)

        def what(**query):
            response = client.get(reverse("gateway:forward-plan"), query)
            assert response.status_code == 200
            return [d.what for d in response.context["dates"]]

        review = "Gateway review"
        action = f"Action due: Share the market analysis ({commissioner})"
        condition = f"Condition due: Agree the exit plan ({commissioner})"
        assert what(months=3) == [review]
        assert what(months=6) == [review, action]
        assert what() == what(months=12) == [review, action, condition]  # twelve months by default
        assert what(months=12, directorate=place().pk) == []

    def test_forward_plan_csv(self, client, programme_world, commissioner):
        client.force_login(commissioner)
        response = client.get(reverse("gateway:forward-plan-csv"), {"months": 12})
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert (
            response["Content-Disposition"] == f'attachment; filename="forward-plan-{today():%Y-%m-%d}.csv"'
        )
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0] == ["Date", "What", "Kind", "Strategy", "Directorate", "Stage", "Link"]
        key, review = programme_world["key"], programme_world["review"]
        link = f"http://testserver{review.get_absolute_url()}"
        assert rows[1:] == [
            [
                str(today() + timedelta(20)),
                "Gateway review",
                "Gateway review",
                str(key),
                "Children's Services",
                "Plan",
                link,
            ],
            [
                str(today() + timedelta(100)),
                f"Action due: Share the market analysis ({commissioner})",
                "Gateway action",
                str(key),
                "Children's Services",
                "Plan",
                link,
            ],
            [
                str(today() + timedelta(200)),
                f"Condition due: Agree the exit plan ({commissioner})",
                "Gateway action",
                str(key),
                "Children's Services",
                "Plan",
                link,
            ],
        ]
        three = client.get(reverse("gateway:forward-plan-csv"), {"months": 3}).content.decode("utf-8-sig")
        assert len(list(csv.reader(io.StringIO(three)))) == 2  # the header and the review


# Rights: a matrix through the real views (last: its shared world stays until the module ends) ---------------

ROLES = ["commissioner", "commissioner2", "councillor", "scrutiny", "gateway", "administrator", "anonymous"]
PANEL = {"gateway"}
ADMIN = {"administrator"}


def _build_world():
    """The panel's board first (strategies created after it get the right), then the commissioner's key
    project with a scheduled review (every area found) and an action owned by the councillor, and
    commissioner2's project in another directorate, the two suggested as a pair by the overlap finder."""
    p = matrix.people()
    factories.criteria()
    board = factories.gateway_panel(p["gateway"])
    own = factories.strategy(commissioner=p["commissioner"], title="Children are safe and healthy")
    other = factories.strategy(
        commissioner=p["commissioner2"], title="Protecting the public", directorate=place()
    )
    # The overlap finder suggests the two: alike in more items than it shows of a pair.
    _items(own, outcomes=SHARED)
    _items(other, outcomes=SHARED)
    overlaps.rebuild()
    panel = fresh(p["gateway"])
    services.override_key(strategy=own, is_key=True, reason="High profile", acting_user=panel)
    review = schedule(own, panel)
    find_all(review, panel)
    action = add(review, panel, p["councillor"], days=30)
    return {
        "people": p,
        "board": board,
        "membership": BoardMembership.objects.get(board=board, member=p["gateway"]),
        "own": own,
        "other": other,
        "review": reload(review),
        "finding": AreaFinding.objects.get(review=review, area=Area.OBJECTIVES),
        "action": reload(action),
    }


shared_world = matrix.shared_world_fixture(_build_world)


@pytest.fixture
def world(db, shared_world):
    return matrix.fresh(shared_world)


def fingerprint():
    """Everything a gateway action could write: a refused one must leave all of it as it was."""
    return {
        "criteria": list(
            Criterion.objects.order_by("pk").values_list(
                "pk", "name", "test", "threshold", "points", "active"
            )
        ),
        "mark": list(KeyProjectMark.objects.values_list("pk", "points")),
        "answers": list(CriterionAnswer.objects.order_by("pk").values_list("pk", "criterion", "met", "note")),
        "overrides": list(
            KeyProjectOverride.objects.order_by("pk").values_list("pk", "is_key", "reason", "by")
        ),
        "reviews": list(
            GatewayReview.objects.order_by("pk").values_list(
                "pk", "status", "verdict", "verdict_summary", "version", "scheduled_for"
            )
        ),
        "findings": list(
            AreaFinding.objects.order_by("pk").values_list("pk", "rating", "comments", "version")
        ),
        "actions": list(
            ReviewAction.objects.order_by("pk").values_list("pk", "kind", "status", "update", "version")
        ),
        "overlaps": list(OverlapDecision.objects.order_by("pk").values_list("pk", "decision", "note")),
        "group rights": sorted(
            StrategyGroupObjectPermission.objects.values_list("group", "content_object", "permission")
        ),
        "notifications": Notification.objects.count(),
    }


_client = matrix.as_person


_refused_to_anonymous = matrix.refused_to_anonymous


READ_PAGES = [
    ("programme", lambda w: reverse("gateway:programme") + "?key=yes"),
    ("forward plan", lambda w: reverse("gateway:forward-plan") + "?months=12"),
    ("forward plan csv", lambda w: reverse("gateway:forward-plan-csv")),
    ("project", lambda w: reverse("gateway:project", args=[w["own"].pk])),
    ("other project", lambda w: reverse("gateway:project", args=[w["other"].pk])),
    ("review", lambda w: w["review"].get_absolute_url()),
    ("actions", lambda w: reverse("gateway:actions") + "?mine=1"),
    ("action", lambda w: reverse("gateway:action", args=[w["action"].pk])),
    ("overlaps", lambda w: reverse("gateway:overlaps")),
    # A pair's every match: read as the finder is, by everyone signed in.
    ("overlap pair", lambda w: reverse("gateway:overlap-pair", args=[w["own"].pk, w["other"].pk])),
    ("criteria", lambda w: reverse("gateway:criteria")),
]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page,url", READ_PAGES, ids=[p[0] for p in READ_PAGES])
def test_reading(client, world, role, page, url, no_throttle):
    before = fingerprint()
    response = _client(client, world["people"][role]).get(url(world))
    if role == "anonymous":
        assert _refused_to_anonymous(response)
    else:
        assert response.status_code == 200
    assert fingerprint() == before, "reading must change nothing"


@dataclass
class Action:
    method: str
    url: Any  # world -> str
    data: Any = None  # world -> dict
    allowed: set = field(default_factory=set)
    effect: Any = None  # world -> what an allowed POST changes
    prepare: Any = None  # world -> None, before the request
    rights: Any = None  # (user, world) -> the Decision the view takes, from the predicates it asks
    # Over HTTP: an allowed role and the closest refused one (the project's own commissioner, who may edit
    # it but is not on the panel; the panel member, who is not an administrator).
    allowed_as: str = "gateway"
    refused_as: str | None = "commissioner"


def _on_own(predicate):
    """The project's pages read the strategy (strategies' can_view) before asking the action's predicate."""
    return lambda u, w: strategies.permissions.can_view(u, w["own"]) and predicate(u, w)


def _may_schedule(u, w):
    return gateway.permissions.can_schedule(u, w["own"], is_key=assessment.is_key_project(w["own"]))


def _may_review(u, w):
    return gateway.permissions.can_review(u, w["review"])


def _may_configure(u, w):
    return gateway.permissions.can_configure(u)


def _on_action(predicate):
    """The action's page: everyone signed in reads it, then the form's own predicate."""
    return lambda u, w: gateway.permissions.can_view(u) and predicate(u, w["action"])


def _judged_answers(w):
    data = {}
    for c in Criterion.objects.filter(test="judged", active=True):
        data[f"c{c.pk}"], data[f"n{c.pk}"] = "yes", "The panel's view"
    return data


def _no_scheduled_review(w):
    """Scheduling needs no review already scheduled: cancel it first, as the panel would."""
    r = w["review"]
    services.cancel_review(
        review=r, reason="Moved", seen_version=r.version, acting_user=fresh(w["people"]["gateway"])
    )


def _action_url(w):
    return reverse("gateway:action", args=[w["action"].pk])


def _review_field(name):
    return lambda w: getattr(reload(w["review"]), name)


def _action_field(name):
    return lambda w: getattr(reload(w["action"]), name)


ACTIONS = {
    "answer criteria": Action(
        "post",
        lambda w: reverse("gateway:answer-criteria", args=[w["own"].pk]),
        _judged_answers,
        PANEL,
        lambda w: sorted(CriterionAnswer.objects.filter(strategy=w["own"]).values_list("criterion", "met")),
        rights=_on_own(lambda u, w: gateway.permissions.can_judge(u, w["own"])),
    ),
    "override": Action(
        "post",
        lambda w: reverse("gateway:override", args=[w["own"].pk]),
        lambda w: {"choice": "not", "reason": "A routine re-let"},
        PANEL,
        lambda w: list(KeyProjectOverride.objects.filter(strategy=w["own"]).values_list("is_key", "by")),
        rights=_on_own(lambda u, w: gateway.permissions.can_judge(u, w["own"])),
    ),
    "project page": Action(
        "get",
        lambda w: reverse("gateway:project", args=[w["own"].pk]),
        rights=_on_own(lambda u, w: strategies.permissions.can_view(u, w["own"])),
        allowed_as="councillor",
        refused_as=None,  # everyone signed in reads it
    ),
    "schedule": Action(
        "post",
        lambda w: reverse("gateway:schedule", args=[w["own"].pk]),
        lambda w: {"scheduled_for": (today() + timedelta(21)).isoformat(), "focus": "The market"},
        PANEL,
        lambda w: list(w["own"].gateway_reviews.filter(status="scheduled").values_list("scheduled_by")),
        _no_scheduled_review,
        rights=_on_own(_may_schedule),
    ),
    "finding": Action(
        "post",
        lambda w: reverse("gateway:finding", args=[w["review"].pk, Area.OBJECTIVES]),
        lambda w: {"rating": "reservations", "comments": "Vague.", "seen_version": w["finding"].version},
        PANEL,
        lambda w: reload(w["finding"]).rating,
        rights=_may_review,
    ),
    "add action": Action(
        "post",
        lambda w: reverse("gateway:add-action", args=[w["review"].pk]),
        lambda w: {
            "kind": "condition",
            "description": "Agree the exit plan",
            "owner": w["people"]["commissioner"].pk,
            "due_date": (today() + timedelta(10)).isoformat(),
        },
        PANEL,
        lambda w: w["review"].actions.count(),
        rights=_may_review,
    ),
    "verdict": Action(
        "post",
        lambda w: reverse("gateway:verdict", args=[w["review"].pk]),
        lambda w: {
            "verdict": "not_passed",
            "verdict_summary": "Not yet.",
            "seen_version": w["review"].version,
        },
        PANEL,
        _review_field("verdict"),
        rights=_may_review,
    ),
    "cancel": Action(
        "post",
        lambda w: reverse("gateway:cancel", args=[w["review"].pk]),
        lambda w: {"reason": "The project is paused.", "seen_version": w["review"].version},
        PANEL,
        _review_field("status"),
        rights=_may_review,
    ),
    "close action": Action(
        "post",
        _action_url,
        lambda w: {"close": "1", "status": "done", "seen_version": w["action"].version},
        PANEL,
        _action_field("status"),
        rights=_on_action(gateway.permissions.can_follow_up),
    ),
    # The action's owner (the councillor), the project's commissioners (administrators edit every
    # strategy) and the panel.
    "report progress": Action(
        "post",
        _action_url,
        lambda w: {"update": "Shared with the panel.", "seen_version": w["action"].version},
        {"councillor", "commissioner", "gateway", "administrator"},
        _action_field("update"),
        rights=_on_action(gateway.permissions.can_answer),
        allowed_as="councillor",
        refused_as="commissioner2",
    ),
    "decide overlap": Action(
        "post",
        lambda w: reverse("gateway:decide-overlap", args=[w["own"].pk, w["other"].pk]),
        lambda w: {"decision": "keep_separate", "note": "Different people."},
        PANEL,
        lambda w: list(OverlapDecision.objects.values_list("by", flat=True)),
        rights=lambda u, w: gateway.permissions.can_decide_overlap(u, w["own"], second=w["other"]),
    ),
    "set mark": Action(
        "post",
        lambda w: reverse("gateway:mark"),
        lambda w: {"points": KeyProjectMark.current().points + 1},
        ADMIN,
        lambda w: KeyProjectMark.current().points,
        rights=_may_configure,
        allowed_as="administrator",
        refused_as="gateway",
    ),
    "criterion page": Action(
        "get",
        lambda w: reverse("gateway:criterion-create"),
        allowed=ADMIN,
        rights=_may_configure,
        allowed_as="administrator",
        refused_as="gateway",
    ),
    "add criterion": Action(
        "post",
        lambda w: reverse("gateway:criterion-create"),
        lambda w: {
            "name": "Political profile",
            "question": "High profile?",
            "test": "judged",
            "points": 1,
            "active": "on",
            "order": 7,
        },
        ADMIN,
        lambda w: Criterion.objects.filter(name="Political profile").exists(),
        rights=_may_configure,
        allowed_as="administrator",
        refused_as="gateway",
    ),
    "change criterion": Action(
        "post",
        lambda w: reverse("gateway:criterion-edit", args=[criterion(RISK).pk]),
        lambda w: {
            "name": RISK,
            "question": "Risky?",
            "test": "judged",
            "points": 3,
            "active": "on",
            "order": 3,
        },
        ADMIN,
        lambda w: criterion(RISK).points,
        rights=_may_configure,
        allowed_as="administrator",
        refused_as="gateway",
    ),
}
# Pages with forms: everyone signed in reads the project page (the panel sees its forms).
ACTIONS["project page"].allowed = set(ROLES) - {"anonymous"}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_rights_to_act(world, role, action):
    a = ACTIONS[action]
    if a.prepare:
        a.prepare(world)
    assert bool(a.rights(matrix.asked_as(world, role), world)) == (role in a.allowed)


# Over HTTP: per action, an allowed role, the closest refused one and anonymous.
HTTP_CASES = [
    pytest.param(name, role, id=f"{name}-{role}")
    for name, a in ACTIONS.items()
    for role in (a.allowed_as, a.refused_as, "anonymous")
    if role is not None
]


@pytest.mark.django_db
@pytest.mark.parametrize("action,role", HTTP_CASES)
def test_acting(client, world, role, action, no_throttle):
    a = ACTIONS[action]
    user = world["people"][role]
    if a.prepare:
        a.prepare(world)
    allowed = role in a.allowed
    before = fingerprint()
    effect_before = a.effect(world) if a.effect else None
    response = getattr(_client(client, user), a.method)(a.url(world), a.data(world) if a.data else {})
    effect_after = a.effect(world) if a.effect else None
    if role == "anonymous":
        assert _refused_to_anonymous(response)
    elif allowed:
        assert response.status_code == (302 if a.method == "post" else 200), response.content[:800]
    else:
        assert response.status_code == 403, response.content[:800]
    if allowed and a.effect:
        assert effect_after != effect_before, "an allowed action must do what it says"
    if not allowed:
        assert fingerprint() == before, "a refused action must change nothing"


@pytest.mark.django_db
def test_forms_are_shown_only_to_who_may_use_them(client, world, no_throttle):
    p = world["people"]
    project = reverse("gateway:project", args=[world["own"].pk])
    review = world["review"].get_absolute_url()
    for role in ROLES[:-1]:
        client.force_login(p[role])
        page = client.get(project).context
        assert (page["answers_form"] is not None) == (role == "gateway"), role
        assert (page["override_form"] is not None) == (role == "gateway"), role
        assert bool(page["may_schedule"]) == (role == "gateway"), role
        page = client.get(review).context
        assert bool(page["may_review"]) == (role == "gateway"), role
        assert (page["verdict_form"] is not None) == (role == "gateway"), role
        assert bool(page["actions"][0].may_answer) == (role in ACTIONS["report progress"].allowed), role
        assert bool(page["actions"][0].may_close) == (role == "gateway"), role
        page = client.get(reverse("gateway:criteria")).context
        assert bool(page["may_configure"]) == (role == "administrator"), role


# Rights follow board membership -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_gateway_role_alone_gives_no_right(world):
    outsider = factories.user(roles.GATEWAY_PANEL, username="gateway-outsider")
    assert not is_panel(outsider, world["own"])
    with pytest.raises(PermissionDenied, match="gateway panel"):
        services.save_finding(
            review=world["review"], area=Area.RISKS, rating="assured", comments="-", acting_user=outsider
        )


@pytest.mark.django_db
def test_leaving_the_board_ends_the_right_to_review(client, world, no_throttle):
    gateway, review = world["people"]["gateway"], world["review"]
    assert can_review(fresh(gateway), review)
    remove_member(membership=world["membership"], acting_user=factories.administrator())
    assert not can_review(fresh(gateway), review)
    assert not can_judge(fresh(gateway), world["own"])
    assert not can_decide_overlap(fresh(gateway), world["own"], second=world["other"])
    before = fingerprint()
    client.force_login(gateway)
    for url, data in [
        (
            reverse("gateway:finding", args=[review.pk, Area.RISKS]),
            {"rating": "assured", "comments": "Fine.", "seen_version": 1},
        ),
        (reverse("gateway:cancel", args=[review.pk]), {"reason": "No.", "seen_version": review.version}),
        (reverse("gateway:override", args=[world["own"].pk]), {"choice": "not", "reason": "No."}),
    ]:
        assert client.post(url, data).status_code == 403, url
    assert fingerprint() == before
    # The board keeps its right: a new member holds it.
    newcomer = factories.user(roles.GATEWAY_PANEL, username="gateway-newcomer")
    factories.gateway_panel(newcomer)
    assert can_review(fresh(newcomer), review)


@pytest.mark.django_db
def test_strategies_and_boards_created_later_get_the_right(world):
    gateway = world["people"]["gateway"]
    later = factories.strategy(commissioner=world["people"]["commissioner"], title="Created after the board")
    assert holds(fresh(gateway), REVIEW, later)
    assert is_panel(fresh(gateway), later)
    # A second panel, made after the strategies, holds the right on all of them; other boards do not.
    member = factories.user(roles.GATEWAY_PANEL, username="gateway-second")
    factories.gateway_panel(member, name="Capital Programme Gateway")
    councillor = factories.user(roles.COUNCILLOR, username="executive-member")
    factories.board(members=[councillor])
    for s in (world["own"], world["other"], later):
        assert is_panel(fresh(member), s)
        assert not is_panel(fresh(councillor), s)
    executive = Board.objects.get(name="Executive")
    assert not StrategyGroupObjectPermission.objects.filter(group=executive.group).exists()
    assert not Board.objects.get(name="Capital Programme Gateway").group.permissions.exists()  # object rights
