"""seed_demo --scale: copies of the council for benchmarks, each depending only on its own copy. The
scaled council is seeded once for the module; each test runs in a savepoint inside it."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from plans.models import CommissioningPlan, NoPlanStatement
from strategies.models import Interdependency, Strategy

from .. import matrix

pytestmark = pytest.mark.django_db


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


shared_world = matrix.shared_world_fixture(lambda: seed("--scale", "2"))


@pytest.fixture
def seeded(db, shared_world):
    """seed_demo --scale 2's output; the council it made is in the database."""
    return shared_world


def test_scale_makes_copies_that_depend_only_on_their_own_copy(seeded):
    assert Strategy.objects.count() == 34
    assert "34 strategies (scale 2)" in seeded
    copy = Strategy.objects.get(reference="CS-01-2")
    assert copy.title == "Safeguarding Adults (area 2)"
    assert Counter(Strategy.objects.values_list("stage", flat=True))["archived"] == 2
    for link in Interdependency.objects.select_related("strategy", "other"):
        assert link.strategy.reference.endswith("-2") == link.other.reference.endswith("-2")


def test_scale_makes_plans_for_every_copy(seeded):
    assert CommissioningPlan.objects.count() == 22
    assert NoPlanStatement.objects.count() == 2
    assert Counter(Strategy.objects.values_list("stage", flat=True)) == {
        "analyse": 10, "plan": 8, "do": 8, "review": 6, "archived": 2
    }  # fmt: skip
    for plan in CommissioningPlan.objects.filter(strategy__reference__endswith="-2"):
        assert all(o.strategy_id == plan.strategy_id for o in plan.outcomes.all())
        for service in plan.plannedservices.all():
            assert all(o.strategy_id == plan.strategy_id for o in service.outcomes.all())


def test_scale_must_be_positive():
    with pytest.raises(CommandError):
        seed("--scale", "0")


def test_copies_keep_the_story_consistent(seeded):
    out = StringIO()
    call_command("check_demo", stdout=out)
    assert "one consistent story" in out.getvalue()
