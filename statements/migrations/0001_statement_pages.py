"""The statement pages, moved here from core (#32 item 5) with their tables: state only, the tables
core_statementpage and core_historicalstatementpage keep their names and rows. The content types are
relabelled, so permissions granted on the pages and the admin's log entries follow them."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

MODELS = ("statementpage", "historicalstatementpage")


def relabel(apps, schema_editor, old="core", new="statements"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def unlabel(apps, schema_editor):
    relabel(apps, schema_editor, old="statements", new="core")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('core', '0004_statement_pages_leave_core'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalStatementPage',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('accessibility', 'accessibility statement'), ('privacy', 'privacy notice')], db_index=True, max_length=20, verbose_name='kind')),
                        ('title_fi', models.CharField(max_length=200, verbose_name='title in Finnish')),
                        ('title_sv', models.CharField(blank=True, max_length=200, verbose_name='title in Swedish')),
                        ('title_en', models.CharField(blank=True, max_length=200, verbose_name='title in English')),
                        ('body_fi', models.TextField(verbose_name='text in Finnish')),
                        ('body_sv', models.TextField(blank=True, verbose_name='text in Swedish')),
                        ('body_en', models.TextField(blank=True, verbose_name='text in English')),
                        ('contact', models.TextField(blank=True, help_text="The organisation's name, e-mail and postal address; shown at the end of the page.", verbose_name='contact for feedback and requests')),
                        ('reviewed_on', models.DateField(verbose_name='last reviewed on')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'core_historicalstatementpage',
                'verbose_name': 'historical statement page',
                        'verbose_name_plural': 'historical statement pages',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='StatementPage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('accessibility', 'accessibility statement'), ('privacy', 'privacy notice')], max_length=20, unique=True, verbose_name='kind')),
                        ('title_fi', models.CharField(max_length=200, verbose_name='title in Finnish')),
                        ('title_sv', models.CharField(blank=True, max_length=200, verbose_name='title in Swedish')),
                        ('title_en', models.CharField(blank=True, max_length=200, verbose_name='title in English')),
                        ('body_fi', models.TextField(verbose_name='text in Finnish')),
                        ('body_sv', models.TextField(blank=True, verbose_name='text in Swedish')),
                        ('body_en', models.TextField(blank=True, verbose_name='text in English')),
                        ('contact', models.TextField(blank=True, help_text="The organisation's name, e-mail and postal address; shown at the end of the page.", verbose_name='contact for feedback and requests')),
                        ('reviewed_on', models.DateField(verbose_name='last reviewed on')),
                    ],
                    options={
                        'db_table': 'core_statementpage',
                'verbose_name': 'statement page',
                        'verbose_name_plural': 'statement pages',
                        'constraints': [models.CheckConstraint(condition=models.Q(('kind__in', ['accessibility', 'privacy'])), name='statement_kind_known')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel, unlabel),
    ]
