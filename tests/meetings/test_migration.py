"""An install seeded before the meeting models moved from `members` to `meetings` (and notifications from
`members` to the core, `commissioning`) migrates without losing a row.

The database is taken back to members.0002 (before meetings.0001 and members.0003), rows are written through the
models as they were then (the historical apps), and it is migrated forward again: every meeting, agenda item,
work programme item, pack build and pack, and their history, is still there through the new models, and the
content types (with the permissions and object rights that point at them) now name the `meetings` app.
"""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from guardian.models import UserObjectPermission

from commissioning.models import Notification
from meetings.models import AgendaItem, Meeting, Pack, PackBuild, WorkProgrammeItem

BEFORE = [("members", "0002_meetings_and_packs"), ("meetings", None), ("commissioning", "0002_roles")]
MOVED = [
    "meeting",
    "historicalmeeting",
    "agendaitem",
    "historicalagendaitem",
    "workprogrammeitem",
    "historicalworkprogrammeitem",
    "packbuild",
    "pack",
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection)  # a fresh loader: it reads the history just written


def _seed(apps):
    """A meeting with its agenda, work programme, a build, a pack and history, as the old code wrote them."""
    user = apps.get_model("commissioning", "User").objects.create(username="clerk", first_name="Pat")
    group = apps.get_model("auth", "Group").objects.create(name="Board: Executive (before the move)")
    board = apps.get_model("members", "Board").objects.create(
        name="Executive (before the move)", kind="executive", group=group
    )
    meeting = apps.get_model("members", "Meeting").objects.create(
        board=board, starts_at=timezone.now() + timedelta(days=7), venue="Council Chamber", minutes="Agreed."
    )
    agenda_item = apps.get_model("members", "AgendaItem")
    minutes = agenda_item.objects.create(meeting=meeting, kind="minutes", position=1, title="Minutes")
    exempt = agenda_item.objects.create(
        meeting=meeting, kind="document", position=2, title="Terms", confidential=True, exemption="3"
    )
    planned = apps.get_model("members", "WorkProgrammeItem").objects.create(
        board=board, title="An update", kind="minutes", due_from=date(2030, 1, 1), added_by=user
    )
    placed = apps.get_model("members", "WorkProgrammeItem").objects.create(
        board=board,
        title="Placed",
        kind="minutes",
        due_from=date(2020, 1, 1),
        added_by=user,
        agenda_item=minutes,
    )
    build = apps.get_model("members", "PackBuild").objects.create(
        meeting=meeting, requested_by=user, status="done", progress=100
    )
    pack = apps.get_model("members", "Pack").objects.create(
        meeting=meeting,
        part="public",
        version=1,
        build=build,
        file="packs/2030/01/1-public-v1.pdf",
        sha256="0" * 64,
        pages=3,
        size=1024,
        built_by=user,
    )
    history = {"history_date": timezone.now(), "history_type": "+", "history_user_id": user.pk}
    apps.get_model("members", "HistoricalMeeting").objects.create(
        id=meeting.pk, board_id=board.pk, starts_at=meeting.starts_at, venue=meeting.venue, **history
    )
    apps.get_model("members", "HistoricalAgendaItem").objects.create(
        id=minutes.pk, meeting_id=meeting.pk, kind="minutes", position=1, title="Minutes", **history
    )
    apps.get_model("members", "HistoricalWorkProgrammeItem").objects.create(
        id=planned.pk,
        board_id=board.pk,
        title="An update",
        kind="minutes",
        due_from=planned.due_from,
        **history,
    )
    notification = apps.get_model("members", "Notification").objects.create(
        key="decision:1", recipients=["pat@example.org"], subject="A decision", body="Agreed."
    )
    return {
        "notification": notification,
        "user": user,
        "meeting": meeting,
        "items": [minutes, exempt],
        "planned": [planned, placed],
        "build": build,
        "pack": pack,
    }


@pytest.mark.django_db(transaction=True)
def test_an_install_seeded_before_the_move_keeps_every_row():
    try:
        executor = _migrate(BEFORE)
        old_apps = executor.loader.project_state(BEFORE[:1]).apps
        assert set(ContentType.objects.filter(model__in=MOVED).values_list("app_label", flat=True)) == {
            "members"
        }
        old = _seed(old_apps)
        # An object right on a meeting, through guardian's generic table (content type and object id).
        view_meeting = Permission.objects.get(content_type__app_label="members", codename="view_meeting")
        # (bulk_create: guardian's save() would look the meeting up through the current models, which the old
        # content type does not name.)
        [right] = UserObjectPermission.objects.bulk_create(
            [
                UserObjectPermission(
                    user_id=old["user"].pk,
                    permission=view_meeting,
                    content_type=view_meeting.content_type,
                    object_pk=str(old["meeting"].pk),
                )
            ]
        )

        executor = _migrate(executor.loader.graph.leaf_nodes())
        ContentType.objects.clear_cache()

        meeting = Meeting.objects.get(pk=old["meeting"].pk)
        assert (meeting.venue, meeting.minutes, meeting.board.name) == (
            "Council Chamber",
            "Agreed.",
            "Executive (before the move)",
        )
        items = list(meeting.items.order_by("position"))
        assert [(i.pk, i.kind, i.title, i.confidential, i.exemption) for i in items] == [
            (old["items"][0].pk, "minutes", "Minutes", False, ""),
            (old["items"][1].pk, "document", "Terms", True, "3"),
        ]
        planned = WorkProgrammeItem.objects.filter(board=meeting.board).order_by("pk")
        assert [(p.pk, p.title, p.agenda_item_id) for p in planned] == [
            (old["planned"][0].pk, "An update", None),
            (old["planned"][1].pk, "Placed", old["items"][0].pk),
        ]
        build = PackBuild.objects.get(pk=old["build"].pk)
        assert (build.meeting_id, build.status, build.progress) == (meeting.pk, "done", 100)
        pack = Pack.objects.get(pk=old["pack"].pk)
        assert (pack.build_id, pack.file.name, pack.sha256, pack.pages) == (
            build.pk,
            "packs/2030/01/1-public-v1.pdf",
            "0" * 64,
            3,
        )
        assert [h.venue for h in meeting.history.all()] == ["Council Chamber"]
        assert [h.title for h in AgendaItem.history.filter(id=items[0].pk)] == ["Minutes"]
        assert [h.title for h in WorkProgrammeItem.history.filter(id=old["planned"][0].pk)] == ["An update"]

        # The content types moved (not copied): permissions and object rights follow them.
        assert set(ContentType.objects.filter(model__in=MOVED).values_list("app_label", flat=True)) == {
            "meetings"
        }
        assert ContentType.objects.get_for_model(Meeting).pk == view_meeting.content_type_id
        right.refresh_from_db()
        assert right.content_type.model_class() is Meeting
        assert right.content_object == meeting
        assert Permission.objects.get(pk=view_meeting.pk).content_type.app_label == "meetings"

        # The outbox moved to the core with its rows: an e-mail written before the upgrade is still sent.
        note = Notification.objects.get(pk=old["notification"].pk)
        assert (note.key, note.recipients, note.subject, note.sent_at) == (
            "decision:1",
            ["pat@example.org"],
            "A decision",
            None,
        )
        assert ContentType.objects.get_for_model(Notification).app_label == "commissioning"
        assert not ContentType.objects.filter(app_label="members", model="notification").exists()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        ContentType.objects.clear_cache()
