"""A page reads a strategy's and its plans' content in few queries (issue 21: read_together, links found among
rows read anyway); the approval snapshots it takes are the very ones a fresh read gives, so an approval is
current or out of date alike on a page and in a service."""

import pytest

from commissioning import roles
from members import snapshots
from members.models import Subject
from plans import selectors as plan_selectors
from plans.models import CommissioningPlan
from strategies import lifecycle
from strategies.models import CouncilPriority, FrameworkIndicator, Outcome, OutcomeFramework, Strategy
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned():
    commissioner = factories.user(roles.COMMISSIONER, second_factor=False)
    s = factories.StrategyFactory(commissioner=commissioner, planned=True)
    framework = OutcomeFramework.objects.create(code="ASCOF", name="Adult social care outcomes")
    indicators = [
        FrameworkIndicator.objects.create(framework=framework, code=code, name=f"Indicator {code}")
        for code in ("2B", "1A")
    ]
    priorities = [
        CouncilPriority.objects.create(reference=ref, title=f"Priority {ref}", order=order)
        for ref, order in (("CP2", 1), ("CP1", 2))
    ]
    for outcome in Outcome.objects.filter(strategy=s):
        outcome.priorities.set(priorities)
        outcome.indicators.set(indicators)
    plan = CommissioningPlan.objects.get(strategy=s)
    plan.outcomes.set(Outcome.objects.filter(strategy=s))
    return s


def _on_a_page(s):
    return lifecycle.evaluate_once(Strategy.objects.get(pk=s.pk))


def test_the_outcomes_snapshot_on_a_page_is_the_one_a_fresh_read_takes(planned):
    fresh = snapshots.take(Subject.OUTCOMES, Strategy.objects.get(pk=planned.pk))
    page = _on_a_page(planned)
    snapshots.read_outcome_content(page)
    assert snapshots.take(Subject.OUTCOMES, page) == fresh
    assert any("CP1" in str(item) for section in fresh["sections"] for item in section["items"])
    outcome = page.outcomes.all()[0]  # each in its own order, as prefetch_related leaves them
    assert [p.reference for p in outcome.priorities.all()] == ["CP2", "CP1"]
    assert [i.code for i in outcome.indicators.all()] == ["1A", "2B"]


def test_a_plan_snapshot_on_a_page_is_the_one_a_fresh_read_takes(planned):
    fresh = [snapshots.of_plan(p) for p in plan_selectors.this_cycle([planned.pk])]
    page = _on_a_page(planned)
    found = plan_selectors.of_this_cycle(page, checklist=True)
    assert fresh and [snapshots.of_plan(p) for p in found] == fresh
    delivery = next(s for s in fresh[0]["sections"] if s["title"] == "Delivery analysis")
    assert any("Score: " in str(item) for item in delivery["items"])  # criteria, options and scores read
    assert [list(p.outcomes.all()) for p in found] == [
        list(p.outcomes.all()) for p in plan_selectors.this_cycle([planned.pk])
    ]
