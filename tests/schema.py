"""The test databases are made from the models (`--no-migrations`, pyproject.toml) rather than by running
every migration: ~1 s of CPU instead of ~30 s per xdist worker. What the migrations add besides the models'
tables is added here by the migrations' own functions, after each flush too (a transactional test's), so
every test starts on the same world. tests/meetings/test_migration.py runs the migrations for real on a
database of their own and checks they make the schema the models make."""

import importlib

from django.apps import apps
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.models.signals import post_migrate, pre_migrate
from django.test.utils import override_settings

EXTENSIONS = ["pg_trgm"]  # gateway.0002 (TrigramExtension)
FROM_MIGRATIONS = [
    ("commissioning.migrations.0002_roles", "create_roles"),
    ("commissioning.migrations.0007_search_entries", "create_indexes"),
    ("gateway.migrations.0002_trigram_and_default_criteria", "add_defaults"),
    ("gateway.migrations.0003_trigram_indexes", "create"),
    ("strategies.migrations.0006_impact_areas", "add"),
    ("strategies.migrations.0009_checklist_thresholds", "add"),
]
# The migrations' other functions change rows an install already has: on an empty database they do nothing.
# (Elidable ones, and squashes, which repeat the functions of the migrations they replace, need no listing.)
ONLY_EXISTING_ROWS = [
    ("gateway.migrations.0005_overlap_pairs", "queue_first_comparison"),
    ("meetings.migrations.0001_initial", "content_types_to_meetings"),
    ("members.migrations.0004_notification_to_core", "content_type_to_core"),
    ("members.migrations.0007_declarations_from_decisions", "forwards"),
]
UID = "tests-from-migrations"


def add_extensions(sender, using, **kwargs):
    if connections[using].vendor == "postgresql" and sender.label == "commissioning":
        with connections[using].cursor() as cursor:
            for name in EXTENSIONS:
                cursor.execute(f"CREATE EXTENSION IF NOT EXISTS {name}")


def from_migrations(sender, using, **kwargs):
    if sender is not [c for c in apps.get_app_configs() if c.models_module][-1]:
        return  # once, after every app's tables, content types and permissions
    with connections[using].schema_editor() as editor:
        for module, function in FROM_MIGRATIONS:
            getattr(importlib.import_module(module), function)(apps, editor)
    _recorded_as_applied(connections[using])


def _recorded_as_applied(connection):
    """Every migration recorded as applied, as `migrate --fake` would (without rendering each state): a
    `manage.py migrate` the tests run against this database (the compose recipe's) finds nothing to do, as
    on an install that is up to date. Once: a flush leaves the record alone."""
    recorder = MigrationRecorder(connection)
    recorder.ensure_schema()
    if recorder.migration_qs.exists():
        return
    with override_settings(MIGRATION_MODULES={}):
        loader = MigrationLoader(connection)
    # A squash's replaced migrations too, as `migrate` records them when it applies the squash.
    replaced = {key for squash in loader.replacements.values() for key in squash.replaces}
    recorder.migration_qs.bulk_create(
        recorder.Migration(app=app, name=name) for app, name in set(loader.graph.nodes) | replaced
    )


def connect():
    pre_migrate.connect(add_extensions, dispatch_uid=UID)
    post_migrate.connect(from_migrations, dispatch_uid=UID)


def disconnect():
    pre_migrate.disconnect(dispatch_uid=UID)
    post_migrate.disconnect(dispatch_uid=UID)
