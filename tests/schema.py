"""The test databases are made from the models (`--no-migrations`, pyproject.toml) rather than by running
every migration: ~1 s of CPU instead of ~30 s per xdist worker. What the migrations add besides the models'
tables is added here by the migrations' own functions, after each flush too (a transactional test's), so
every test starts on the same world. tests/meetings/test_migration.py runs the migrations for real on a
database of their own and checks they make the schema the models make."""

import importlib

from django.apps import apps
from django.db import connections
from django.db.models.signals import post_migrate, pre_migrate

EXTENSIONS = ["pg_trgm"]  # gateway.0002 (TrigramExtension)
FROM_MIGRATIONS = [
    ("commissioning.migrations.0002_roles", "create_roles"),
    ("gateway.migrations.0002_trigram_and_default_criteria", "add_defaults"),
    ("gateway.migrations.0003_trigram_indexes", "create"),
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


def connect():
    pre_migrate.connect(add_extensions, dispatch_uid=UID)
    post_migrate.connect(from_migrations, dispatch_uid=UID)


def disconnect():
    pre_migrate.disconnect(dispatch_uid=UID)
    post_migrate.disconnect(dispatch_uid=UID)
