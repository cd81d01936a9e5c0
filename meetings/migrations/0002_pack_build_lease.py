"""Pack builds get a lease: the job meant to work them, the run working them and its heartbeat."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="packbuild",
            name="heartbeat_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="packbuild",
            name="job_id",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name="packbuild",
            name="lease",
            field=models.CharField(blank=True, max_length=64),
        ),
    ]
