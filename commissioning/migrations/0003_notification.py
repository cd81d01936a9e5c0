"""Notifications move to the core from members (every app notifies through commissioning.notifications).
The table stays as it is, rows and all: this only tells Django's state the model is the core's now;
members 0003 takes it out of members' state."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("commissioning", "0002_roles")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Notification",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("key", models.CharField(max_length=100, unique=True)),
                        ("recipients", models.JSONField(default=list)),
                        ("subject", models.CharField(max_length=200)),
                        ("body", models.TextField()),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("sent_at", models.DateTimeField(blank=True, null=True)),
                    ],
                    options={"db_table": "members_notification", "ordering": ["-created_at"]},
                ),
            ],
            database_operations=[],
        ),
    ]
