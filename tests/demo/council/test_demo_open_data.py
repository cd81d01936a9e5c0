"""Open data (issue 9): the contracts register with the Local Government Transparency Code's fields, checked
field by field for a known demo contract, and the OCDS 1.1 release packages per plan and per contract;
confidential plans and contracts never appear. From the open data page (public) and from the API. Here, not
in tests/api, because it reads the demo council (seeded once for tests/demo)."""

import csv
import io

import pytest
from django.test import Client

from api import opendata
from delivery.models import Contract
from plans.models import CommissioningPlan

pytestmark = [pytest.mark.django_db, pytest.mark.demo_council]

KNOWN = "DCC-CS-01-101"  # the demo council's integrated advocacy contract (CS-01 Safeguarding Adults)


@pytest.fixture
def demo(demo_council):
    return Contract.objects.select_related("strategy__directorate", "plan").get(reference=KNOWN)


def register_rows(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize("url", ["/open-data/contracts.csv", "/api/open-data/contracts.csv"])
def test_the_register_has_the_transparency_code_fields_for_a_known_contract(demo, url):
    rows = {row["Reference"]: row for row in register_rows(Client(), url)}  # no sign-in: it is public
    row = rows[KNOWN]
    assert row == {
        "Reference": KNOWN,
        "Title": "One integrated advocacy contract",
        "Description": "Tender one contract for Care Act advocacy, IMCA and Independent Mental Health Advocacy, "
        "with a single referral route.",
        "Supplier": "Voiceability Demoshire CIC",
        "Supplier registration number": "12345678",
        "SME supplier": "Yes",
        "VCSE supplier": "Yes",
        "Department": "Adult Care and Community Wellbeing",
        "Commissioning strategy": "CS-01",
        "Kind": "Contract",
        "Procurement route": "Open tender",
        "Start date": demo.start_date.isoformat(),
        "End date": demo.end_date.isoformat(),
        "Extension options": "1 + 1 years",
        "Annual value (GBP)": "860000.00",
        "Total value (GBP)": f"{opendata.total_value(demo):.2f}",
    }
    # Three years at £860,000 a year.
    assert 3 * 860000 * 0.99 < float(row["Total value (GBP)"]) < 3 * 860000 * 1.01
    # No in-house agreements; every row a published contract over £5,000.
    published = {c.register_reference for c in opendata.published_contracts()}
    assert set(rows) <= published
    assert not Contract.objects.filter(kind=Contract.Kind.SERVICE_LEVEL, reference__in=rows).exists()


def test_confidential_contracts_and_plans_never_appear(demo):
    client = Client()
    Contract.objects.filter(pk=demo.pk).update(confidential=True, exemption="3")
    assert KNOWN not in {r["Reference"] for r in register_rows(client, "/open-data/contracts.csv")}
    assert client.get(f"/open-data/contracts/{demo.pk}.json").status_code == 404
    assert client.get(f"/api/contracts/{demo.pk}/ocds/").status_code == 404
    package = client.get(f"/open-data/plans/{demo.plan_id}.json").json()
    assert f"contract-{demo.pk}" not in {c["id"] for c in package["releases"][0]["contracts"]}
    assert KNOWN.encode() not in client.get("/open-data/").content

    Contract.objects.filter(pk=demo.pk).update(confidential=False, exemption="")
    CommissioningPlan.objects.filter(pk=demo.plan_id).update(confidential=True, exemption="3")
    assert client.get(f"/open-data/plans/{demo.plan_id}.json").status_code == 404
    assert client.get(f"/api/plans/{demo.plan_id}/ocds/").status_code == 404
    assert client.get(f"/open-data/contracts/{demo.pk}.json").status_code == 404
    assert KNOWN not in {r["Reference"] for r in register_rows(client, "/api/open-data/contracts.csv")}


def test_the_plan_package_is_ocds_1_1_with_planning_tender_award_contract_and_implementation(demo):
    plan = demo.plan
    package = Client().get(f"/open-data/plans/{plan.pk}.json").json()
    assert {"uri", "version", "publishedDate", "publisher", "releases", "license", "extensions"} <= set(
        package
    )
    assert package["version"] == "1.1" and package["publisher"]["name"]
    (release,) = package["releases"]
    assert {"ocid", "id", "date", "tag", "initiationType"} <= set(release)
    assert release["ocid"] == f"ocds-dcc000-plan-{plan.pk}" and release["initiationType"] == "tender"
    assert release["tag"] == ["planning", "tender", "award", "contract", "implementation"]
    planning = release["planning"]
    assert plan.summary in planning["rationale"]
    assert planning["budget"]["amount"] == {"amount": float(plan.current_budget), "currency": "GBP"}
    assert [m["title"] for m in planning["milestones"]] == list(
        plan.milestones.values_list("title", flat=True)
    )
    assert {m["status"] for m in planning["milestones"]} <= {"scheduled", "met", "notMet"}
    assert release["tender"]["procurementMethod"] == "open"
    contract = next(c for c in release["contracts"] if c["id"] == f"contract-{demo.pk}")
    award = next(a for a in release["awards"] if a["id"] == contract["awardID"])
    assert award["suppliers"] == [{"id": f"supplier-{demo.pk}", "name": "Voiceability Demoshire CIC"}]
    assert award["contractPeriod"]["startDate"].startswith(demo.start_date.isoformat())
    assert contract["value"] == {"amount": float(opendata.total_value(demo)), "currency": "GBP"}
    supplier = next(p for p in release["parties"] if p["id"] == f"supplier-{demo.pk}")
    assert supplier["details"] == {"scale": "sme", "vcse": True}
    assert supplier["identifier"] == {"scheme": "GB-COH", "id": "12345678", "legalName": demo.provider}
    metrics = contract["implementation"]["metrics"]
    kpis = list(demo.kpis.prefetch_related("measurements").order_by("pk"))
    assert [m["title"] for m in metrics] == [k.name for k in kpis]
    actuals = [o for o in metrics[0]["observations"] if o["notes"] == "Actual"]
    assert [o["measure"] for o in actuals] == [
        float(x.value) for x in kpis[0].measurements.order_by("period_end")
    ]


def test_the_contract_package_and_the_open_data_page(demo):
    client = Client()
    one = client.get(f"/open-data/contracts/{demo.pk}.json").json()
    (release,) = one["releases"]
    assert [c["id"] for c in release["contracts"]] == [f"contract-{demo.pk}"]
    assert (
        client.get(f"/api/contracts/{demo.pk}/ocds/").json()["releases"][0]["contracts"]
        == release["contracts"]
    )
    page = client.get("/open-data/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/open-data/contracts.csv" in html and f"/open-data/contracts/{demo.pk}.json" in html
