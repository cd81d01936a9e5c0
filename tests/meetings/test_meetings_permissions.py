"""Meetings and packs: who may do what, as a matrix of role x page or action x own / other meeting, through the
real views; then the rights themselves (meetings.permissions), each answering *allowed, and why not*.

The "own" meeting is of the Children and Young People Scrutiny Committee, which `scrutiny` sits on; its agenda
has a report on `commissioner`'s strategy, an exempt document about that strategy, and a public document.
`commissioner` is the officer concerned; `commissioner2` (another strategy's commissioner) is not on it.
The "other" meeting is of the Place Scrutiny Committee (`scrutiny` is not a member): its agenda has a
highlight report on `commissioner2`'s strategy (public) and an exempt document about a third commissioner's
strategy, so `commissioner2` is concerned with its public part only. `councillor` is an Executive member and
`gateway` sits on the gateway panel: neither is on either board. Meetings, agendas and work programmes are
set up by administrators alone. A refused action is a 403 with its reason and changes nothing; a refused
download is a 404, the same as a pack or document that does not exist.
"""

import html
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from commissioning import roles
from commissioning.models import OutboxJob
from meetings import permissions, services
from meetings.models import AgendaItem, AgendaItemKind, Meeting, Pack, PackBuild, PackPart, WorkProgrammeItem
from members.models import Board, BoardMembership
from members.permissions import forget
from members.services import add_member, remove_member

from .. import factories, matrix
from ..conftest import ROLES
from .test_meetings import pdf_bytes

MANAGERS = {"administrator"}
SIDES = ["own", "other"]


@pytest.fixture(scope="module", autouse=True)
def _media(tmp_path_factory):
    """Uploads and packs of this module's world go to a temporary MEDIA_ROOT (set before the world is built)."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


def _at(days: int) -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=days), time(14)))


def _pack(meeting, part, by) -> Pack:
    body = f"%PDF-1.7\n% {meeting.board} {part}\n%%EOF\n".encode()
    build = PackBuild.objects.create(
        meeting=meeting,
        requested_by=by,
        status=PackBuild.Status.DONE,
        progress=100,
        finished_at=timezone.now(),
    )
    return Pack.objects.create(
        meeting=meeting,
        part=part,
        version=1,
        build=build,
        file=ContentFile(body, name="pack.pdf"),
        sha256="0" * 64,
        pages=1,
        size=len(body),
        built_by=by,
    )


def _side(board, admin, report_on, exempt_about, builder) -> dict:
    meeting = services.create_meeting(
        board=board, starts_at=_at(30), venue="Council Chamber", acting_user=admin
    )
    report = services.add_item(
        meeting=meeting,
        acting_user=admin,
        kind=AgendaItemKind.HIGHLIGHT,
        title=f"Highlight report: {report_on.title}",
        strategy=report_on,
    )
    exempt = services.add_item(
        meeting=meeting,
        acting_user=admin,
        kind=AgendaItemKind.DOCUMENT,
        title="Contract award",
        strategy=exempt_about,
        confidential=True,
        exemption="3",
        document=ContentFile(pdf_bytes(1), name="award.pdf"),
        document_pages=1,
    )
    public_doc = services.add_item(
        meeting=meeting,
        acting_user=admin,
        kind=AgendaItemKind.DOCUMENT,
        title="Budget monitoring",
        document=ContentFile(pdf_bytes(2), name="budget.pdf"),
        document_pages=2,
    )
    failed = PackBuild.objects.create(
        meeting=meeting,
        requested_by=builder,
        status=PackBuild.Status.FAILED,
        error="The build stopped without finishing.",
        finished_at=timezone.now(),
    )
    planned = services.add_to_work_programme(
        board=board,
        acting_user=admin,
        title="Annual report",
        kind=AgendaItemKind.DECISIONS,
        due_from=timezone.localdate() + timedelta(days=200),
    )
    return {
        "board": board,
        "meeting": meeting,
        "report": report,
        "exempt": exempt,
        "public doc": public_doc,
        "public pack": _pack(meeting, PackPart.PUBLIC, builder),
        "confidential pack": _pack(meeting, PackPart.CONFIDENTIAL, builder),
        "failed": failed,
        "planned": planned,
    }


def _build_world():
    p = matrix.people()
    scrutiny2 = factories.user(roles.SCRUTINY_MEMBER, username="scrutiny2")
    commissioner3 = factories.user(roles.COMMISSIONER, username="commissioner3")
    own = factories.strategy(commissioner=p["commissioner"], title="Children are safe and healthy")
    other = factories.strategy(commissioner=p["commissioner2"], title="Protecting the public")
    third = factories.strategy(commissioner=commissioner3, title="Reduce the risk of flooding")
    factories.board(members=[p["councillor"]])  # the Executive
    factories.gateway_panel(p["gateway"])
    own_board = factories.board(
        name="Children and Young People Scrutiny Committee",
        kind=Board.Kind.SCRUTINY_COMMITTEE,
        members=[p["scrutiny"]],
    )
    other_board = factories.board(
        name="Place Scrutiny Committee", kind=Board.Kind.SCRUTINY_COMMITTEE, members=[scrutiny2]
    )
    admin = p["administrator"]
    return {
        "people": p,
        "strategies": {"own": own, "other": other, "third": third},
        "own": _side(own_board, admin, report_on=own, exempt_about=own, builder=p["scrutiny"]),
        "other": _side(other_board, admin, report_on=other, exempt_about=third, builder=scrutiny2),
    }


shared_world = matrix.shared_world_fixture(_build_world)


@pytest.fixture
def world(db, shared_world):
    return matrix.fresh(shared_world)


def fingerprint():
    """Everything a meetings action could write: a refused action must leave all of it as it was."""
    return {
        "meetings": list(
            Meeting.objects.order_by("pk").values_list(
                "pk", "board", "starts_at", "venue", "minutes", "version"
            )
        ),
        "items": list(
            AgendaItem.objects.order_by("pk").values_list(
                "pk",
                "meeting",
                "position",
                "kind",
                "title",
                "strategy",
                "confidential",
                "exemption",
                "document",
                "version",
            )
        ),
        "programme": list(
            WorkProgrammeItem.objects.order_by("pk").values_list("pk", "title", "agenda_item", "version")
        ),
        "builds": list(PackBuild.objects.order_by("pk").values_list("pk", "status", "error", "progress")),
        "packs": list(Pack.objects.order_by("pk").values_list("pk", "file", "sha256")),
        "history": (
            Meeting.history.count(),
            AgendaItem.history.count(),
            WorkProgrammeItem.history.count(),
        ),
    }


def queued_jobs() -> list:
    return list(OutboxJob.objects.order_by("pk").values_list("task", "args"))


def _reason_shown(response, reason: str) -> bool:
    return reason in html.unescape(response.content.decode())


# What every signed-in person may read ----------------------------------------------------------------------

# Who may download a side's packs and documents (the rest get 404).
DOWNLOADS = {
    "own": {
        "public pack": {"commissioner", "scrutiny", "administrator"},
        "confidential pack": {"commissioner", "scrutiny", "administrator"},
        "public doc": {"commissioner", "scrutiny", "administrator"},
        "exempt": {"commissioner", "scrutiny", "administrator"},
    },
    "other": {
        "public pack": {"commissioner2", "administrator"},
        "confidential pack": {"administrator"},
        "public doc": {"commissioner2", "administrator"},
        "exempt": {"administrator"},
    },
}
BUILDERS = {"own": {"scrutiny", "administrator"}, "other": {"administrator"}}

READ_PAGES = [
    ("meetings", lambda w, s: reverse("meetings:meetings")),
    ("board meetings", lambda w, s: reverse("meetings:board-meetings", args=[s["board"].pk])),
    ("meeting", lambda w, s: s["meeting"].get_absolute_url()),
    ("packs panel", lambda w, s: reverse("meetings:packs", args=[s["meeting"].pk])),
]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("target", SIDES)
@pytest.mark.parametrize("page,url", READ_PAGES, ids=[p[0] for p in READ_PAGES])
def test_reading(client, world, role, target, page, url, no_throttle):
    side = world[target]
    before = fingerprint()
    response = matrix.as_person(client, world["people"][role]).get(url(world, side))
    if role == "anonymous":
        assert matrix.refused_to_anonymous(response)
        return
    assert response.status_code == 200
    assert fingerprint() == before, "reading must change nothing"
    body = response.content.decode()
    if page in ("meeting", "packs panel"):
        for part in ("public pack", "confidential pack"):
            link = side[part].get_absolute_url()
            assert (link in body) == (role in DOWNLOADS[target][part]), (part, "download link")
        assert ("Build the packs" in body or "Build a new version" in body) == (role in BUILDERS[target])
        if role not in DOWNLOADS[target]["public pack"]:
            reason = permissions.can_download(
                world["people"][role], side["meeting"], part=PackPart.PUBLIC
            ).reason
            assert _reason_shown(response, reason)
        elif role not in DOWNLOADS[target]["confidential pack"]:
            assert "The exempt items are in a separate pack" in body
    if page == "meeting":
        assert "Contract award" in body, "an exempt item's title is public business"
        assert ("Add an agenda item" in body) == (role in MANAGERS)
    if page == "board meetings":
        assert ("Set up a meeting" in body) == (role in MANAGERS)


# Downloads: 404 to those not entitled ----------------------------------------------------------------------


def _download_url(side, what):
    if what.endswith("pack"):
        return side[what].get_absolute_url()
    return reverse("meetings:item-document", args=[side["meeting"].pk, side[what].pk])


def _may_download(user, side, what):
    """The predicate each download asks: the pack's own, or the meeting's for the part an item goes into."""
    if what.endswith("pack"):
        return permissions.can_download_pack(user, side[what])
    part = PackPart.CONFIDENTIAL if side[what].confidential else PackPart.PUBLIC
    return permissions.can_download(user, side[what].meeting, part=part)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("target", SIDES)
@pytest.mark.parametrize("what", ["public pack", "confidential pack", "public doc", "exempt"])
def test_who_may_download(world, role, target, what):
    assert bool(_may_download(matrix.asked_as(world, role), world[target], what)) == (
        role in DOWNLOADS[target][what]
    )


# Over HTTP: a board member on its own and on another board's meeting, the officer concerned with the other
# meeting's public part only, and anonymous.
DOWNLOAD_CASES = [
    ("scrutiny", "own"),
    ("scrutiny", "other"),
    ("commissioner2", "other"),
    ("anonymous", "own"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("role,target", DOWNLOAD_CASES, ids=[f"{r}-{t}" for r, t in DOWNLOAD_CASES])
@pytest.mark.parametrize("what", ["public pack", "confidential pack", "public doc", "exempt"])
def test_downloading(client, world, role, target, what, no_throttle):
    side = world[target]
    response = matrix.as_person(client, world["people"][role]).get(_download_url(side, what))
    if role == "anonymous":
        assert matrix.refused_to_anonymous(response)
    elif role in DOWNLOADS[target][what]:
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        stored = side[what].file if what.endswith("pack") else side[what].document
        with stored.open("rb") as f:
            assert b"".join(response.streaming_content) == f.read()
    else:
        assert response.status_code == 404, "not 403: a refusal must not tell a guesser the file exists"


# Actions ---------------------------------------------------------------------------------------------------


@dataclass
class Action:
    method: str
    url: Any  # (world, side) -> str
    data: Any = None  # (world, side) -> dict
    who: Any = field(default=lambda target: MANAGERS)  # target -> the roles allowed
    effect: Any = None  # (world, side) -> a value an allowed POST changes
    reason: str = "Only administrators can set up meetings, agendas and work programmes."
    rights: Any = lambda user, side: permissions.can_manage_meetings(user)  # the predicate the view asks
    # Over HTTP: an allowed (role, target) and the closest refused one.
    allowed_as: tuple = ("administrator", "own")
    refused_as: tuple = ("scrutiny", "own")  # a member of the board, who may build its packs


def _day(days=45):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def _item_url(s, item="report"):
    return reverse("meetings:item-edit", args=[s["meeting"].pk, s[item].pk])


def _item_data(**overrides):
    return {
        "seen_version": 1,
        "kind": AgendaItemKind.MINUTES,
        "title": "Minutes",
        "exemption": "",
        **overrides,
    }


def _reload(obj):
    return type(obj).objects.filter(pk=obj.pk).first()


ACTIONS = {
    "meeting create page": Action(
        "get", lambda w, s: reverse("meetings:meeting-create", args=[s["board"].pk])
    ),
    "meeting create": Action(
        "post",
        lambda w, s: reverse("meetings:meeting-create", args=[s["board"].pk]),
        lambda w, s: {"seen_version": 1, "day": _day(), "time": "10:00", "venue": "Room 1"},
        effect=lambda w, s: s["board"].meetings.count(),
    ),
    "meeting edit page": Action("get", lambda w, s: reverse("meetings:meeting-edit", args=[s["meeting"].pk])),
    "meeting edit": Action(
        "post",
        lambda w, s: reverse("meetings:meeting-edit", args=[s["meeting"].pk]),
        lambda w, s: {
            "seen_version": s["meeting"].version,
            "day": _day(30),
            "time": "14:00",
            "venue": "Room 7",
            "minutes": "",
        },
        effect=lambda w, s: _reload(s["meeting"]).venue,
    ),
    "item add page": Action("get", lambda w, s: reverse("meetings:item-add", args=[s["meeting"].pk])),
    "item add": Action(
        "post",
        lambda w, s: reverse("meetings:item-add", args=[s["meeting"].pk]),
        lambda w, s: _item_data(title="Minutes of the last meeting"),
        effect=lambda w, s: s["meeting"].items.count(),
    ),
    "item edit page": Action("get", lambda w, s: _item_url(s)),
    "item edit": Action(
        "post",
        lambda w, s: _item_url(s),
        lambda w, s: _item_data(
            kind=AgendaItemKind.HIGHLIGHT, title="Highlight report, revised", strategy=s["report"].strategy_id
        ),
        effect=lambda w, s: _reload(s["report"]).title,
    ),
    "item remove": Action(
        "post",
        lambda w, s: _item_url(s),
        lambda w, s: {"remove": "1", "seen_version": s["report"].version},
        effect=lambda w, s: s["meeting"].items.count(),
    ),
    "item move": Action(
        "post",
        lambda w, s: reverse("meetings:item-move", args=[s["meeting"].pk, s["exempt"].pk]),
        lambda w, s: {"direction": "up"},
        effect=lambda w, s: _reload(s["exempt"]).position,
    ),
    "programme add": Action(
        "post",
        lambda w, s: reverse("meetings:programme-add", args=[s["board"].pk]),
        lambda w, s: {
            "seen_version": 1,
            "title": "Six-month update",
            "kind": AgendaItemKind.DECISIONS,
            "due_from": _day(180),
        },
        effect=lambda w, s: s["board"].work_programme.count(),
    ),
    "programme remove": Action(
        "post",
        lambda w, s: reverse("meetings:programme-remove", args=[s["board"].pk, s["planned"].pk]),
        lambda w, s: {"seen_version": s["planned"].version},
        effect=lambda w, s: s["board"].work_programme.count(),
    ),
    "build": Action(
        "post",
        lambda w, s: reverse("meetings:build-packs", args=[s["meeting"].pk]),
        who=lambda target: BUILDERS[target],
        effect=lambda w, s: s["meeting"].builds.count(),
        reason="Only members of {board} and administrators can build its meeting packs.",
        rights=lambda user, side: permissions.can_build_pack(user, side["meeting"]),
        allowed_as=("scrutiny", "own"),
        refused_as=("scrutiny", "other"),
    ),
    "retry": Action(
        "post",
        lambda w, s: reverse("meetings:retry-build", args=[s["meeting"].pk, s["failed"].pk]),
        who=lambda target: BUILDERS[target],
        effect=lambda w, s: _reload(s["failed"]).status,
        reason="Only members of {board} and administrators can build its meeting packs.",
        rights=lambda user, side: permissions.can_build_pack(user, side["meeting"]),
        allowed_as=("scrutiny", "own"),
        refused_as=("scrutiny", "other"),
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("target", SIDES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_rights_to_act_on_a_meeting(world, role, target, action):
    a = ACTIONS[action]
    decision = a.rights(matrix.asked_as(world, role), world[target])
    assert bool(decision) == (role in a.who(target))
    if not decision and role != "anonymous":
        assert decision.reason == a.reason.format(board=world[target]["board"])


HTTP_CASES = [
    pytest.param(name, role, target, id=f"{name}-{role}-{target}")
    for name, a in ACTIONS.items()
    for role, target in (a.allowed_as, a.refused_as, ("anonymous", "own"))
]


@pytest.mark.django_db
@pytest.mark.parametrize("action,role,target", HTTP_CASES)
def test_acting_on_a_meeting(client, world, role, target, action, no_throttle):
    a = ACTIONS[action]
    side = world[target]
    user = world["people"][role]
    allowed = role in a.who(target)
    before = fingerprint()
    effect_before = a.effect(world, side) if a.effect else None
    jobs_before = queued_jobs()
    response = getattr(matrix.as_person(client, user), a.method)(
        a.url(world, side), a.data(world, side) if a.data else {}
    )
    effect_after = a.effect(world, side) if a.effect else None
    if role == "anonymous":
        assert matrix.refused_to_anonymous(response)
    elif allowed:
        expected = 302 if a.method == "post" else 200
        assert response.status_code == expected, response.content[:800]
        if a.effect:
            assert effect_after != effect_before, "an allowed action must do what it says"
    else:
        assert response.status_code == 403, response.content[:800]
        assert _reason_shown(response, a.reason.format(board=side["board"])), "the refusal says why"
    if not allowed:
        assert fingerprint() == before, "a refused action must change nothing"
        assert queued_jobs() == jobs_before
    elif action in ("build", "retry"):
        assert len(queued_jobs()) == len(jobs_before) + 1  # the build's job, in the outbox


@pytest.mark.django_db
def test_a_build_refused_while_the_queue_is_down_still_refuses_those_not_entitled(client, world, no_throttle):
    """The order of checks: a person who may not build learns nothing about the queue."""
    side = world["own"]
    before = fingerprint()
    client.force_login(world["people"]["councillor"])
    with mock.patch("commissioning.outbox.connected", side_effect=OperationalError("down")):
        response = client.post(reverse("meetings:build-packs", args=[side["meeting"].pk]))
    assert response.status_code == 403
    assert queued_jobs() == []
    assert fingerprint() == before


@pytest.mark.django_db
def test_a_build_of_one_meeting_cannot_be_retried_through_another(client, world, no_throttle):
    client.force_login(world["people"]["scrutiny"])
    url = reverse("meetings:retry-build", args=[world["own"]["meeting"].pk, world["other"]["failed"].pk])
    before = fingerprint()
    assert client.post(url).status_code == 404
    assert queued_jobs() == []
    assert fingerprint() == before


@pytest.mark.django_db
def test_an_item_cannot_be_changed_through_another_meeting(client, world, no_throttle):
    client.force_login(world["people"]["administrator"])
    own, other = world["own"], world["other"]
    before = fingerprint()
    url = reverse("meetings:item-edit", args=[own["meeting"].pk, other["report"].pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"remove": "1", "seen_version": 1}).status_code == 404
    move = reverse("meetings:item-move", args=[own["meeting"].pk, other["exempt"].pk])
    assert client.post(move, {"direction": "up"}).status_code == 404
    remove = reverse("meetings:programme-remove", args=[own["board"].pk, other["planned"].pk])
    assert client.post(remove, {"seen_version": 1}).status_code == 404
    assert fingerprint() == before


# The rights themselves: allowed, and why not ---------------------------------------------------------------


def _fresh(user):
    return get_user_model().objects.get(pk=user.pk) if user else None


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_managing_meetings_is_for_administrators(world, role):
    user = _fresh(world["people"][role]) or _anonymous()
    decision = permissions.can_manage_meetings(user)
    assert bool(decision) == (role == "administrator")
    if not decision:
        assert decision.reason == "Only administrators can set up meetings, agendas and work programmes."


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("target", SIDES)
def test_viewing_building_and_downloading(world, role, target):
    side = world[target]
    meeting = Meeting.objects.get(pk=side["meeting"].pk)
    user = _fresh(world["people"][role]) or _anonymous()
    signed_in = role != "anonymous"
    assert bool(permissions.can_view_meeting(user, meeting)) == signed_in
    if not signed_in:
        for decision in (
            permissions.can_view_meeting(user, meeting),
            permissions.can_build_pack(user, meeting),
            permissions.can_download(user, meeting, part=PackPart.PUBLIC),
        ):
            assert decision.reason == "Sign in first."
        return

    build = permissions.can_build_pack(user, meeting)
    assert bool(build) == (role in BUILDERS[target])
    if not build:
        assert (
            build.reason == f"Only members of {meeting.board} and administrators can build its meeting packs."
        )

    for part, what in ((PackPart.PUBLIC, "public pack"), (PackPart.CONFIDENTIAL, "confidential pack")):
        decision = permissions.can_download(user, meeting, part=part)
        assert bool(decision) == (role in DOWNLOADS[target][what]), part
        assert bool(permissions.can_download_pack(user, side[what])) == bool(decision)
        if not decision:
            packs = "confidential pack" if part == PackPart.CONFIDENTIAL else "packs"
            assert decision.reason == (
                f"This meeting's {packs} can be downloaded by members of {meeting.board}, the officers "
                "concerned and administrators."
            )


@pytest.mark.django_db
def test_joining_and_leaving_the_board_gives_and_takes_the_rights(world):
    side = world["other"]
    meeting, board = side["meeting"], side["board"]
    scrutiny = world["people"]["scrutiny"]
    assert not permissions.can_build_pack(scrutiny, meeting)
    assert not permissions.can_download(scrutiny, meeting, part=PackPart.CONFIDENTIAL)
    admin = world["people"]["administrator"]
    add_member(board=board, member=scrutiny, role=BoardMembership.Role.MEMBER, acting_user=admin)
    assert not permissions.can_build_pack(scrutiny, meeting), "cached for the request ..."
    forget(scrutiny)
    assert permissions.can_build_pack(scrutiny, meeting), "... and read again"
    assert permissions.can_download(scrutiny, meeting, part=PackPart.CONFIDENTIAL)
    remove_member(membership=BoardMembership.objects.get(board=board, member=scrutiny), acting_user=admin)
    forget(scrutiny)
    assert not permissions.can_build_pack(scrutiny, meeting)
    assert not permissions.can_download(scrutiny, meeting, part=PackPart.PUBLIC)


@pytest.mark.django_db
def test_the_officers_concerned_follow_the_agenda(world):
    """A commissioner is concerned while a strategy of theirs is on the agenda (an exempt item of it, for the
    confidential pack); taking the item off ends it, and an inactive account has no rights at all."""
    side = world["other"]
    admin = world["people"]["administrator"]
    commissioner2 = world["people"]["commissioner2"]
    meeting = Meeting.objects.get(pk=side["meeting"].pk)
    assert permissions.can_download(commissioner2, meeting, part=PackPart.PUBLIC)
    assert not permissions.can_download(commissioner2, meeting, part=PackPart.CONFIDENTIAL)

    exempt = AgendaItem.objects.get(pk=side["exempt"].pk)
    services.save_item(
        item=exempt,
        seen_version=exempt.version,
        changes={"strategy": world["strategies"]["other"]},
        acting_user=admin,
    )
    commissioner2 = _fresh(commissioner2)
    assert permissions.can_download(
        commissioner2, Meeting.objects.get(pk=meeting.pk), part=PackPart.CONFIDENTIAL
    )

    for item in AgendaItem.objects.filter(meeting=meeting, strategy=world["strategies"]["other"]):
        services.remove_item(item=item, seen_version=item.version, acting_user=admin)
    commissioner2 = _fresh(commissioner2)
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert not permissions.can_download(commissioner2, meeting, part=PackPart.PUBLIC)
    assert not permissions.can_download(commissioner2, meeting, part=PackPart.CONFIDENTIAL)

    scrutiny = _fresh(world["people"]["scrutiny"])
    own_meeting = world["own"]["meeting"]
    assert permissions.can_download(scrutiny, own_meeting, part=PackPart.CONFIDENTIAL)
    scrutiny.is_active = False
    assert not permissions.can_download(scrutiny, own_meeting, part=PackPart.PUBLIC)
    assert not permissions.can_build_pack(scrutiny, own_meeting)
    assert not permissions.can_manage_meetings(_inactive(admin))


def _inactive(user):
    user = _fresh(user)
    user.is_active = False
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("target", SIDES)
def test_restarting_a_stalled_build_takes_the_right_to_build(
    client, world, role, target, settings, no_throttle
):
    """The restart button has the build button's rights: the board's members and administrators."""
    side, user = world[target], world["people"][role]
    stalled = PackBuild.objects.create(
        meeting=side["meeting"],
        requested_by=world["people"]["administrator"],
        status=PackBuild.Status.RUNNING,
        heartbeat_at=timezone.now() - settings.PACK_BUILD_HEARTBEAT_TIMEOUT - timedelta(seconds=1),
    )
    before, jobs_before = fingerprint(), queued_jobs()
    response = matrix.as_person(client, user).post(
        reverse("meetings:restart-build", args=[side["meeting"].pk, stalled.pk])
    )
    allowed = role in BUILDERS[target]
    if role == "anonymous":
        assert matrix.refused_to_anonymous(response)
    elif allowed:
        assert response.status_code == 302
        assert _reload(stalled).status == PackBuild.Status.FAILED
        assert side["meeting"].builds.filter(status=PackBuild.Status.QUEUED).count() == 1
        assert len(queued_jobs()) == len(jobs_before) + 1
    else:
        assert response.status_code == 403
        assert _reason_shown(response, f"Only members of {side['board']} and administrators can build")
    if not allowed:
        assert _reload(stalled).status == PackBuild.Status.RUNNING
        assert fingerprint() == before and queued_jobs() == jobs_before
