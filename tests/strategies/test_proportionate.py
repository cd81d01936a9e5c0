"""Proportionate requirements (strategies.proportionality): a checklist item with a threshold applies from an
annual value, to key projects and where a statutory service is planned; below it the item may be marked not
required with a reason, which the checklist and the lifecycle then respect; the checklist says why each item
applies; the page and its rights."""

from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from commissioning import roles
from plans.models import CommissioningPlan, PlannedService
from strategies import checklist, proportionality, services
from strategies.models import ChecklistWaiver, Interdependency, StartingPositionItem, Strategy

from .. import factories, matrix


def _build_world():
    import_module("strategies.migrations.0009_checklist_thresholds").add(apps, None)  # flushed by some tests
    people = {
        "commissioner": factories.user(roles.COMMISSIONER, username="commissioner"),
        "commissioner2": factories.user(roles.COMMISSIONER, username="commissioner2"),
        "councillor": factories.user(roles.COUNCILLOR, username="councillor"),
        "anonymous": None,
    }
    big = factories.complete_analyse(
        factories.strategy(commissioner=people["commissioner"], title="Big"), approved=False
    )
    small = factories.complete_analyse(
        factories.strategy(commissioner=people["commissioner"], title="Small"), approved=False
    )
    StartingPositionItem.objects.filter(strategy=small).update(annual_cost=Decimal("95000"))
    return {"people": people, "big": big, "small": small}


shared_world = matrix.shared_world_fixture(_build_world)


@pytest.fixture
def world(db, shared_world):
    return matrix.fresh(shared_world)


def _item(strategy, key):
    return next(i for i in checklist.build(Strategy.objects.get(pk=strategy.pk)) if i.key == key)


def test_the_checklist_says_why_each_item_applies(world):
    assert _item(world["big"], "outcomes").why == "Required of every strategy."
    big = _item(world["big"], "interdependencies")
    assert big.why == "Applies because its annual value of £1,200,000 is at least £500,000."
    assert not big.waivable
    small = _item(world["small"], "interdependencies")
    assert small.waivable and small.required
    assert small.why.startswith(
        "The strategy is below its threshold (an annual value of £500,000 or more or a key project or a "
        "statutory service): it may be marked not required"
    )


def test_an_item_that_applies_cannot_be_marked_not_required(world):
    with pytest.raises(ValidationError, match="Interdependencies with other strategies cannot be marked"):
        services.mark_not_required(
            strategy=world["big"],
            item="interdependencies",
            reason="Small",
            acting_user=world["people"]["commissioner"],
        )
    assert not ChecklistWaiver.objects.exists()


def test_below_the_threshold_an_item_marked_not_required_no_longer_holds_the_strategy_back(world):
    s, person = world["small"], world["people"]["commissioner"]
    Interdependency.objects.filter(strategy=s).delete()
    assert "interdependencies" in [i.key for i in checklist.missing(Strategy.objects.get(pk=s.pk))]
    services.mark_not_required(
        strategy=s, item="interdependencies", reason="A single small contract.", acting_user=person
    )
    item = _item(s, "interdependencies")
    assert item.status == "not required"
    assert item.why.startswith("Not required: A single small contract. (the strategy is below its threshold")
    assert "interdependencies" not in [i.key for i in checklist.missing(Strategy.objects.get(pk=s.pk))]
    assert ChecklistWaiver.history.filter(history_user=person).count() == 1
    services.mark_required(strategy=s, item="interdependencies", acting_user=person)
    assert _item(s, "interdependencies").required


def test_a_statutory_service_makes_the_item_apply_whatever_the_value(world):
    s = world["small"]
    plan = CommissioningPlan.objects.create(strategy=s, cycle=s.cycle, title="Plan")
    PlannedService.objects.create(plan=plan, name="Carers' assessments", priority="statutory")
    assert _item(s, "interdependencies").why == "Applies because it plans a statutory service."


def test_the_page_to_mark_an_item_not_required(client, world):
    s = world["small"]
    url = reverse("strategies:not-required", args=[s.pk, "interdependencies"])
    client.force_login(world["people"]["commissioner2"])
    assert client.get(url).status_code == 403
    client.force_login(world["people"]["councillor"])
    assert client.post(url, {"reason": "x"}).status_code == 403
    client.force_login(world["people"]["commissioner"])
    assert client.get(url).status_code == 200
    empty = client.post(url, {"reason": "  ", "action": "not-required"})
    assert empty.status_code == 400, empty.content
    assert "Enter the reason this item is not required" in empty.content.decode(), empty.context[
        "form"
    ].errors
    assert not ChecklistWaiver.objects.exists()
    assert client.post(url, {"reason": "One small contract.", "action": "not-required"}).status_code == 302
    detail = client.get(s.get_absolute_url()).content.decode()
    assert "Not required: One small contract." in detail
    assert client.post(url, {"action": "required"}).status_code == 302
    assert not ChecklistWaiver.objects.exists()
    big = reverse("strategies:not-required", args=[world["big"].pk, "interdependencies"])
    refused = client.post(big, {"reason": "Small really", "action": "not-required"})
    assert refused.status_code == 400 and "cannot be marked not required" in refused.content.decode()
    assert client.get(reverse("strategies:not-required", args=[s.pk, "nothing"])).status_code == 404


def test_the_checklists_of_many_strategies_are_made_proportionate_in_a_fixed_number_of_queries(
    world, django_assert_max_num_queries
):
    strategies = list(Strategy.objects.all())
    with django_assert_max_num_queries(12):
        proportionality.load(strategies)
    assert all(s._proportion.thresholds for s in strategies)
