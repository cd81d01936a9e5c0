"""The REST API (issue 9): every resource and action, refusals in the pages' own words, ETag and If-Match,
bulk actuals (all or nothing, every bad row), the CSV import, personal tokens (created, hashed, revoked,
expired, rate-limited) and the profile page where people manage them.

The world is built once for the module (tests/matrix.py): the commissioner's strategy in Do with an approved
plan, a grant to a charity, a KPI with an actual and a gateway review; commissioner2's strategy in Analyse."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import ApiToken, digest
from delivery.models import Contract, Measurement
from gateway.models import Area, AreaFinding, GatewayReview, ReviewAction
from strategies import lifecycle
from strategies.models import Stage, Strategy

from .. import factories, matrix
from ..delivery.test_delivery import actual, contract, delivering, kpi, reload
from .api_support import if_match, throttle_rates, token_client


def _build_world():
    p = matrix.people()
    owner = p["commissioner"]
    s, plan = delivering(owner)
    other = factories.strategy(commissioner=p["commissioner2"], title="Protecting the public")
    grant = contract(
        s, plan, owner, kind=Contract.Kind.GRANT, sector=Contract.Sector.VOLUNTARY, provider="Home-Start"
    )
    k = kpi(s, owner, contract=grant)
    actual(k, owner, "88", period_end=date(2026, 3, 31))
    review = GatewayReview.objects.create(
        strategy=s, cycle=s.cycle, scheduled_for=timezone.localdate(), scheduled_by=p["gateway"]
    )
    AreaFinding.objects.create(
        review=review, area=Area.values[0], rating="assured", comments="Clear objectives."
    )
    action = ReviewAction.objects.create(
        review=review, description="Benchmark costs", owner=owner, due_date=timezone.localdate()
    )
    return {
        "people": p,
        "strategy": reload(s),
        "other": other,
        "plan": plan,
        "contract": reload(grant),
        "kpi": reload(k),
        "milestone": plan.milestones.first(),
        "risk": plan.risks.first(),
        "review": review,
        "action": action,
    }


shared_world = matrix.shared_world_fixture(_build_world)


@pytest.fixture
def world(db, shared_world):
    cache.clear()  # the rate limits' counts
    return matrix.fresh(shared_world)


@pytest.fixture
def owner(world):
    return token_client(world["people"]["commissioner"])


# Reading -------------------------------------------------------------------------------------------------


def list_urls(w):
    return {
        "strategies": ("/api/strategies/", {"stage": "do"}, w["strategy"].pk),
        "plans": ("/api/plans/", {"strategy": w["strategy"].pk}, w["plan"].pk),
        "milestones": ("/api/milestones/", {"plan": w["plan"].pk}, w["milestone"].pk),
        "risks": ("/api/risks/", {"strategy": w["strategy"].pk}, w["risk"].pk),
        "contracts": ("/api/contracts/", {"sector": "voluntary"}, w["contract"].pk),
        "kpis": ("/api/kpis/", {"contract": w["contract"].pk}, w["kpi"].pk),
        "measurements": ("/api/measurements/", {"kpi": w["kpi"].pk}, w["kpi"].measurements.get().pk),
        "gateway-reviews": ("/api/gateway-reviews/", {"strategy": w["strategy"].pk}, w["review"].pk),
        "gateway-actions": ("/api/gateway-actions/", {"status": "open"}, w["action"].pk),
        "decisions": ("/api/decisions/", {"strategy": w["strategy"].pk}, None),
    }


@pytest.mark.parametrize(
    "resource",
    ["strategies", "plans", "milestones", "risks", "contracts", "kpis", "measurements", "gateway-reviews",
     "gateway-actions", "decisions"],
)  # fmt: skip
def test_every_resource_lists_filters_pages_and_reads_one(world, owner, resource):
    url, query, pk = list_urls(world)[resource]
    page = owner.get(url, query)
    assert page.status_code == 200, page.content
    body = page.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] >= 1
    one = body["results"][0]
    if pk is not None:
        assert pk in [r["id"] for r in body["results"]]
    detail = owner.get(f"{url}{pk or one['id']}/")
    assert detail.status_code == 200
    assert detail.json()["id"] == (pk or one["id"])
    assert owner.get(f"{url}999999/").status_code == 404
    assert owner.get(url, {"page_size": 1}).json()["results"].__len__() == 1


def test_filters_narrow_and_bad_filters_are_400(world, owner):
    w = world
    in_analyse = owner.get("/api/strategies/", {"stage": "analyse"}).json()
    assert in_analyse["count"] == Strategy.objects.filter(stage="analyse").count() >= 1
    assert {r["stage"] for r in in_analyse["results"]} == {"analyse"}
    assert owner.get("/api/strategies/", {"q": "public"}).json()["results"][0]["id"] == w["other"].pk
    mine = owner.get("/api/strategies/", {"commissioner": w["people"]["commissioner2"].pk}).json()
    assert [r["id"] for r in mine["results"]] == [w["other"].pk]
    assert owner.get("/api/contracts/", {"sector": "private"}).json()["count"] == 0
    bad = owner.get("/api/strategies/", {"stage": "nonsense"})
    assert bad.status_code == 400 and "stage" in bad.json()
    assert owner.get("/api/measurements/", {"period_after": "not a date"}).status_code == 400
    assert owner.get("/api/strategies/", {"page": 99}).status_code == 404


def test_strategy_detail_has_outcomes_checklist_moves_and_an_etag(world, owner):
    s = world["strategy"]
    response = owner.get(f"/api/strategies/{s.pk}/")
    body = response.json()
    assert response["ETag"] == f'"{s.version}-do"'
    assert body["stage"] == "do" and body["may_edit"] is True
    assert body["outcomes"] and body["outcomes"][0]["title"]
    assert body["checklist_complete"] is True and {i["status"] for i in body["checklist"]} <= {
        "complete",
        "not required",
    }
    moves = {t["name"]: t for t in body["transitions"]}
    assert set(moves) == {"start_review", "archive"}
    assert moves["archive"]["needs_note"] is True


def test_plan_detail_has_services_appraisals_commercial_model_and_checklist(world, owner):
    body = owner.get(f"/api/plans/{world['plan'].pk}/").json()
    assert len(body["services"]) == 2
    appraisal = body["appraisals"][0]
    adopted = [o for o in appraisal["options"] if o["adopted"]]
    assert len(adopted) == 1 and adopted[0]["id"] == appraisal["adopted_option"]
    assert adopted[0]["rank"] == 1 and Decimal(adopted[0]["score"]) == Decimal("80.0")
    assert body["commercial_model"]["payment_mechanism"] == "mixed"
    assert body["contract_kpis"][0]["payment_deduction"]
    assert len(body["milestones"]) == 2 and body["risks"][0]["score"] == 12
    assert all(item["done"] for item in body["checklist"] if item["required"])


def test_kpi_shows_its_status_and_direction_computed(world, owner):
    k = world["kpi"]
    actual(k, world["people"]["commissioner"], "80", period_end=date(2026, 6, 30))
    body = owner.get(f"/api/kpis/{k.pk}/").json()
    assert body["latest"] == {"period_end": "2026-06-30", "value": "80.00"}
    assert (body["status"], body["direction"]) == ("not_achieved", "worsening")


def test_anonymous_is_401_with_a_bearer_challenge(world):
    response = APIClient().get("/api/strategies/")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Bearer"


# Moving a strategy ----------------------------------------------------------------------------------------


def test_a_refused_move_is_409_with_every_reason_the_page_gives(world):
    other, owner2 = world["other"], world["people"]["commissioner2"]
    expected = lifecycle.refusal_reasons(other, "start_planning")
    assert len(expected) > 3  # an empty strategy misses many checklist items, and the approval
    response = token_client(owner2).post(f"/api/strategies/{other.pk}/transitions/start_planning/", {})
    assert response.status_code == 409
    assert response.json()["reasons"] == expected
    # Each reason with where it is fixed (issue 23): the checklist item's section, the approvals page.
    refusals = response.json()["refusals"]
    assert [r["reason"] for r in refusals] == expected
    assert all(r["fix_url"].startswith("http://testserver/") for r in refusals)
    assert {r["part"] for r in refusals} == {"Analyse content", "Approvals"}
    summary = next(r for r in refusals if r["reason"].startswith("Summary of findings"))
    assert summary["fix_url"].endswith(
        reverse("strategies:section", args=[other.pk, "findings"]) + "#id_summary_of_findings"
    )
    page = Client()
    page.force_login(owner2)
    ui = page.post(
        reverse("strategies:transition", args=[other.pk, "start_planning"]), {"expected_stage": "analyse"}
    )
    assert ui.status_code == 409
    shown = [r for _, reasons in ui.context["reason_groups"] for r in reasons]
    assert [r["text"] for r in shown] == expected
    assert [r["href"] for r in shown] == [r["fix_url"].removeprefix("http://testserver") for r in refusals]
    assert reload(other).stage == Stage.ANALYSE


def test_a_move_is_made_with_its_reason_and_a_new_etag(world, owner):
    s = world["strategy"]
    url = f"/api/strategies/{s.pk}/transitions/archive/"
    missing = owner.post(url, {})
    assert missing.status_code == 400 and missing.json()["note"] == ["Enter the reason"]
    stale = owner.post(url, {"note": "Merged"}, **if_match('"1-analyse"'))
    assert stale.status_code == 412
    done = owner.post(url, {"note": "Merged into CS-02"}, **if_match(f'"{s.version}-do"'))
    assert done.status_code == 200, done.content
    assert done.json()["target"] == "archived" and done["ETag"] == f'"{s.version}-archived"'
    assert reload(s).transitions.first().note == "Merged into CS-02"
    again = owner.post(url, {"note": "Again", "expected_stage": "do"})
    assert again.status_code == 403  # archived: nobody changes it, as the page says
    assert "archived" in again.json()["detail"]


def test_a_move_someone_else_made_first_is_409(world, owner):
    s = world["strategy"]
    response = owner.post(
        f"/api/strategies/{s.pk}/transitions/archive/", {"note": "Merged", "expected_stage": "plan"}
    )
    assert response.status_code == 409
    assert "already moved from Plan to Do" in response.json()["reasons"][0]


def test_an_unknown_move_is_404_and_one_from_another_stage_409(world, owner):
    s = world["strategy"]
    assert owner.post(f"/api/strategies/{s.pk}/transitions/fly_away/", {}).status_code == 404
    wrong = owner.post(f"/api/strategies/{s.pk}/transitions/start_planning/", {})
    assert wrong.status_code == 409 and wrong.json()["reasons"] == ["A strategy in Do cannot do that."]


# Milestones and risks: If-Match ----------------------------------------------------------------------------


def test_a_milestone_is_changed_with_if_match_and_kept_in_history(world, owner):
    m = world["milestone"]
    url = f"/api/milestones/{m.pk}/"
    read = owner.get(url)
    assert read["ETag"] == f'"{m.version}"'
    response = owner.patch(url, {"status": "met"}, **if_match(read["ETag"]))
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "met" and response["ETag"] == f'"{m.version + 1}"'
    saved = reload(m)
    assert saved.status == "met" and saved.title == m.title
    assert saved.history.first().history_user == world["people"]["commissioner"]


def test_a_stale_if_match_is_412_with_what_changed_and_saves_nothing(world, owner):
    m = world["milestone"]
    url = f"/api/milestones/{m.pk}/"
    first = owner.get(url)["ETag"]
    assert owner.patch(url, {"owner": "Head of Service"}, **if_match(first)).status_code == 200
    stale = owner.patch(url, {"status": "missed"}, **if_match(first))
    assert stale.status_code == 412
    body = stale.json()
    assert body["current_etag"] == stale["ETag"] == f'"{m.version + 1}"'
    assert body["changes"] == [{"field": "Owner", "before": m.owner, "after": "Head of Service"}]
    assert body["changed_by"] == str(world["people"]["commissioner"])
    assert reload(m).status == m.status


def test_an_update_without_if_match_is_428(world, owner):
    response = owner.patch(f"/api/risks/{world['risk'].pk}/", {"status": "closed"})
    assert response.status_code == 428 and "If-Match" in response.json()["detail"]
    bad = owner.patch(f"/api/risks/{world['risk'].pk}/", {"status": "closed"}, **if_match("3"))
    assert bad.status_code == 400


def test_a_risk_is_rescored_and_the_forms_rules_apply(world, owner):
    r = world["risk"]
    url = f"/api/risks/{r.pk}/"
    tag = owner.get(url)["ETag"]
    bad = owner.patch(url, {"likelihood": 7, "review_date": "31/02/2026"}, **if_match(tag))
    assert bad.status_code == 400 and {"likelihood", "review_date"} <= set(bad.json())
    put_missing = owner.put(url, {"likelihood": 2}, **if_match(tag))
    assert put_missing.status_code == 400 and "description" in put_missing.json()
    done = owner.patch(url, {"likelihood": 2, "impact": 2}, **if_match(tag))
    assert done.status_code == 200 and done.json()["score"] == 4 and done.json()["rating"] == "Low"


def test_plans_are_changed_only_in_plan_or_do(world, owner):
    Strategy.objects.filter(pk=world["strategy"].pk).update(stage=Stage.REVIEW)
    m = world["milestone"]
    response = owner.patch(f"/api/milestones/{m.pk}/", {"status": "met"}, **if_match(f'"{m.version}"'))
    assert response.status_code == 403
    assert response.json()["detail"] == "Plans can be changed while the strategy is in Plan or Do."


# Actuals ------------------------------------------------------------------------------------------------


def test_recording_an_actual_then_correcting_it(world, owner):
    k = world["kpi"]
    new = owner.post(
        "/api/measurements/", {"kpi": k.pk, "period_end": "2026-06-30", "value": "91.5", "note": "Q1"}
    )
    assert new.status_code == 201, new.content
    assert new.json()["value"] == "91.50" and new.json()["recorded_by"]["username"] == "commissioner"
    again = owner.post("/api/measurements/", {"kpi": k.pk, "period_end": "2026-06-30", "value": 92})
    assert again.status_code == 200 and again.json()["id"] == new.json()["id"]
    m = Measurement.objects.get(pk=new.json()["id"])
    assert m.value == Decimal("92.00") and m.history.count() == 2


@pytest.mark.parametrize(
    "body,field",
    [
        ({"period_end": "2026-06-30", "value": 1}, "kpi"),
        ({"kpi": 999999, "period_end": "2026-06-30", "value": 1}, "kpi"),
        ({"kpi": "KPI", "period_end": "2026-06-30", "value": 1}, "kpi"),
        ({"period_end": "30/06/2026", "value": 1}, "period_end"),
        ({"period_end": "2026-06-30", "value": "lots"}, "value"),
        ({"period_end": "2026-06-30", "value": 10**13}, "value"),
        ({"period_end": "2026-06-30", "value": 1, "note": "x" * 301}, "note"),
    ],
)
def test_a_bad_actual_is_400_for_the_field(world, owner, body, field):
    body = {"kpi": world["kpi"].pk, **body} if "kpi" not in body and field != "kpi" else body
    response = owner.post("/api/measurements/", body)
    assert response.status_code == 400 and field in response.json(), response.content
    assert world["kpi"].measurements.count() == 1


def test_correcting_an_actual_needs_the_current_etag(world, owner):
    m = world["kpi"].measurements.get()
    url = f"/api/measurements/{m.pk}/"
    tag = owner.get(url)["ETag"]
    assert owner.patch(url, {"value": "89"}).status_code == 428
    done = owner.patch(url, {"value": "89"}, **if_match(tag))
    assert done.status_code == 200 and done.json()["value"] == "89.00" and done["ETag"] != tag
    stale = owner.patch(url, {"value": "90"}, **if_match(tag))
    assert stale.status_code == 412 and stale.json()["current_etag"] == done["ETag"]
    assert reload(m).value == Decimal("89.00")


def test_bulk_actuals_all_or_nothing(world, owner):
    k = world["kpi"]
    rows = [
        {"kpi": k.pk, "period_end": "2026-06-30", "value": "90"},
        {"kpi": k.pk, "period_end": "2026-03-31", "value": "87", "note": "Corrected"},
    ]
    done = owner.post("/api/measurements/bulk/", {"measurements": rows})
    assert done.status_code == 200, done.content
    assert (done.json()["created"], done.json()["corrected"]) == (1, 1)
    assert k.measurements.get(period_end=date(2026, 3, 31)).note == "Corrected"


def test_bulk_with_a_bad_row_saves_nothing_and_names_every_bad_row(world, owner):
    k = world["kpi"]
    rows = [
        {"kpi": k.pk, "period_end": "2026-09-30", "value": "90"},
        {"kpi": k.pk, "period_end": "not a date", "value": "90"},
        {"kpi": 999999, "period_end": "2026-09-30", "value": "90"},
        {"kpi": k.pk, "period_end": "2026-09-30", "value": "91"},
        "not an object",
    ]
    before = list(Measurement.objects.values_list("pk", "value"))
    response = owner.post("/api/measurements/bulk/", {"measurements": rows})
    assert response.status_code == 400
    body = response.json()
    assert "nothing was saved" in body["detail"]
    errors = {e["index"]: e["errors"] for e in body["errors"]}
    assert set(errors) == {1, 2, 3, 4}
    assert "period_end" in errors[1] and errors[2] == {"kpi": ["There is no KPI with id 999999."]}
    assert "already at index 0" in errors[3]["period_end"][0]
    assert "Expected a dictionary" in errors[4]["non_field_errors"][0]
    assert list(Measurement.objects.values_list("pk", "value")) == before


@pytest.mark.parametrize(
    "body", [{}, {"measurements": []}, {"measurements": "x"}, [1, 2], {"measurements": [{}] * 1001}]
)
def test_a_bulk_request_that_is_not_a_list_of_rows_is_400(world, owner, body):
    response = owner.post("/api/measurements/bulk/", body)
    assert response.status_code == 400 and "measurements" in response.json()


def test_bulk_rows_of_another_commissioners_kpi_are_403(world, owner):
    w = world
    other_owner = w["people"]["commissioner2"]
    s2, _ = delivering(other_owner, title="Protecting the public, delivered")
    theirs = kpi(s2, other_owner)
    rows = [
        {"kpi": w["kpi"].pk, "period_end": "2026-09-30", "value": "90"},
        {"kpi": theirs.pk, "period_end": "2026-09-30", "value": "90"},
    ]
    response = owner.post("/api/measurements/bulk/", {"measurements": rows})
    assert response.status_code == 403
    assert response.json()["errors"] == [
        {
            "index": 1,
            "errors": {
                "kpi": ["Only this strategy's commissioners and administrators can record its delivery."]
            },
        }
    ]
    assert not Measurement.objects.filter(period_end=date(2026, 9, 30)).exists()


def test_the_csv_import_through_the_api(world, owner):
    k = world["kpi"]
    url = f"/api/strategies/{world['strategy'].pk}/actuals/"
    good = f'kpi,period_end,value,note\n{k.name},2026-06-30,91%,\n{k.pk},30/09/2026,"1,204",\n'
    response = owner.post(url, good.encode(), content_type="text/csv")
    assert response.status_code == 200, response.content
    assert response.json()["created"] == 2
    bad = f"kpi,period_end,value\n{k.name},2025-12-31,90\nNo such KPI,2025-12-31,lots\n"
    refused = owner.post(url, bad.encode(), content_type="text/csv")
    assert refused.status_code == 400
    problems = refused.json()["problems"]
    assert {p["line"] for p in problems} == {3} and len(problems) == 2
    assert not k.measurements.filter(period_end=date(2025, 12, 31)).exists()
    assert owner.post(url, {"a": 1}).status_code == 415


# Tokens -------------------------------------------------------------------------------------------------------


def test_a_token_is_stored_only_as_a_hash_and_names_its_user(world):
    person = world["people"]["councillor"]
    token, secret = ApiToken.issue(person, "Reporting")
    assert secret.startswith(f"cms_{token.prefix}_") and len(secret) > 40
    assert token.key_hash == digest(secret) and secret not in str(ApiToken.objects.values().get(pk=token.pk))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.get("/api/strategies/").status_code == 200
    assert reload(token).last_used_at is not None
    assert token.history.get().history_user == person


@pytest.mark.parametrize(
    "header", ["Bearer nonsense", "Bearer cms_00000000_x", "Bearer", "Bearer a b", "Token x"]
)
def test_a_wrong_token_is_401(world, header):
    response = APIClient().get("/api/strategies/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401


def test_a_revoked_or_expired_token_is_refused(world):
    person = world["people"]["commissioner"]
    token, secret = ApiToken.issue(person, "Old")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.get("/api/kpis/").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    expired = client.get("/api/kpis/")
    assert expired.status_code == 401 and "expired" in expired.json()["detail"]
    ApiToken.objects.filter(pk=token.pk).update(expires_at=None, revoked_at=timezone.now())
    revoked = client.get("/api/kpis/")
    assert revoked.status_code == 401 and "revoked" in revoked.json()["detail"]
    person.is_active = False
    person.save()
    _, fresh = ApiToken.issue(person, "New")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {fresh}")
    assert client.get("/api/kpis/").status_code == 401


def test_the_profile_page_creates_shows_once_and_revokes(world, no_throttle):
    person = world["people"]["commissioner"]
    page = Client()
    page.force_login(person)
    url = reverse("account:profile")
    assert page.get(url).status_code == 200
    blank = page.post(url, {"name": "  ", "expires": "90"})
    assert blank.status_code == 400 and b"Enter a name for the token" in blank.content
    assert b"govuk-error-summary" in blank.content
    made = page.post(url, {"name": "KPI upload", "expires": "30"})
    assert made.status_code == 200
    secret = made.context["secret"]
    assert secret.encode() in made.content and b"you will not be able to see it again" in made.content
    token = ApiToken.objects.get(user=person, name="KPI upload")
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    assert secret.encode() not in page.get(url).content  # shown once
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.get("/api/kpis/").status_code == 200
    # Someone else's token cannot be revoked by guessing its number.
    theirs, _ = ApiToken.issue(world["people"]["commissioner2"], "Theirs")
    assert page.post(reverse("account:revoke", args=[theirs.pk])).status_code == 404
    assert reload(theirs).revoked_at is None
    assert page.post(reverse("account:revoke", args=[token.pk])).status_code == 302
    assert reload(token).revoked_at is not None and api.get("/api/kpis/").status_code == 401
    history = list(
        token.history.order_by("history_id").values_list("history_type", "history_user", "revoked_at")
    )
    assert [h[0] for h in history] == ["+", "~"] and history[1][1] == person.pk and history[1][2]
    assert b"Revoked" in page.get(url).content


def test_the_profile_page_needs_signing_in(world):
    response = Client().get(reverse("account:profile"))
    assert matrix.refused_to_anonymous(response)


def test_each_token_has_its_own_rate_limit(world, settings):
    throttle_rates(settings, "3/minute", "3/minute", "2/minute")
    first = token_client(world["people"]["commissioner"], "first")
    second = token_client(world["people"]["commissioner"], "second")
    assert [first.get("/api/kpis/").status_code for _ in range(4)] == [200, 200, 200, 429]
    assert "Retry-After" in first.get("/api/kpis/")
    assert second.get("/api/kpis/").status_code == 200  # the same person's other token: its own allowance


def test_the_browser_session_works_and_writes_need_csrf(world):
    person = world["people"]["commissioner"]
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(person)
    assert browser.get("/api/strategies/").status_code == 200
    response = browser.post(
        "/api/measurements/",
        {"kpi": world["kpi"].pk, "period_end": "2026-06-30", "value": 1},
        content_type="application/json",
    )
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]


# The schema and its docs ------------------------------------------------------------------------------------


def test_the_schema_and_the_docs_are_served_from_our_own_files(db):
    schema = Client().get("/api/schema/", {"format": "json"})
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/measurements/bulk/" in paths and "/api/strategies/{id}/transitions/{name}/" in paths
    docs = Client().get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    # From our static files (fingerprinted when DEBUG is off), never another host.
    assert re.search(
        r'src="/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle(\.\w+)?\.js"', html
    )
    assert "cdn" not in html.lower() and "<style" not in html
    assert not re.search(r'(src|href)="(https?:)?//', html)
    script = Client().get("/api/docs/", {"script": ""})
    assert script.status_code == 200 and b"SwaggerUIBundle" in script.content
