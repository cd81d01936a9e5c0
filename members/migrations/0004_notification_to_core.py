"""Notifications are the core's now (commissioning 0003 takes the model over the same table, rows and
all): out of members' state only, and the content type (with its permissions) follows."""

from django.db import migrations


def content_type_to_core(apps, schema_editor):
    _move_content_type(apps, "members", "commissioning")


def content_type_to_members(apps, schema_editor):
    _move_content_type(apps, "commissioning", "members")


def _move_content_type(apps, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    old = ContentType.objects.filter(app_label=source, model="notification").first()
    if old is None:
        return  # a fresh database: the content type is made after migrating, under its new app
    # One made under the new app meanwhile (e.g. by a post-migrate signal) gives way to the old one, which
    # the permissions point at.
    ContentType.objects.filter(app_label=target, model="notification").delete()
    old.app_label = target
    old.save(update_fields=["app_label"])


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0003_meetings_to_meetings_app"),
        ("commissioning", "0003_notification"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Notification")],
            database_operations=[],
        ),
        migrations.RunPython(content_type_to_core, content_type_to_members),
    ]
