"""Published agendas (#29 item 6: the meeting invitation with its pack), and the decisions search
without accents (#29 item 5): the GIN indexes of migration 0010 built again on the tym_finnish text
search configuration (core migration 0006: unaccent, then the Finnish stemmer), the very expression
decisions.lists and the header search ask for (core.search.text_matching). SQLite has no GIN index:
there the index step does nothing."""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models

INDEXES = {  # model: (index name, the fields decisions.lists searches)
    "agendaitem": ("item_text_search", ("title", "title_sv", "proposal", "decision")),
    "annex": ("annex_text_search", ("title",)),
}


def _indexes(apps, config):
    for model_name, (name, fields) in INDEXES.items():
        yield apps.get_model("decisions", model_name), GinIndex(SearchVector(*fields, config=config), name=name)


def _swap(old, new):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for model, index in _indexes(apps, old):
                schema_editor.remove_index(model, index)
            for model, index in _indexes(apps, new):
                schema_editor.add_index(model, index)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0006_finnish_search'),
        ('decisions', '0015_merge_minutes_and_admin_rectification'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AgendaPublication',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('published_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='agenda published at')),
                ('meeting', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='agenda_publication', to='decisions.meeting', verbose_name='meeting')),
                ('published_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='published by')),
            ],
            options={
                'verbose_name': 'published agenda',
                'verbose_name_plural': 'published agendas',
            },
        ),
        migrations.CreateModel(
            name='HistoricalAgendaPublication',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('published_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='agenda published at')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('meeting', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='decisions.meeting', verbose_name='meeting')),
                ('published_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='published by')),
            ],
            options={
                'verbose_name': 'historical published agenda',
                'verbose_name_plural': 'historical published agendas',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(_swap("finnish", "tym_finnish"), _swap("tym_finnish", "finnish")),
    ]
