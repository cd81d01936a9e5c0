"""The business of a meeting through its pages and the API (issue 20): who may record attendance, declarations,
resolutions and minutes (democratic services: administrators) and who reads them (every signed-in person; an
exempt item's resolution only those entitled to the confidential pack), as a matrix of role x page or action,
plus what the pages say when a write is refused.

The world: the Children and Young People Scrutiny Committee (`scrutiny` and two other councillors), its past
meeting with everyone present, a public item resolved on, and an exempt item about `commissioner`'s strategy
resolved on; its next meeting has a minutes item. `commissioner` is the officer concerned with the exempt item.
"""

import html
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from commissioning import roles
from meetings import permissions, services
from meetings.models import AgendaItemKind, Attendance, BoardQuorum, MinutesVersion, Outcome, Resolution
from members.models import Board

from .. import factories, matrix
from ..api.api_support import token_client
from ..conftest import ROLES

RECORDERS = {"administrator"}
# Who may read the exempt item's resolution: the board, the officer concerned, administrators.
EXEMPT_READERS = {"scrutiny", "commissioner", "administrator"}


def _at(days: int):
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=days), time(14)))


def _build_world():
    people = {
        "commissioner": factories.user(roles.COMMISSIONER, username="commissioner"),
        "commissioner2": factories.user(roles.COMMISSIONER, username="commissioner2"),
        "councillor": factories.user(roles.COUNCILLOR, username="councillor"),
        "scrutiny": factories.user(roles.SCRUTINY_MEMBER, username="scrutiny"),
        "gateway": factories.user(roles.GATEWAY_PANEL, username="gateway"),
        "administrator": factories.user(roles.ADMINISTRATOR, username="administrator"),
        "anonymous": None,
    }
    admin = people["administrator"]
    others = [factories.user(roles.COUNCILLOR, first_name=n, last_name="Member") for n in ("Ann", "Bob")]
    board = factories.board(
        name="Children and Young People Scrutiny Committee",
        kind=Board.Kind.SCRUTINY_COMMITTEE,
        members=[people["scrutiny"], *others],
    )
    strategy = factories.strategy(people["commissioner"])
    meeting = services.create_meeting(board=board, starts_at=_at(-14), venue="Room 1", acting_user=admin)
    public = services.add_item(
        meeting=meeting, kind=AgendaItemKind.STRATEGY, title="Family support: outcomes", strategy=strategy,
        acting_user=admin,
    )  # fmt: skip
    exempt = services.add_item(
        meeting=meeting, kind=AgendaItemKind.DOCUMENT, title="Contract award", strategy=strategy,
        confidential=True, exemption="3", acting_user=admin,
    )  # fmt: skip
    services.record_attendance(
        meeting=meeting,
        statuses={p.pk: Attendance.Status.PRESENT for p in [people["scrutiny"], *others]},
        acting_user=admin,
    )
    services.record_resolution(
        item=public, wording="That the outcomes be supported.", unanimous=True, acting_user=admin
    )
    services.record_resolution(
        item=exempt, wording="That the contract be awarded to Acme Care.", votes_for=2, votes_against=1,
        abstentions=0, acting_user=admin,
    )  # fmt: skip
    services.draft_minutes(meeting=meeting, acting_user=admin)
    following = services.create_meeting(board=board, starts_at=_at(7), venue="Room 1", acting_user=admin)
    minutes_item = services.add_item(
        meeting=following, kind=AgendaItemKind.MINUTES, title="Minutes of the last meeting", acting_user=admin
    )
    return {
        "people": people,
        "others": others,
        "board": board,
        "meeting": meeting,
        "public": public,
        "exempt": exempt,
        "following": following,
        "minutes item": minutes_item,
    }


shared_world = matrix.shared_world_fixture(_build_world)


@pytest.fixture
def world(shared_world, db):
    return matrix.fresh(shared_world)


# The rights, in-process, for every role ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_rights(world, role):
    person = matrix.asked_as(world, role)
    meeting = world["meeting"]
    assert bool(permissions.can_record_business(person, meeting)) == (role in RECORDERS)
    assert bool(permissions.can_view_business(person, meeting)) == (role != "anonymous")
    public, exempt = (Resolution.objects.get(item=world[k]) for k in ("public", "exempt"))
    assert bool(permissions.can_view_resolution(person, public)) == (role != "anonymous")
    assert bool(permissions.can_view_resolution(person, exempt)) == (role in EXEMPT_READERS)
    if role not in RECORDERS:
        assert "democratic services" in permissions.can_record_business(person, meeting).reason


# Over HTTP: the pages and actions, for every role -----------------------------------------------------------


def _urls(world):
    m, item = world["meeting"], world["public"]
    return {
        "attendance page": ("get", reverse("meetings:attendance", args=[m.pk]), {}),
        "record attendance": (
            "post", reverse("meetings:attendance", args=[m.pk]), {f"member_{world['others'][0].pk}": "apologies"},
        ),
        "resolution page": ("get", reverse("meetings:resolution", args=[m.pk, item.pk]), {}),
        "record resolution": (
            "post", reverse("meetings:resolution", args=[m.pk, item.pk]),
            {"wording": "Changed.", "outcome": "noted", "seen_version": 1},
        ),
        "declare": (
            "post", reverse("meetings:declaration-add", args=[m.pk, item.pk]),
            {"member": world["others"][0].pk, "kind": "other", "text": "A school governor"},
        ),
        "draft minutes": ("post", reverse("meetings:minutes-draft", args=[m.pk]), {}),
        "set quorum": ("post", reverse("meetings:quorum", args=[world["board"].pk]), {"number": 2}),
        "approve minutes": (
            "post", reverse("meetings:minutes-approve", args=[world["following"].pk, world["minutes item"].pk]), {},
        ),
    }  # fmt: skip


WRITES = [
    "record attendance",
    "record resolution",
    "declare",
    "draft minutes",
    "approve minutes",
    "set quorum",
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "action",
    ["attendance page", "record attendance", "resolution page", "record resolution", "declare", "draft minutes",
     "approve minutes", "set quorum"],
)  # fmt: skip
def test_recording_is_democratic_services_alone(world, client, role, action):
    method, url, data = _urls(world)[action]
    before = (
        Resolution.objects.get(item=world["public"]).version,
        MinutesVersion.objects.count(),
        Attendance.history.count(),
    )
    response = getattr(matrix.as_person(client, world["people"][role]), method)(url, data)
    if role == "anonymous":
        assert matrix.refused_to_anonymous(response)
    elif role in RECORDERS:
        assert response.status_code == (200 if method == "get" else 302), response.content[:500]
    else:
        assert response.status_code == 403
        reason = "Only administrators can set up" if action == "set quorum" else "Only democratic services"
        assert reason in html.unescape(response.content.decode())
    changed = before != (
        Resolution.objects.get(item=world["public"]).version,
        MinutesVersion.objects.count(),
        Attendance.history.count(),
    )
    if role not in RECORDERS and action in WRITES:
        assert not changed and not BoardQuorum.objects.exists()


def test_the_quorum_form_refuses_bad_input_keeping_what_was_typed(world, client):
    client.force_login(world["people"]["administrator"])
    url = reverse("meetings:quorum", args=[world["board"].pk])
    page = client.get(reverse("meetings:board-meetings", args=[world["board"].pk]))
    assert "3 members, or their substitutes, must be present" in html.unescape(page.content.decode())
    for data, message in [({"fraction": "three"}, "Enter a fraction like 1/4"),
                          ({"number": "2", "fraction": "1/3"}, "not both")]:  # fmt: skip
        response = client.post(url, data)
        text = html.unescape(response.content.decode())
        assert response.status_code == 400 and message in text and data["fraction"] in text
    assert not BoardQuorum.objects.exists()
    assert client.post(url, {"fraction": "1/2", "minimum": "1"}).status_code == 302
    assert BoardQuorum.objects.get().history.first().history_user == world["people"]["administrator"]


@pytest.mark.parametrize("role", ROLES)
def test_reading_the_meeting_and_the_statistics(world, client, role):
    client = matrix.as_person(client, world["people"][role])
    page = client.get(world["meeting"].get_absolute_url())
    stats = client.get(reverse("meetings:attendance-statistics"))
    if role == "anonymous":
        assert matrix.refused_to_anonymous(page) and matrix.refused_to_anonymous(stats)
        return
    text = html.unescape(page.content.decode())
    assert "3 members present" in text and "Quorate" in text
    assert "That the outcomes be supported." in text
    assert ("That the contract be awarded to Acme Care." in text) == (role in EXEMPT_READERS)
    assert ("Record the attendance" in text) == (role in RECORDERS)
    assert "Ann Member" in html.unescape(stats.content.decode())


@pytest.mark.parametrize("role", ROLES)
def test_the_api_reads_attendance_and_resolutions_as_the_pages_do(world, role):
    client = token_client(world["people"][role])
    m = world["meeting"]
    attendance = client.get(f"/api/meetings/{m.pk}/attendance/")
    resolutions = client.get(f"/api/meetings/{m.pk}/resolutions/")
    if role == "anonymous":
        assert attendance.status_code == resolutions.status_code == 401
        return
    assert attendance.status_code == 200
    assert (attendance.json()["present"], attendance.json()["quorum"], attendance.json()["quorate"]) == (
        3,
        3,
        True,
    )
    assert {row["status"] for row in attendance.json()["attendance"]} == {"present"}
    body = resolutions.json()
    by_title = {r["title"]: r for r in body["resolutions"]}
    assert by_title["Family support: outcomes"]["wording"] == "That the outcomes be supported."
    assert by_title["Family support: outcomes"]["unanimous"] is True
    exempt = by_title["Contract award"]
    assert (exempt["wording"] is not None) == (role in EXEMPT_READERS)
    assert (exempt["votes_for"], exempt["votes_against"]) == (2, 1)
    assert body["approved_minutes"] is None
    assert client.get("/api/meetings/999999/attendance/").status_code == 404


# What the pages say -----------------------------------------------------------------------------------------


def test_a_resolution_below_quorum_is_refused_on_the_page_keeping_what_was_typed(world, client):
    admin = world["people"]["administrator"]
    following, item = world["following"], world["minutes item"]
    client.force_login(admin)
    url = reverse("meetings:resolution", args=[following.pk, item.pk])
    response = client.post(url, {"wording": "That the minutes be approved.", "outcome": "carried", "unanimous": "on",
                                 "seen_version": 1})  # fmt: skip
    assert response.status_code == 400
    text = html.unescape(response.content.decode())
    assert "not quorate: 0 members present" in text and "That the minutes be approved." in text
    assert not Resolution.objects.filter(item=item).exists()


def test_the_administrator_records_attendance_a_substitute_and_approves_the_minutes(world, client):
    admin = world["people"]["administrator"]
    following, item = world["following"], world["minutes item"]
    ann, bob = world["others"]
    client.force_login(admin)
    statuses = {f"member_{world['people']['scrutiny'].pk}": "present", f"member_{ann.pk}": "present",
                f"member_{bob.pk}": "apologies"}  # fmt: skip
    assert client.post(reverse("meetings:attendance", args=[following.pk]), statuses).status_code == 302
    substitute = factories.user(roles.COUNCILLOR, first_name="Sue", last_name="Stand-in")
    added = client.post(
        reverse("meetings:attendee-add", args=[following.pk]),
        {"status": "substitute", "person": substitute.pk, "substitute_for": bob.pk},
    )
    assert added.status_code == 302
    refused = client.post(
        reverse("meetings:attendee-add", args=[following.pk]),
        {"status": "substitute", "person": factories.user(roles.COUNCILLOR).pk, "substitute_for": ann.pk},
    )
    assert refused.status_code == 400 and "is present, so needs no substitute" in html.unescape(
        refused.content.decode()
    )
    response = client.post(reverse("meetings:minutes-approve", args=[following.pk, item.pk]))
    assert response.status_code == 302
    version = MinutesVersion.objects.get(meeting=world["meeting"])
    assert version.approved_at_item == item
    page = html.unescape(client.get(world["meeting"].get_absolute_url()).content.decode())
    assert "Approved as a correct record" in page and version.sha256 in page
    assert "Draft the minutes" not in page and "Record the attendance" not in page
    # Frozen: the edit form refuses a change to the minutes, keeping what was typed.
    meeting = world["meeting"]
    meeting.refresh_from_db()
    local = timezone.localtime(meeting.starts_at)
    edit = client.post(
        reverse("meetings:meeting-edit", args=[meeting.pk]),
        {"day": local.date().isoformat(), "time": local.strftime("%H:%M"), "venue": meeting.venue,
         "minutes": "Rewritten afterwards.", "seen_version": meeting.version},
    )  # fmt: skip
    assert edit.status_code == 400 and "can no longer change" in html.unescape(edit.content.decode())
    assert "Rewritten afterwards." in html.unescape(edit.content.decode())
    api = token_client(admin).get(f"/api/meetings/{meeting.pk}/resolutions/").json()
    assert api["approved_minutes"]["sha256"] == version.sha256
    assert Resolution.objects.get(item=item).outcome == Outcome.CARRIED
