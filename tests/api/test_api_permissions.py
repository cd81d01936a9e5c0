"""The pages' rights matrix replayed on the API: role x endpoint or action x own / other strategy, through
tokens. Reading is for everyone signed in (anonymous: 401); changing is for the strategy's commissioners and
administrators, refused to everyone else with the permission module's own reason (403), changing nothing;
a pack is listed and downloaded only by those the meeting page lets download it (others: 404)."""

import hashlib
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile

import delivery.permissions
import meetings.permissions
import members.permissions
import plans.permissions
import strategies.permissions
from delivery.models import Measurement
from meetings.models import AgendaItemKind, Pack, PackBuild, PackPart
from plans.models import Milestone, Risk
from strategies.models import Stage, Strategy, TransitionLog

from .. import factories, matrix
from ..conftest import ROLES
from .api_support import token_client
from .test_api import _build_world, shared_world  # noqa: F401 - the same world as the endpoint tests

EDITORS = {"commissioner", "administrator"}


@pytest.fixture
def world(db, shared_world):  # noqa: F811
    cache.clear()
    return matrix.fresh(shared_world)


def fingerprint():
    return {
        "actuals": list(Measurement.objects.order_by("pk").values_list("pk", "period_end", "value", "note")),
        "milestones": list(Milestone.objects.order_by("pk").values_list("pk", "status", "owner", "version")),
        "risks": list(Risk.objects.order_by("pk").values_list("pk", "likelihood", "status", "version")),
        "stages": list(Strategy.objects.order_by("pk").values_list("pk", "stage")),
        "moves": TransitionLog.objects.count(),
        "history": [m.history.count() for m in (Measurement, Milestone, Risk, Strategy)],
    }


READS = [
    "/api/strategies/",
    "/api/strategies/{strategy}/",
    "/api/strategies/{other}/",
    "/api/plans/",
    "/api/plans/{plan}/",
    "/api/milestones/{milestone}/",
    "/api/risks/{risk}/",
    "/api/contracts/{contract}/",
    "/api/kpis/{kpi}/",
    "/api/measurements/",
    "/api/gateway-reviews/{review}/",
    "/api/gateway-actions/",
    "/api/decisions/",
    "/api/approvals/",
    "/api/interests/",
    "/api/meetings/",
]


def _ids(w):
    return {
        name: w[name].pk
        for name in ("strategy", "other", "plan", "milestone", "risk", "contract", "kpi", "review")
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", READS)
def test_reading(world, role, url):
    before = fingerprint()
    response = token_client(world["people"][role]).get(url.format(**_ids(world)))
    assert response.status_code == (401 if role == "anonymous" else 200)
    assert fingerprint() == before


@dataclass
class Action:
    method: str
    url: Any  # world -> str
    body: Any  # world -> body
    headers: Any = None  # world -> extra headers (If-Match)
    allowed: set = frozenset(EDITORS)
    format: str = "json"
    rights: Any = None  # (user, world) -> the Decision the endpoint takes, from the predicates it asks
    refused_as: str = "commissioner2"  # over HTTP: the closest refused role (another strategy's commissioner)


def _may_record(user, kpi):
    return delivery.permissions.can_record(user, kpi.strategy)


def _may_change(user, plan):
    return plans.permissions.can_view(user, plan) and plans.permissions.can_edit(user, plan)


def _may_move(user, strategy):
    return strategies.permissions.can_view(user, strategy) and strategies.permissions.can_transition(
        user, strategy
    )


def _etag(w, url):
    return {"HTTP_IF_MATCH": token_client(w["people"]["administrator"]).get(url)["ETag"]}


ACTIONS = {
    "record actual": Action(
        "post",
        lambda w: "/api/measurements/",
        lambda w: {"kpi": w["kpi"].pk, "period_end": "2026-06-30", "value": 91},
        rights=lambda u, w: _may_record(u, w["kpi"]),
    ),
    "bulk actuals": Action(
        "post",
        lambda w: "/api/measurements/bulk/",
        lambda w: {"measurements": [{"kpi": w["kpi"].pk, "period_end": "2026-06-30", "value": 91}]},
        rights=lambda u, w: _may_record(u, w["kpi"]),  # asked for each row's strategy: here one
    ),
    "correct actual": Action(
        "patch",
        lambda w: f"/api/measurements/{w['kpi'].measurements.get().pk}/",
        lambda w: {"value": 70},
        lambda w: _etag(w, f"/api/measurements/{w['kpi'].measurements.get().pk}/"),
        rights=lambda u, w: _may_record(u, w["kpi"].measurements.get().kpi),
    ),
    "import actuals": Action(
        "post",
        lambda w: f"/api/strategies/{w['strategy'].pk}/actuals/",
        lambda w: f"kpi,period_end,value\n{w['kpi'].pk},2026-06-30,91\n".encode(),
        format="csv",
        rights=lambda u, w: strategies.permissions.can_view(u, w["strategy"]) and _may_record(u, w["kpi"]),
    ),
    "change milestone": Action(
        "patch",
        lambda w: f"/api/milestones/{w['milestone'].pk}/",
        lambda w: {"status": "met"},
        lambda w: _etag(w, f"/api/milestones/{w['milestone'].pk}/"),
        rights=lambda u, w: _may_change(u, w["milestone"].plan),
    ),
    "change risk": Action(
        "patch",
        lambda w: f"/api/risks/{w['risk'].pk}/",
        lambda w: {"status": "closed"},
        lambda w: _etag(w, f"/api/risks/{w['risk'].pk}/"),
        rights=lambda u, w: _may_change(u, w["risk"].plan),
    ),
    "move own strategy": Action(
        "post",
        lambda w: f"/api/strategies/{w['strategy'].pk}/transitions/archive/",
        lambda w: {"note": "Merged"},
        rights=lambda u, w: _may_move(u, w["strategy"]),
    ),
    "move other's strategy": Action(
        "post",
        lambda w: f"/api/strategies/{w['other'].pk}/transitions/archive/",
        lambda w: {"note": "Merged"},
        allowed=frozenset({"commissioner2", "administrator"}),
        rights=lambda u, w: _may_move(u, w["other"]),
        refused_as="commissioner",
    ),
}


def _act(world, role, name):
    a = ACTIONS[name]
    client = token_client(world["people"][role])
    headers = a.headers(world) if a.headers else {}
    url, body = a.url(world), a.body(world)
    if a.format == "csv":
        return getattr(client, a.method)(url, body, content_type="text/csv", **headers)
    return getattr(client, a.method)(url, body, format="json", **headers)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(ACTIONS))
def test_rights_to_act(world, role, name):
    decision = ACTIONS[name].rights(matrix.asked_as(world, role), world)
    assert bool(decision) == (role in ACTIONS[name].allowed)
    if not decision and role != "anonymous":
        assert "commissioners and administrators" in decision.reason


# Over HTTP: per action, an allowed role, the closest refused one and anonymous.
HTTP_CASES = [
    pytest.param(name, role, id=f"{name}-{role}")
    for name, a in ACTIONS.items()
    for role in (min(a.allowed - {"administrator"}), a.refused_as, "anonymous")
]


@pytest.mark.parametrize("name,role", HTTP_CASES)
def test_acting(world, role, name):
    before = fingerprint()
    response = _act(world, role, name)
    if role == "anonymous":
        assert response.status_code == 401
    elif role in ACTIONS[name].allowed:
        assert response.status_code in (200, 201), response.content[:500]
        assert fingerprint() != before, "an allowed action must do what it says"
    else:
        assert response.status_code == 403, response.content[:500]
        body = response.json()
        said = body.get("detail", "") + str(body.get("errors", ""))
        assert "commissioners and administrators" in said
    if role not in ACTIONS[name].allowed:
        assert fingerprint() == before, "a refused action must change nothing"


@pytest.mark.parametrize("role", ["commissioner", "administrator"])
@pytest.mark.parametrize("stage", [Stage.PLAN, Stage.ANALYSE, Stage.ARCHIVED])
@pytest.mark.parametrize("name", ["record actual", "bulk actuals", "correct actual", "import actuals"])
def test_recording_outside_do_and_review_is_refused(world, role, stage, name):
    Strategy.objects.filter(pk=world["strategy"].pk).update(stage=stage)
    before = fingerprint()
    response = _act(world, role, name)
    assert response.status_code == 403, response.content[:500]
    assert fingerprint() == before


# Meetings and packs ----------------------------------------------------------------------------------------


@pytest.fixture
def meeting(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    w = world
    executive = factories.board(members=[w["people"]["councillor"]])
    m = factories.meeting(executive)
    factories.agenda_item(m, AgendaItemKind.values[0], strategy=w["strategy"])
    factories.agenda_item(
        m,
        AgendaItemKind.values[0],
        strategy=w["strategy"],
        title="Provider's prices",
        confidential=True,
        exemption="3",
    )
    build = PackBuild.objects.create(meeting=m, requested_by=w["people"]["administrator"])
    packs = {}
    for part in PackPart.values:
        content = f"%PDF-1.4 {part} pack".encode()
        packs[part] = Pack.objects.create(
            meeting=m,
            part=part,
            version=1,
            build=build,
            file=ContentFile(content, name=f"{part}.pdf"),
            sha256=hashlib.sha256(content).hexdigest(),
            pages=1,
            size=len(content),
            built_by=w["people"]["administrator"],
        )
    return m, packs


@pytest.mark.parametrize("role", ROLES)
def test_packs_appear_and_download_only_for_those_entitled(world, meeting, role):
    m, packs = meeting
    person = world["people"][role]
    client = token_client(person)
    detail = client.get(f"/api/meetings/{m.pk}/")
    if role == "anonymous":
        assert detail.status_code == 401
        assert client.get(f"/api/packs/{packs['public'].pk}/download/").status_code == 401
        return
    assert detail.status_code == 200
    body = detail.json()
    assert [i["confidential"] for i in body["items"]] == [False, True]
    members.permissions.forget(person)
    entitled = {part for part, pack in packs.items() if meetings.permissions.can_download_pack(person, pack)}
    assert {p["part"] for p in body["packs"]} == entitled
    for part, pack in packs.items():
        response = client.get(f"/api/packs/{pack.pk}/download/")
        if part in entitled:
            assert response.status_code == 200
            assert b"".join(response.streaming_content) == f"%PDF-1.4 {part} pack".encode()
            assert response["X-Content-SHA256"] == pack.sha256
        else:
            assert response.status_code == 404  # the same answer as for no such pack
    if role in ("scrutiny", "gateway", "commissioner2"):
        assert entitled == set()  # not on the board, not concerned with the agenda
    if role in ("administrator", "councillor", "commissioner"):
        assert entitled == {"public", "confidential"}
