"""The API writes through each app's services, as the pages do: the same functions, so the same rights,
stale-edit protection and history with the person whose token it is."""

from datetime import date
from unittest import mock

import delivery.services
import plans.services

from .api_support import if_match
from .test_api import owner, shared_world, world  # noqa: F401 - the same world as the endpoint tests


def test_a_milestone_changed_through_the_api_is_written_by_the_plan_service(world, owner):  # noqa: F811
    m = world["milestone"]
    url = f"/api/milestones/{m.pk}/"
    with mock.patch.object(plans.services, "update_part", wraps=plans.services.update_part) as update_part:
        response = owner.patch(url, {"status": "met"}, **if_match(owner.get(url)["ETag"]))
    assert response.status_code == 200, response.content
    call = update_part.call_args.kwargs
    assert call["plan"] == world["plan"] and call["acting_user"] == world["people"]["commissioner"]
    assert call["changes"]["status"] == "met" and call["changes"]["title"] == m.title
    assert m.history.latest().history_user == world["people"]["commissioner"]


def test_bulk_actuals_are_recorded_by_the_delivery_service_with_the_caller_in_history(world, owner):  # noqa: F811
    k = world["kpi"]
    rows = [{"kpi": k.pk, "period_end": "2026-06-30", "value": "90"}]
    with mock.patch.object(
        delivery.services, "record_measurements", wraps=delivery.services.record_measurements
    ) as record:
        assert owner.post("/api/measurements/bulk/", {"measurements": rows}).status_code == 200
    assert record.call_args.kwargs["acting_user"] == world["people"]["commissioner"]
    saved = k.measurements.get(period_end=date(2026, 6, 30))
    assert saved.history.get().history_user == world["people"]["commissioner"]


def test_an_actual_corrected_through_the_api_keeps_who_corrected_it(world, owner):  # noqa: F811
    m = world["kpi"].measurements.get()
    url = f"/api/measurements/{m.pk}/"
    with mock.patch.object(
        delivery.services, "correct_measurement", wraps=delivery.services.correct_measurement
    ) as correct:
        response = owner.patch(url, {"note": "Checked"}, **if_match(owner.get(url)["ETag"]))
    assert response.status_code == 200, response.content
    assert correct.call_args.kwargs["measurement_id"] == m.pk
    latest = m.history.latest()
    assert latest.note == "Checked" and latest.history_user == world["people"]["commissioner"]
