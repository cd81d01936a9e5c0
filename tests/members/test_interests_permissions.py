"""The registers of interests' rights as a matrix: role x action x own / other register, on the predicates the
pages and the API call, then over HTTP for the pages and /api/interests/ (each role, plus anonymous).

`councillor` keeps the register under test ("own" for them); "other" is `scrutiny`'s. Only the member and
democratic services (administrators) change a register or read what is withheld from publication; everyone
signed in reads the published register; anyone, signed in or not, reads the published page; only
administrators record dispensations."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from members import permissions, services
from members.models import Interest, InterestCategory

from .. import conftest, matrix
from ..api.api_support import token_client

ROLES = conftest.ROLES


def _build_world():
    p = matrix.people()
    entries = {}
    for side, member in (("own", p["councillor"]), ("other", p["scrutiny"])):
        entries[side] = services.save_interest(
            member=member,
            acting_user=p["administrator"],
            changes={
                "category": InterestCategory.LAND,
                "held_by": Interest.HeldBy.MEMBER,
                "body": f"{side.title()} House, 1 Secret Lane",
                "arose_on": timezone.localdate() - timedelta(days=10),
                "sensitive": True,
            },
        )
    return {"people": p, "entries": entries, "members": {"own": p["councillor"], "other": p["scrutiny"]}}


shared_world = matrix.shared_world_fixture(_build_world)


@pytest.fixture
def world(db, shared_world):
    return matrix.fresh(shared_world)


def _expected(action, role, side):
    owner = "councillor" if side == "own" else "scrutiny"
    if role == "anonymous":
        return False
    if action == "view":
        return True
    if action in ("withheld", "edit"):
        return role in (owner, "administrator")
    if action == "dispensation":
        return role == "administrator"
    raise AssertionError(action)


PREDICATES = {
    "view": permissions.can_view_register,
    "withheld": permissions.can_see_withheld,
    "edit": permissions.can_edit_register,
    "dispensation": lambda user, member: permissions.can_record_dispensation(user),
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("side", ["own", "other"])
@pytest.mark.parametrize("action", list(PREDICATES))
def test_the_matrix(world, role, side, action):
    decision = PREDICATES[action](matrix.asked_as(world, role), world["members"][side])
    assert bool(decision) is _expected(action, role, side)
    if not decision and role != "anonymous":
        assert decision.reason


@pytest.mark.django_db
def test_someone_who_keeps_no_register_has_none_to_read(world):
    found = permissions.can_view_register(world["people"]["scrutiny"], world["people"]["commissioner"])
    assert not found and found.hidden


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_register_page(client, world, role, no_throttle):
    member = world["members"]["own"]
    response = matrix.as_person(client, world["people"][role]).get(
        reverse("members:interests", args=[member.pk])
    )
    if role == "anonymous":
        assert matrix.refused_to_anonymous(response)
        return
    assert response.status_code == 200
    text = response.content.decode()
    assert ("Secret Lane" in text) is _expected("withheld", role, "own")
    assert ("Register an interest" in text) is _expected("edit", role, "own")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_changing_a_register(client, world, role, no_throttle):
    member = world["members"]["own"]
    url = reverse("members:interest-add", args=[member.pk])
    response = matrix.as_person(client, world["people"][role]).get(url)
    if role == "anonymous":
        assert matrix.refused_to_anonymous(response)
    else:
        assert response.status_code == (200 if _expected("edit", role, "own") else 403)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_recording_a_dispensation(client, world, role, no_throttle):
    url = reverse("members:dispensation-add", args=[world["members"]["own"].pk])
    response = matrix.as_person(client, world["people"][role]).post(url, {"purpose": ""})
    if role == "anonymous":
        assert matrix.refused_to_anonymous(response)
    else:
        assert response.status_code == (400 if role == "administrator" else 403)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_published_page_is_the_same_for_everyone(client, world, role, no_throttle):
    member = world["members"]["own"]
    response = matrix.as_person(client, world["people"][role]).get(
        reverse("members:interests-published", args=[member.pk])
    )
    assert response.status_code == 200
    assert "Secret Lane" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_api_reads_with_the_pages_rights(world, role, no_throttle):
    response = token_client(world["people"][role]).get("/api/interests/")
    if role == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    by_id = {row["id"]: row for row in response.json()["results"]}
    for side in ("own", "other"):
        row = by_id[world["entries"][side].pk]
        assert ("Secret Lane" in row["body"]) is _expected("withheld", role, side)
        assert row["sensitive"] is True
    one = token_client(world["people"][role]).get(f"/api/interests/{world['entries']['own'].pk}/")
    assert one.status_code == 200
