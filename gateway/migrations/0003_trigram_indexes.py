from django.db import migrations

# Trigram indexes on the wording the overlap finder compares (gateway.overlaps), so each comparison is an
# indexed join rather than every item against every item. PostgreSQL only: SQLite compares in Python.
INDEXES = [
    ("gateway_outcome_title_trgm", "strategies_outcome", "title"),
    ("gateway_service_name_trgm", "plans_plannedservice", "name"),
    ("gateway_scope_area_trgm", "strategies_scopeitem", "area"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (lower({column}) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _, _ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("gateway", "0002_trigram_and_default_criteria"),
        ("strategies", "0001_initial"),
        ("plans", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
