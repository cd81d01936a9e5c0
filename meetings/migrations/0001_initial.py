"""The meeting models move here from `members`, over the tables they already have: this migration only tells
Django's state that they are now this app's (each keeps its table through Meta.db_table, and the history tables
through HistoricalRecords(table_name=...)), and moves their content types, so the permissions and any object
rights and generic relations that point at them follow. members.0003 then drops them from members' state. No
table is created, renamed or dropped, so no row can be lost."""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

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


def _move_content_types(apps, from_label, to_label):
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if content_type.objects.filter(app_label=to_label, model=model).exists():
            continue  # already there (made by a migrate run with the new code): leave both as they are
        content_type.objects.filter(app_label=from_label, model=model).update(app_label=to_label)
    content_type.objects.clear_cache()


def content_types_to_meetings(apps, schema_editor):
    _move_content_types(apps, "members", "meetings")


def content_types_to_members(apps, schema_editor):
    _move_content_types(apps, "meetings", "members")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('members', '0002_meetings_and_packs'),
        ('strategies', '0003_alter_strategy_options'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='AgendaItem',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('version', models.PositiveIntegerField(default=1, editable=False)),
                        ('kind', models.CharField(choices=[('strategy', 'Strategy: the outcomes for approval'), ('plan', 'Plan: services, delivery and commercial model for approval'), ('highlight', 'Highlight report'), ('gateway', 'Gateway review'), ('recommendations', 'Scrutiny recommendations'), ('decisions', 'Decision summaries'), ('minutes', 'Minutes of the last meeting'), ('document', 'An uploaded document')], max_length=20)),
                        ('position', models.PositiveIntegerField()),
                        ('title', models.CharField(max_length=300)),
                        ('document', models.FileField(blank=True, upload_to='agenda/%Y/%m/', verbose_name='PDF document')),
                        ('document_pages', models.PositiveIntegerField(default=0, editable=False)),
                        ('confidential', models.BooleanField(default=False, help_text='Exempt items go into a separate confidential pack that only entitled people can download.', verbose_name='exempt from publication')),
                        ('exemption', models.CharField(blank=True, choices=[('1', 'Paragraph 1: information relating to any individual'), ('2', 'Paragraph 2: information likely to reveal the identity of an individual'), ('3', 'Paragraph 3: financial or business affairs of any particular person (including the council)'), ('4', 'Paragraph 4: consultations or negotiations on labour relations'), ('5', 'Paragraph 5: legal professional privilege'), ('6', 'Paragraph 6: notices, orders or directions the council proposes to give or make'), ('7', 'Paragraph 7: the prevention, investigation or prosecution of crime')], max_length=2, verbose_name='reason for exemption')),
                        ('strategy', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='agenda_items', to='strategies.strategy')),
                    ],
                    options={
                        'db_table': 'members_agendaitem',
                        'ordering': ['meeting', 'position', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalMeeting',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('version', models.PositiveIntegerField(default=1, editable=False)),
                        ('starts_at', models.DateTimeField(verbose_name='date and time')),
                        ('venue', models.CharField(max_length=200)),
                        ('minutes', models.TextField(blank=True, help_text="The minutes of this meeting, once taken. The next meeting's pack includes them.")),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('board', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.board')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical meeting',
                        'verbose_name_plural': 'historical meetings',
                        'db_table': 'members_historicalmeeting',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalWorkProgrammeItem',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('version', models.PositiveIntegerField(default=1, editable=False)),
                        ('title', models.CharField(max_length=300)),
                        ('kind', models.CharField(choices=[('strategy', 'Strategy: the outcomes for approval'), ('plan', 'Plan: services, delivery and commercial model for approval'), ('highlight', 'Highlight report'), ('gateway', 'Gateway review'), ('recommendations', 'Scrutiny recommendations'), ('decisions', 'Decision summaries'), ('minutes', 'Minutes of the last meeting'), ('document', 'An uploaded document')], max_length=20)),
                        ('due_from', models.DateField(verbose_name='for the first meeting on or after')),
                        ('notes', models.TextField(blank=True)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('added_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('agenda_item', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='meetings.agendaitem')),
                        ('board', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.board')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('strategy', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='strategies.strategy')),
                    ],
                    options={
                        'verbose_name': 'historical work programme item',
                        'verbose_name_plural': 'historical work programme items',
                        'db_table': 'members_historicalworkprogrammeitem',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Meeting',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('version', models.PositiveIntegerField(default=1, editable=False)),
                        ('starts_at', models.DateTimeField(verbose_name='date and time')),
                        ('venue', models.CharField(max_length=200)),
                        ('minutes', models.TextField(blank=True, help_text="The minutes of this meeting, once taken. The next meeting's pack includes them.")),
                        ('board', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='meetings', to='members.board')),
                    ],
                    options={
                        'db_table': 'members_meeting',
                        'ordering': ['-starts_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalAgendaItem',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('version', models.PositiveIntegerField(default=1, editable=False)),
                        ('kind', models.CharField(choices=[('strategy', 'Strategy: the outcomes for approval'), ('plan', 'Plan: services, delivery and commercial model for approval'), ('highlight', 'Highlight report'), ('gateway', 'Gateway review'), ('recommendations', 'Scrutiny recommendations'), ('decisions', 'Decision summaries'), ('minutes', 'Minutes of the last meeting'), ('document', 'An uploaded document')], max_length=20)),
                        ('position', models.PositiveIntegerField()),
                        ('title', models.CharField(max_length=300)),
                        ('document', models.TextField(blank=True, max_length=100, verbose_name='PDF document')),
                        ('document_pages', models.PositiveIntegerField(default=0, editable=False)),
                        ('confidential', models.BooleanField(default=False, help_text='Exempt items go into a separate confidential pack that only entitled people can download.', verbose_name='exempt from publication')),
                        ('exemption', models.CharField(blank=True, choices=[('1', 'Paragraph 1: information relating to any individual'), ('2', 'Paragraph 2: information likely to reveal the identity of an individual'), ('3', 'Paragraph 3: financial or business affairs of any particular person (including the council)'), ('4', 'Paragraph 4: consultations or negotiations on labour relations'), ('5', 'Paragraph 5: legal professional privilege'), ('6', 'Paragraph 6: notices, orders or directions the council proposes to give or make'), ('7', 'Paragraph 7: the prevention, investigation or prosecution of crime')], max_length=2, verbose_name='reason for exemption')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('strategy', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='strategies.strategy')),
                        ('meeting', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='meetings.meeting')),
                    ],
                    options={
                        'verbose_name': 'historical agenda item',
                        'verbose_name_plural': 'historical agenda items',
                        'db_table': 'members_historicalagendaitem',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.AddField(
                    model_name='agendaitem',
                    name='meeting',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='meetings.meeting'),
                ),
                migrations.CreateModel(
                    name='PackBuild',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('requested_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('status', models.CharField(choices=[('queued', 'Waiting for a worker'), ('running', 'Building'), ('done', 'Built'), ('failed', 'Failed')], default='queued', max_length=10)),
                        ('progress', models.PositiveSmallIntegerField(default=0)),
                        ('step', models.CharField(blank=True, max_length=200)),
                        ('error', models.TextField(blank=True)),
                        ('attempts', models.PositiveSmallIntegerField(default=0)),
                        ('finished_at', models.DateTimeField(blank=True, null=True)),
                        ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='builds', to='meetings.meeting')),
                        ('requested_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'members_packbuild',
                        'ordering': ['-requested_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Pack',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('part', models.CharField(choices=[('public', 'Public pack'), ('confidential', 'Confidential pack (exempt items)')], max_length=20)),
                        ('version', models.PositiveIntegerField()),
                        ('file', models.FileField(upload_to='packs/%Y/%m/')),
                        ('sha256', models.CharField(max_length=64, verbose_name='SHA-256')),
                        ('pages', models.PositiveIntegerField()),
                        ('size', models.PositiveIntegerField()),
                        ('built_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('built_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='packs', to='meetings.meeting')),
                        ('build', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='packs', to='meetings.packbuild')),
                    ],
                    options={
                        'db_table': 'members_pack',
                        'ordering': ['meeting', 'part', '-version'],
                    },
                ),
                migrations.CreateModel(
                    name='WorkProgrammeItem',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('version', models.PositiveIntegerField(default=1, editable=False)),
                        ('title', models.CharField(max_length=300)),
                        ('kind', models.CharField(choices=[('strategy', 'Strategy: the outcomes for approval'), ('plan', 'Plan: services, delivery and commercial model for approval'), ('highlight', 'Highlight report'), ('gateway', 'Gateway review'), ('recommendations', 'Scrutiny recommendations'), ('decisions', 'Decision summaries'), ('minutes', 'Minutes of the last meeting'), ('document', 'An uploaded document')], max_length=20)),
                        ('due_from', models.DateField(verbose_name='for the first meeting on or after')),
                        ('notes', models.TextField(blank=True)),
                        ('added_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('agenda_item', models.OneToOneField(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='planned', to='meetings.agendaitem')),
                        ('board', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='work_programme', to='members.board')),
                        ('strategy', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='strategies.strategy')),
                    ],
                    options={
                        'db_table': 'members_workprogrammeitem',
                        'ordering': ['board', 'due_from', 'pk'],
                    },
                ),
                migrations.AddIndex(
                    model_name='meeting',
                    index=models.Index(fields=['board', 'starts_at'], name='members_mee_board_i_029704_idx'),
                ),
                migrations.AddConstraint(
                    model_name='agendaitem',
                    constraint=models.CheckConstraint(condition=models.Q(('confidential', False), models.Q(('exemption', ''), _negated=True), _connector='OR'), name='exempt_item_says_why'),
                ),
                migrations.AddConstraint(
                    model_name='pack',
                    constraint=models.UniqueConstraint(fields=('meeting', 'part', 'version'), name='one_pack_per_version'),
                ),
                migrations.AddConstraint(
                    model_name='pack',
                    constraint=models.UniqueConstraint(fields=('build', 'part'), name='one_pack_per_build_part'),
                ),
            ],
        ),
        migrations.RunPython(content_types_to_meetings, content_types_to_members),
    ]
