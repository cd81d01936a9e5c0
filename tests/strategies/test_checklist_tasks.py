"""The checklist items in "Your tasks" (strategies.worklist), worked out in SQL (checklist.with_missing): for
a varied set of strategies, the very tasks each strategy's own checklist gives (checklist.missing), in the
same order, with the same words, links and count; the first few of them when a page shows only a few."""

from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from commissioning import roles, worklist
from plans.models import CommissioningPlan, PlannedService
from strategies import checklist
from strategies import worklist as strategy_tasks
from strategies.models import (
    ChecklistThreshold,
    ChecklistWaiver,
    EvidenceItem,
    Impact,
    ImpactEntry,
    InfluentialDocument,
    Interdependency,
    ScopeItem,
    ServiceAreaContribution,
    Stage,
    StartingPositionItem,
    Strategy,
)
from strategies.selectors import commissioned_by

from .. import factories, matrix

SMALL = Decimal("95000")  # below the default thresholds' £500,000 (strategies migration 0009)


def _complete(commissioner, title, other=None):
    return factories.complete_analyse(
        factories.strategy(commissioner=commissioner, title=title), other=other, approved=False
    )


def _waive(strategy, item, person):
    # Straight to the table: the service refuses an item that applies, and some of these must apply.
    ChecklistWaiver.objects.create(
        strategy=strategy, item=item, reason="One small contract", recorded_by=person
    )


def _small(strategy):
    StartingPositionItem.objects.filter(strategy=strategy).update(annual_cost=SMALL)


def _build_world():
    import_module("strategies.migrations.0009_checklist_thresholds").add(apps, None)  # flushed by some tests
    factories.impact_areas()
    me = factories.user(roles.COMMISSIONER, username="tasks-me")
    them = factories.user(roles.COMMISSIONER, username="tasks-them")
    theirs = factories.strategy(commissioner=them, title="Theirs, all missing")
    made = {"theirs": theirs}

    made["complete"] = _complete(me, "Complete", other=theirs)
    made["empty"] = factories.strategy(commissioner=me, title="Nothing written yet")

    # Partly written: a text of white space only is not written; only what is in scope is stated.
    partly = factories.strategy(commissioner=me, title="Partly written")
    partly.summary_of_findings = "Demand has risen."
    partly.needs_methodology = " \n\u00a0\u3000"
    partly.emerging_issues = "Budgets fall."
    partly.save()
    EvidenceItem.objects.create(strategy=partly, title="JSNA", source="Public Health", kind="jsna")
    ScopeItem.objects.create(strategy=partly, area="Early help", in_scope=True, reason="Core")
    made["partly"] = partly

    # Complete but for one thing each.
    scope = _complete(me, "No out of scope", other=theirs)
    ScopeItem.objects.filter(strategy=scope, in_scope=False).delete()
    made["scope"] = scope
    impact = _complete(me, "Impact half assessed", other=theirs)
    entries = list(ImpactEntry.objects.filter(strategy=impact).order_by("area__order", "area__name"))
    entries[0].delete()
    entries[1].delete()
    ImpactEntry.objects.filter(pk=entries[2].pk).update(
        impact=Impact.NEGATIVE, mitigation="Outreach", owner=""
    )
    made["impact"] = impact
    unmitigated = _complete(me, "Impact not mitigated", other=theirs)
    ImpactEntry.objects.filter(
        pk=ImpactEntry.objects.filter(strategy=unmitigated).order_by("pk")[0].pk
    ).update(impact=Impact.NEGATIVE, mitigation=" ", owner="Head of Service")
    made["unmitigated"] = unmitigated

    # Its interdependency recorded on the other strategy only: complete.
    other_side = _complete(me, "Interdependent from the other side", other=theirs)
    Interdependency.objects.filter(strategy=other_side).delete()
    Interdependency.objects.create(
        strategy=theirs, other=other_side, shared_outcome="Safe", assumed_contribution="-", direction="both"
    )
    made["other side"] = other_side

    # Below the thresholds: what is marked not required is not missing; what is not marked is.
    waived = _complete(me, "Small, waived", other=theirs)
    _small(waived)
    InfluentialDocument.objects.filter(strategy=waived).delete()
    ServiceAreaContribution.objects.filter(strategy=waived).delete()
    _waive(waived, "documents", me)
    made["waived"] = waived
    # A threshold of its own kind (no key projects, no statutory services), on an item joint strategies need.
    ChecklistThreshold.objects.create(
        item="outcomes", min_annual_value=Decimal("100000"), key_projects=False, statutory=False
    )
    no_outcomes = _complete(me, "Small, outcomes waived", other=theirs)
    _small(no_outcomes)
    no_outcomes.outcomes.all().delete()
    _waive(no_outcomes, "outcomes", me)
    made["no outcomes"] = no_outcomes

    # At or over the thresholds a waiver changes nothing: by value, and by a statutory service planned.
    big = _complete(me, "Big, waived in vain", other=theirs)
    InfluentialDocument.objects.filter(strategy=big).delete()
    _waive(big, "documents", me)
    made["big"] = big
    statutory = _complete(me, "Small but statutory", other=theirs)
    _small(statutory)
    InfluentialDocument.objects.filter(strategy=statutory).delete()
    _waive(statutory, "documents", me)
    plan = CommissioningPlan.objects.create(strategy=statutory, cycle=statutory.cycle, title="Plan")
    PlannedService.objects.create(plan=plan, name="Carers' assessments", priority="statutory")
    made["statutory"] = statutory

    # Joint: the partner's process replaces most items, not the joint ones, and no waiver counts.
    joint = factories.strategy(commissioner=me, title="Joint with the NHS")
    Strategy.objects.filter(pk=joint.pk).update(is_joint=True, lead_partner="NHS Trust", partner_process="\t")
    _waive(joint, "outcomes", me)
    made["joint"] = joint

    # Commissioned with someone else: theirs to do too. In Plan: no longer a checklist task.
    shared = factories.strategy(commissioner=them, title="Shared", commissioners=[me])
    made["shared"] = shared
    planning = factories.strategy(commissioner=me, title="Moved on")
    Strategy.objects.filter(pk=planning.pk).update(stage=Stage.PLAN)
    made["planning"] = planning
    return {"people": {"me": me, "them": them, "anonymous": None}, "made": made}


shared_world = matrix.shared_world_fixture(_build_world)


@pytest.fixture
def world(db, shared_world):
    return matrix.fresh(shared_world)


def from_each_checklist(user) -> list[worklist.Task]:
    """The tasks as each strategy's full checklist gives them (what "Your tasks" listed before SQL did)."""
    tasks = []
    for strategy in commissioned_by(Strategy.objects.filter(stage=Stage.ANALYSE), user):
        missing = checklist.missing(Strategy.objects.get(pk=strategy.pk))
        if not missing:
            continue
        more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
        tasks.append(
            worklist.Task(
                "checklist",
                "Checklist item blocking the next move",
                f"{missing[0].missing} on {strategy.reference}{more}, before it can move to Plan",
                missing[0].url,
                None,
                ", ".join(item.label for item in missing[:5]),
            )
        )
    return sorted(tasks, key=worklist.sort_key)


def _of(task, strategy) -> bool:
    return f" on {strategy.reference}," in task.title or f" on {strategy.reference} and " in task.title


def in_sql(user, limit=None):
    counted = strategy_tasks.checklist_items(user, timezone.localdate())
    assert counted.kind == "checklist"
    return counted.first(limit)


def test_the_tasks_worked_out_in_sql_are_those_of_each_strategys_checklist(world):
    me = world["people"]["me"]
    expected = from_each_checklist(me)
    assert in_sql(me) == (expected, len(expected))

    # The world covers what it means to: each kind of words first, a task with one item, others with more.
    made = world["made"]
    by_strategy = {name: [t for t in expected if _of(t, s)] for name, s in made.items()}
    assert {name for name, tasks in by_strategy.items() if not tasks} == {
        "complete",
        "other side",
        "no outcomes",
        "planning",
        "theirs",
    }
    assert all(len(tasks) == 1 for tasks in by_strategy.values() if tasks)
    task = {name: tasks[0] for name, tasks in by_strategy.items() if tasks}
    first = {name: t.title.split(f" on {made[name].reference}")[0] for name, t in task.items()}
    assert first["partly"] == "Describe the methodology of the needs analysis"
    assert task["partly"].url.endswith("#id_needs_methodology")
    assert first["scope"] == "Add what is out of scope, with reasons"
    assert first["impact"].startswith("Assess the impact on ") and "; give the mitigation" in first["impact"]
    assert first["unmitigated"].startswith("Give the mitigation and its owner for the negative impact on ")
    assert first["waived"] == "Add the contribution of at least one council service area"
    assert first["big"] == first["statutory"] == "Add at least one influential document"
    for one in ("scope", "waived", "big", "statutory", "unmitigated"):  # one item missing: no "and more"
        assert task[one].title.endswith(f"{made[one].reference}, before it can move to Plan"), one
    # Joint: evidence, findings, outcomes (its waiver does not count), the impact assessment and the partner.
    assert first["joint"] == "Add at least one piece of evidence"
    assert task["joint"].url == reverse("strategies:section", args=[made["joint"].pk, "evidence"])
    assert task["joint"].title.endswith(" and 4 more, before it can move to Plan")
    assert task["joint"].detail.endswith(", Joint strategy: lead partner and its process")
    assert task["empty"].detail.count(", ") == 4  # the first five named
    assert task["shared"]


def test_a_page_reads_the_first_few_and_the_count_of_them_all(world):
    me = world["people"]["me"]
    expected = from_each_checklist(me)
    assert len(expected) > 3
    for limit in (1, 3):
        assert in_sql(me, limit) == (expected[:limit], len(expected))


def test_other_peoples_strategies_are_not_counted(world):
    them, made = world["people"]["them"], world["made"]
    expected = from_each_checklist(them)
    assert in_sql(them) == (expected, len(expected))
    assert sorted(name for t in expected for name, s in made.items() if _of(t, s)) == ["shared", "theirs"]
