"""The council plan and the national outcome frameworks: priorities and indicators as data, outcomes and
KPIs linked to them, the council plan page (what serves each priority, and the priorities nothing serves)
with constant queries, and approvals taken before the links keep their hash."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commissioning import roles
from delivery.models import Kpi, Measurement
from members import snapshots
from strategies.models import CouncilPriority, FrameworkIndicator, Outcome, OutcomeFramework, Stage, Strategy

from .. import factories, matrix

URL = "delivery:council-plan"


def _served_strategy(commissioner, title, priority, indicator=None, stage=Stage.DO):
    s = factories.strategy(commissioner=commissioner, title=title)
    Strategy.objects.filter(pk=s.pk).update(stage=stage)
    outcome = Outcome.objects.create(strategy=s, title=f"{title}: people are well")
    outcome.priorities.add(priority)
    if indicator:
        outcome.indicators.add(indicator)
    kpi = Kpi.objects.create(
        strategy=s,
        name=f"{title} KPI",
        outcome=outcome,
        indicator=indicator,
        target=Decimal(80),
        polarity="higher",
    )
    Measurement.objects.create(
        kpi=kpi, period_end=date(2026, 3, 31), value=Decimal(85), recorded_by=commissioner
    )
    return s


def _build_world():
    people = {
        "commissioner": factories.user(roles.COMMISSIONER, username="commissioner"),
        "councillor": factories.user(roles.COUNCILLOR, username="councillor"),
        "anonymous": None,
    }
    independent = CouncilPriority.objects.create(reference="CP1", title="People live independently", order=1)
    CouncilPriority.objects.create(reference="CP2", title="Everyone can get online", order=2)
    green = CouncilPriority.objects.create(reference="CP3", title="A greener county", order=3)
    ascof = OutcomeFramework.objects.create(code="ASCOF", name="Adult Social Care Outcomes Framework")
    carers = FrameworkIndicator.objects.create(
        framework=ascof, code="1D", name="Carer-reported quality of life", domain="Quality of life"
    )
    commissioner = people["commissioner"]
    served = _served_strategy(commissioner, "Carers", independent, carers)
    # Only an archived strategy serves CP3: it counts as served by nothing.
    _served_strategy(commissioner, "Old green", green, stage=Stage.ARCHIVED)
    return {"people": people, "served": served, "priority": independent, "indicator": carers}


shared_world = matrix.shared_world_fixture(_build_world)


@pytest.fixture
def world(db, shared_world):
    return matrix.fresh(shared_world)


@pytest.mark.parametrize("role", ["commissioner", "councillor", "anonymous"])
def test_everyone_signed_in_reads_the_council_plan(client, world, role):
    response = matrix.as_person(client, world["people"][role]).get(reverse(URL))
    if role == "anonymous":
        assert matrix.refused_to_anonymous(response)
    else:
        assert response.status_code == 200


def test_each_priority_with_what_serves_it_and_the_priorities_nothing_serves(client, world):
    client.force_login(world["people"]["councillor"])
    page = client.get(reverse(URL)).content.decode()
    assert "2 priorities no strategy serves: CP2 Everyone can get online; CP3 A greener county." in page
    assert "Carers: people are well" in page and "Carers KPI" in page and "Achieved" in page
    assert "ASCOF 1D" in page  # the KPI is the local measure of the indicator
    assert "Old green" not in page


def test_the_page_reads_a_fixed_number_of_queries(client, world):
    client.force_login(world["people"]["councillor"])
    client.get(reverse(URL))  # the session and the user, read once

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(URL)).status_code == 200
        return len(captured)

    small = queries()
    extra = CouncilPriority.objects.create(reference="CP9", title="More", order=9)
    for n in range(19):  # scale 20
        _served_strategy(world["people"]["commissioner"], f"Strategy {n}", extra, world["indicator"])
    assert queries() == small


def test_an_outcome_is_linked_on_its_page(client, world):
    s = world["served"]
    client.force_login(world["people"]["commissioner"])
    response = client.post(
        reverse("strategies:section", args=[s.pk, "outcomes"]),
        {
            "title": "Carers have a life alongside caring",
            "priorities": [world["priority"].pk],
            "indicators": [world["indicator"].pk],
            "seen_version": "1",
        },
    )
    assert response.status_code == 302
    outcome = Outcome.objects.get(title="Carers have a life alongside caring")
    assert list(outcome.priorities.all()) == [world["priority"]]
    assert list(outcome.indicators.all()) == [world["indicator"]]


def test_links_enter_the_snapshot_only_once_made(world):
    s = world["served"]
    outcome = s.outcomes.get()
    fields = dict(snapshots.of_outcomes(s)["sections"][2]["items"][0]["fields"])
    assert fields["Council plan priorities"] == "CP1 People live independently"
    outcome.priorities.clear()
    outcome.indicators.clear()
    fields = dict(snapshots.of_outcomes(Strategy.objects.get(pk=s.pk))["sections"][2]["items"][0]["fields"])
    assert "Council plan priorities" not in fields and "National outcome framework indicators" not in fields
