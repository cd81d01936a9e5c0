"""The meeting models now belong to the `meetings` app (meetings.0001 took them over, tables and all): they
leave members' state only. The tables stay as they are, with every row."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0002_meetings_and_packs'),
        ('meetings', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                # Those pointed at first, so no model left in the state points at one that has gone.
                migrations.DeleteModel(name='Pack'),
                migrations.DeleteModel(name='PackBuild'),
                migrations.DeleteModel(name='WorkProgrammeItem'),
                migrations.DeleteModel(name='HistoricalWorkProgrammeItem'),
                migrations.DeleteModel(name='HistoricalAgendaItem'),
                migrations.DeleteModel(name='AgendaItem'),
                migrations.DeleteModel(name='HistoricalMeeting'),
                migrations.DeleteModel(name='Meeting'),
            ],
        ),
    ]
