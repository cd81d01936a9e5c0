"""A strategy's KPIs and their actuals, and one KPI's actuals, as CSV (issue 23, commissioning.csvexport):
one row per actual, the page's rights (a confidential commercial model's KPI term withheld as on the
highlight report; another strategy's KPIs absent), and every cell a spreadsheet would run as a formula
neutralised."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from delivery.models import Kpi, Measurement
from plans.models import CommissioningPlan, ContractKpi

pytestmark = pytest.mark.django_db

HEADER = [
    "KPI", "Strategy", "Outcome it measures", "Better when", "Target", "Unit", "Period ending", "Actual",
    "Status", "Direction of travel", "Note", "Contract", "Link",
]  # fmt: skip
WITHHELD = "Confidential (exempt information, withheld)"


def rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    return list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))


def make_kpi(strategy, name, actuals=(), **fields) -> Kpi:
    kpi = Kpi.objects.create(
        strategy=strategy, name=name, target=Decimal("90"), polarity="higher", tolerance=Decimal("0"), unit="%",
        **fields,
    )  # fmt: skip
    for i, (value, note) in enumerate(actuals):
        Measurement.objects.create(
            kpi=kpi,
            period_end=date(2025, i + 1, 28),
            value=Decimal(value),
            note=note,
            recorded_by=strategy.accountable_commissioner,
        )
    return kpi


@pytest.fixture
def kpis(own_strategy, other_strategy):
    plan = CommissioningPlan.objects.create(
        strategy=own_strategy, cycle=own_strategy.cycle, title="Plan", confidential=True, exemption="3"
    )
    term = ContractKpi.objects.create(plan=plan, name="Seen", measurement="Monthly", target="90%")
    seen = make_kpi(
        own_strategy, "=Families seen", [("80", "@SUM(1)"), ("92", "")], contract_kpi=term
    )  # a formula in its name and note
    make_kpi(own_strategy, "Calls answered")
    make_kpi(other_strategy, "Potholes fixed", [("50", "")])
    return seen


def test_a_strategys_kpis_and_actuals(client, commissioner, councillor, own_strategy, kpis):
    client.force_login(councillor)  # reads the strategy, but not its confidential plan
    url = reverse("delivery:strategy", args=[own_strategy.pk])
    assert 'href="?format=csv"' in client.get(url).content.decode()
    found = rows(client.get(url, {"format": "csv"}))
    assert found[0] == HEADER
    assert [(r[0], r[6], r[7], r[8], r[9], r[10]) for r in found[1:]] == [
        ("'=Families seen", "2025-01-28", "80.00", "Not achieved", "First period", "'@SUM(1)"),
        ("'=Families seen", "2025-02-28", "92.00", "Achieved", "Improving", ""),
        ("Calls answered", "", "", "No actual yet", "", ""),
    ]  # one row per actual, neutralised; "Potholes fixed" (another strategy's) absent
    assert {r[11] for r in found[1:3]} == {WITHHELD}
    client.force_login(commissioner)  # the strategy's commissioner reads the plan: not withheld
    assert WITHHELD not in client.get(url, {"format": "csv"}).content.decode()


def test_one_kpis_actuals(client, councillor, own_strategy, kpis):
    client.force_login(councillor)
    url = reverse("delivery:kpi", args=[kpis.pk])
    assert 'href="?format=csv"' in client.get(url).content.decode()
    found = rows(client.get(url, {"format": "csv"}))
    assert found[0] == HEADER and [r[7] for r in found[1:]] == ["80.00", "92.00"]
    assert found[1][12].endswith(url)


def test_strangers_are_asked_to_sign_in(client, own_strategy, kpis):
    for url in (
        reverse("delivery:strategy", args=[own_strategy.pk]),
        reverse("delivery:kpi", args=[kpis.pk]),
    ):
        response = client.get(url, {"format": "csv"})
        assert response.status_code == 302 and reverse("login") in response["Location"]
