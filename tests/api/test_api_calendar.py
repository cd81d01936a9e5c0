"""Issue 15 item 1 through the API: an actual for a period that has not ended, or off the KPI's reporting
calendar, is a 400 naming the field (one actual), the row (bulk) or the line (CSV import), and saves nothing;
the CSV import lists the first 100 problems and counts the rest (issue 16)."""

from delivery.models import Measurement

from .test_api import owner, shared_world, world  # noqa: F401 - the same world as the endpoint tests


def test_one_actual_for_a_future_or_off_calendar_period_is_400_naming_the_field(world, owner):  # noqa: F811
    k = world["kpi"]  # reported quarterly
    before = list(Measurement.objects.values_list("pk", "value"))
    future = owner.post("/api/measurements/", {"kpi": k.pk, "period_end": "2030-12-31", "value": "90"})
    assert future.status_code == 400
    assert future.json()["period_end"] == [
        "Period 2030-12-31 has not ended yet: record an actual once its period has ended"
    ]
    off = owner.post("/api/measurements/", {"kpi": k.pk, "period_end": "2026-05-15", "value": "90"})
    assert off.status_code == 400
    assert off.json()["period_end"][0].startswith(
        "Period 2026-05-15 is not a quarter end for this quarterly KPI"
    )
    ancient = owner.post("/api/measurements/", {"kpi": k.pk, "period_end": "1899-03-31", "value": "90"})
    assert ancient.status_code == 400
    assert ancient.json()["period_end"] == ["The period end must be on or after 1 January 1990"]
    assert list(Measurement.objects.values_list("pk", "value")) == before


def test_bulk_names_each_row_whose_period_is_wrong(world, owner):  # noqa: F811
    k = world["kpi"]
    rows = [
        {"kpi": k.pk, "period_end": "2026-09-30", "value": "90"},
        {"kpi": k.pk, "period_end": "2030-12-31", "value": "90"},
        {"kpi": k.pk, "period_end": "2026-08-31", "value": "90"},
    ]
    response = owner.post("/api/measurements/bulk/", {"measurements": rows})
    assert response.status_code == 400
    errors = {e["index"]: e["errors"] for e in response.json()["errors"]}
    assert set(errors) == {1, 2}
    assert errors[1]["period_end"][0].startswith("Period 2030-12-31 has not ended yet")
    assert errors[2]["period_end"][0].startswith("Period 2026-08-31 is not a quarter end")
    assert not k.measurements.filter(period_end="2026-09-30").exists()


def test_the_csv_import_names_the_lines_and_counts_problems_past_a_hundred(world, owner):  # noqa: F811
    k = world["kpi"]
    url = f"/api/strategies/{world['strategy'].pk}/actuals/"
    lines = "".join(f"{k.pk},{2000 + i // 12}-{1 + i % 12:02d}-15,90\n" for i in range(130))
    body = f"kpi,period_end,value\n{k.pk},2030-12-31,90\n{k.pk},2026-06-30,{'9' * 27}\n" + lines
    response = owner.post(url, body.encode(), content_type="text/csv")
    assert response.status_code == 400
    found = response.json()
    assert found["more_problems"] == 32 and len(found["problems"]) == 100
    assert found["problems"][0] == {
        "line": 2,
        "message": "Period 2030-12-31 has not ended yet: record an actual once its period has ended",
    }
    assert found["problems"][1]["line"] == 3 and "is too large" in found["problems"][1]["message"]
    assert found["problems"][2]["message"].startswith("Period 2000-01-15 is not a quarter end")
