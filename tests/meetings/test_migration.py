"""The migrations, run for real on a database of their own (the test databases are made from the models:
tests/conftest.py).

An install seeded before the meeting models moved from `members` to `meetings` (and notifications from
`members` to the core, `commissioning`) migrates without losing a row: an empty database is migrated to
members.0002 (before meetings.0001 and members.0003), rows are written through the models as they were then
(the historical apps), and it is migrated to the newest migrations: every meeting, agenda item, work
programme item, pack build and pack, and their history, is still there through the new models, and the
content types (with the permissions and object rights that point at them) now name the `meetings` app.

The database the migrations made then has the schema the models make (the tests' own database): the same
tables, columns, constraints, indexes and extensions.
"""

from collections import Counter
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import override_settings
from django.utils import timezone
from guardian.models import UserObjectPermission

from commissioning.models import Notification
from meetings.models import AgendaItem, Meeting, Pack, PackBuild, WorkProgrammeItem

from .. import schema

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
    """As `manage.py migrate` does: the migrations, then the post-migrate signal that adds the content types
    and permissions of the models as they then are."""
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(targets)
    state = executor.migrate(targets, plan=plan)
    emit_post_migrate_signal(0, False, connection.alias, apps=state.apps, plan=plan)
    return MigrationExecutor(connection)  # a fresh loader: it reads the history just written


# The schema, without the names PostgreSQL or Django derive (an install keeps the names a table or index had
# before it was renamed): what each table holds and how it is constrained and indexed.
SCHEMA = {
    "columns": """SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision,
                         numeric_scale, is_nullable, column_default, is_identity
                  FROM information_schema.columns WHERE table_schema = 'public'""",
    "constraints": """SELECT conrelid::regclass::text, contype, pg_get_constraintdef(oid)
                      FROM pg_constraint WHERE connamespace = 'public'::regnamespace""",
    "indexes": """SELECT tablename, regexp_replace(indexdef, '^CREATE (UNIQUE )?INDEX \\S+ ON', 'ON')
                  FROM pg_indexes WHERE schemaname = 'public'""",
    "extensions": "SELECT extname, '' FROM pg_extension",
}


# Django's own: its auth migrations made the groups' permissions table with a bigint key, while a table made
# from the models today gets the auth app's default (integer). Not ours to change.
DJANGO_OWN = {("auth_group_permissions", "id")}


def _schema() -> dict[str, Counter]:
    with connection.cursor() as cursor:
        found = {}
        for part, sql in SCHEMA.items():
            cursor.execute(sql)
            found[part] = Counter(
                tuple(row)
                for row in cursor.fetchall()
                if row[0] != "django_migrations" and tuple(row[:2]) not in DJANGO_OWN
            )
        return found


@pytest.fixture
def database_of_its_own(on_postgres, django_db_blocker):
    """An empty database beside the test database, which the default connection uses during the test:
    the migrations run on it from the start, as on a new install."""
    test_database = connection.settings_dict["NAME"]
    scratch = f"{test_database}_migrations"
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        cursor.execute(f'CREATE DATABASE "{scratch}"')
    connection.settings_dict["NAME"] = scratch
    ContentType.objects.clear_cache()
    schema.disconnect()  # not the test databases' additions: the migrations make their own
    try:
        with override_settings(MIGRATION_MODULES={}):  # the migrations themselves, not the models' tables
            yield test_database
    finally:
        schema.connect()
        connection.close()
        connection.settings_dict["NAME"] = test_database
        ContentType.objects.clear_cache()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}"')


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
def test_an_install_seeded_before_the_move_keeps_every_row_and_ends_with_the_models_schema(
    database_of_its_own,
):
    guardian = MigrationExecutor(connection).loader.graph.leaf_nodes("guardian")  # for the object right below
    executor = _migrate(BEFORE + guardian)
    old_apps = executor.loader.project_state(BEFORE[:1]).apps
    assert set(ContentType.objects.filter(model__in=MOVED).values_list("app_label", flat=True)) == {"members"}
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

    assert not executor.migration_plan(executor.loader.graph.leaf_nodes()), "a migration was left unapplied"
    migrated = _schema()
    connection.close()
    connection.settings_dict["NAME"] = database_of_its_own
    from_models = _schema()
    differences = {
        part: {
            "made by the migrations only": sorted(migrated[part] - from_models[part]),
            "made by the models only": sorted(from_models[part] - migrated[part]),
        }
        for part in SCHEMA
    }
    assert all(not d for by in differences.values() for d in by.values()), differences


def test_each_migration_function_is_run_on_the_test_databases_or_changes_only_existing_rows():
    """The test databases are made from the models (tests/schema.py): a new migration that adds rows, an
    extension or SQL of its own must be listed there, or the tests would run without it."""
    from django.contrib.postgres.operations import CreateExtension
    from django.db.migrations import RunPython, RunSQL
    from django.db.migrations.loader import MigrationLoader

    with override_settings(MIGRATION_MODULES={}):
        loader = MigrationLoader(None, replace_migrations=False)
    ours = {
        "commissioning",
        "strategies",
        "plans",
        "members",
        "gateway",
        "delivery",
        "meetings",
        "public",
        "api",
    }
    unlisted = []
    for (app, name), migration in sorted(loader.disk_migrations.items()):
        if app not in ours or migration.replaces:
            continue
        for operation in migration.operations:
            if isinstance(operation, RunPython) and not operation.elidable:
                function = (operation.code.__module__, operation.code.__name__)
                if function not in schema.FROM_MIGRATIONS + schema.ONLY_EXISTING_ROWS:
                    unlisted.append(f"{app}.{name}: {function[1]}()")
            elif isinstance(operation, CreateExtension) and operation.name not in schema.EXTENSIONS:
                unlisted.append(f"{app}.{name}: extension {operation.name}")
            elif isinstance(operation, RunSQL) and not operation.elidable:
                unlisted.append(f"{app}.{name}: SQL")
    assert unlisted == [], "list these in tests/schema.py"
