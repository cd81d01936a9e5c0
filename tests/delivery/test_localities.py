"""Results by place: wards and localities as data (loaded from an ONS code list), KPI actuals by locality
beside the council-wide total through the CSV import and the API, and the breakdown (best first, with the gap
between the best and the worst) in the highlight report and the pack, in a fixed number of queries."""

import re
from datetime import date
from decimal import Decimal
from html import unescape
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commissioning import roles
from delivery import selectors, services
from delivery.imports import ImportRefused, import_actuals
from delivery.models import Locality, LocalityMeasurement
from meetings import pack_content
from meetings.models import AgendaItemKind

from .. import factories, matrix
from ..api.api_support import token_client
from .test_delivery import actual, delivering, kpi

Q1 = date(2026, 3, 31)


def _build_world():
    people = {
        "commissioner": factories.user(roles.COMMISSIONER, username="commissioner"),
        "commissioner2": factories.user(roles.COMMISSIONER, username="commissioner2"),
        "councillor": factories.user(roles.COUNCILLOR, username="councillor"),
        "anonymous": None,
    }
    factories.criteria()
    s, _plan = delivering(people["commissioner"])
    k = kpi(s, people["commissioner"])
    actual(k, people["commissioner"], "88", Q1)
    places = [
        Locality.objects.create(code=code, name=name)
        for code, name in [("E05000001", "Boston"), ("E05000002", "Lincoln"), ("E05000003", "The Wolds")]
    ]
    return {"people": people, "strategy": s, "kpi": k, "places": places}


shared_world = matrix.shared_world_fixture(_build_world)


@pytest.fixture
def world(db, shared_world):
    return matrix.fresh(shared_world)


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _csv(text):
    return SimpleUploadedFile("actuals.csv", text.encode(), content_type="text/csv")


def _by_place(k, values, when=Q1, user=None):
    services.record_locality_measurements(
        rows=[
            {"kpi": k, "locality": Locality.objects.get(code=code), "period_end": when, "value": Decimal(v)}
            for code, v in values.items()
        ],
        acting_user=user or k.strategy.accountable_commissioner,
    )


# Loading localities ------------------------------------------------------------------------------------


def test_localities_are_loaded_from_an_ons_code_list(world, tmp_path):
    path = tmp_path / "wards.csv"
    path.write_text(
        "WD24CD,WD24NM,LAD24CD,LAD24NM\n"
        "E05010783,Abbey,E07000136,Boston\n"
        "E05010784,Coastal,E07000136,Boston\n"
        "E05015000,Elsewhere,E07000999,Other\n"
        "E05000001,Boston Central,E07000136,Boston\n",  # a code already loaded: renamed
        encoding="utf-8",
    )
    out = StringIO()
    call_command("load_localities", str(path), "--prefix", "WD24", "--within", "E07000136", stdout=out)
    assert "Loaded 3 localities" in out.getvalue()
    assert Locality.objects.get(code="E05010783").kind == Locality.Kind.WARD
    assert not Locality.objects.filter(code="E05015000").exists()
    assert Locality.objects.get(code="E05000001").name == "Boston Central"


# Recording: the CSV import and the API -----------------------------------------------------------------


def test_the_csv_import_takes_locality_rows_beside_the_total(world):
    k, owner = world["kpi"], world["people"]["commissioner"]
    text = (
        "kpi,period_end,value,locality\n"
        f"{k.name},2026-06-30,90%,\n"
        f"{k.name},2026-06-30,84%,E05000001\n"
        f"{k.name},2026-06-30,95%,lincoln\n"
    )
    totals, by_locality = import_actuals(strategy=world["strategy"], upload=_csv(text), acting_user=owner)
    assert [m.value for m in totals] == [Decimal("90")]
    assert {(m.locality.name, m.value) for m in by_locality} == {
        ("Boston", Decimal("84")),
        ("Lincoln", Decimal("95")),
    }
    assert LocalityMeasurement.history.filter(history_user=owner).count() == 2


def test_a_bad_locality_row_is_reported_by_line_and_nothing_is_saved(world):
    k, owner = world["kpi"], world["people"]["commissioner"]
    text = (
        "kpi,period_end,value,locality\n"
        f"{k.name},2026-06-30,84%,E05000001\n"
        f"{k.name},2026-06-30,85%,Boston\n"
        f"{k.name},2026-06-30,70%,Atlantis\n"
    )
    with pytest.raises(ImportRefused) as refused:
        import_actuals(strategy=world["strategy"], upload=_csv(text), acting_user=owner)
    messages = {p.line: p.message for p in refused.value.problems}
    assert "already on line 2" in messages[3] and "in Boston" in messages[3]
    assert messages[4].startswith("'Atlantis' is not a locality")
    assert not LocalityMeasurement.objects.exists()


def test_the_api_records_an_actual_by_locality_one_at_a_time_and_in_bulk(world):
    k = world["kpi"]
    owner = token_client(world["people"]["commissioner"])
    one = owner.post(
        "/api/measurements/",
        {"kpi": k.pk, "period_end": "2026-06-30", "value": "84", "locality": "e05000001"},
        format="json",
    )
    assert one.status_code == 201, one.content
    assert one.json()["locality"] == "E05000001" and one.json()["locality_name"] == "Boston"
    bulk = owner.post(
        "/api/measurements/bulk/",
        {
            "measurements": [
                {"kpi": k.pk, "period_end": "2026-06-30", "value": "90"},
                {"kpi": k.pk, "period_end": "2026-06-30", "value": "86", "locality": "E05000001"},
                {"kpi": k.pk, "period_end": "2026-06-30", "value": "97", "locality": "E05000002"},
            ]
        },
        format="json",
    )
    assert bulk.status_code == 200, bulk.content
    assert bulk.json()["created"] == 1 and len(bulk.json()["by_locality"]) == 2
    assert LocalityMeasurement.objects.get(locality__code="E05000001").value == Decimal("86")  # corrected
    unknown = owner.post(
        "/api/measurements/bulk/",
        {"measurements": [{"kpi": k.pk, "period_end": "2026-06-30", "value": "1", "locality": "X"}]},
        format="json",
    )
    assert unknown.status_code == 400
    assert unknown.json()["errors"][0]["errors"]["locality"] == ["There is no locality with the code X."]
    for impossible in ("E05\x00001", "E" * 500):  # found by the API's schema fuzzing: a 500, not a 400
        refused_code = owner.post(
            "/api/measurements/bulk/",
            {
                "measurements": [
                    {"kpi": k.pk, "period_end": "2026-06-30", "value": "1", "locality": impossible}
                ]
            },
            format="json",
        )
        assert refused_code.status_code == 400, refused_code.content
    other = token_client(world["people"]["commissioner2"])
    refused = other.post(
        "/api/measurements/",
        {"kpi": k.pk, "period_end": "2026-06-30", "value": "1", "locality": "E05000001"},
        format="json",
    )
    assert refused.status_code == 403


# The breakdown -----------------------------------------------------------------------------------------


def test_the_breakdown_is_best_first_with_the_gap_and_the_latest_period_only(world):
    k = world["kpi"]
    _by_place(k, {"E05000001": "70", "E05000002": "60"}, date(2025, 12, 31))
    _by_place(k, {"E05000001": "82.5", "E05000002": "94", "E05000003": "71"})
    found = selectors.locality_breakdowns([k])[k.pk]
    assert found.period_end == Q1
    assert [(loc.name, text) for loc, _v, text in found.rows] == [
        ("Lincoln", "94%"),
        ("Boston", "82.5%"),
        ("The Wolds", "71%"),
    ]
    assert found.gap == "23%" and found.best.name == "Lincoln" and found.worst.name == "The Wolds"
    k.polarity = "lower"  # lower is better: the order turns round
    assert selectors.locality_breakdowns([k])[k.pk].best.name == "The Wolds"


def test_the_highlight_report_shows_the_breakdown_in_a_fixed_number_of_queries(client, world):
    k, owner = world["kpi"], world["people"]["commissioner"]
    _by_place(k, {"E05000001": "82", "E05000002": "94"})
    client.force_login(world["people"]["councillor"])
    url = reverse("delivery:strategy-highlight", args=[world["strategy"].pk])
    client.get(url)

    def read():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        return response, len(captured)

    response, small = read()
    page = _text(response.content.decode())
    assert "Results by locality" in page
    assert "Gap between the best (Lincoln) and the worst (Boston): 12%" in page
    for n in range(19):  # 20 KPIs reported by place
        more = kpi(world["strategy"], owner, name=f"KPI {n}")
        actual(more, owner, "80", Q1)
        _by_place(more, {"E05000001": "70", "E05000003": "75"})
    response, large = read()
    assert response.status_code == 200 and large == small


def test_the_pack_shows_the_breakdown(world):
    k = world["kpi"]
    _by_place(k, {"E05000001": "82", "E05000002": "94", "E05000003": "90"})
    meeting = factories.meeting(board=factories.board())
    item = factories.agenda_item(meeting, AgendaItemKind.HIGHLIGHT, strategy=world["strategy"])
    report = pack_content.gather(meeting, [item])[item.pk]
    page = _text(render_to_string(report.template, report.context))
    assert "Gap between the best (Lincoln) and the worst (Boston): 12%" in page
    assert "Lincoln (best) 94%" in page
