"""The use and disclosure log, moved here from core (#32 item 5) with its table: state only, the table
core_auditevent keeps its name, its rows and so its hash chain, and its index keeps its name. The
content type is relabelled, so permissions granted on the log follow it."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

MODELS = ("auditevent",)


def relabel(apps, schema_editor, old="core", new="auditlog"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def unlabel(apps, schema_editor):
    relabel(apps, schema_editor, old="auditlog", new="core")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('core', '0005_audit_log_leaves_core'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='AuditEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='time')),
                        ('username', models.CharField(blank=True, max_length=150, verbose_name='user name')),
                        ('action', models.CharField(choices=[('login', 'logged in'), ('login_failed', 'failed login'), ('logout', 'logged out'), ('refused', 'refused'), ('view', 'viewed a record'), ('disclose', 'document or data disclosed'), ('grant', 'right granted'), ('withdraw', 'right withdrawn'), ('password', 'password changed or reset')], max_length=20, verbose_name='action')),
                        ('target', models.CharField(max_length=300, verbose_name='what')),
                        ('right', models.CharField(blank=True, max_length=200, verbose_name='on what right')),
                        ('result', models.CharField(max_length=40, verbose_name='result')),
                        ('ip', models.GenericIPAddressField(blank=True, null=True, verbose_name='address')),
                        ('previous_hash', models.CharField(blank=True, max_length=64)),
                        ('hash', models.CharField(max_length=64, unique=True)),
                        ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='user')),
                    ],
                    options={
                        'db_table': 'core_auditevent',
                        'verbose_name': 'use and disclosure log entry',
                        'verbose_name_plural': 'use and disclosure log',
                        'ordering': ['-pk'],
                        'indexes': [models.Index(fields=['username', 'at'], name='core_audite_usernam_c6b84a_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel, unlabel),
    ]
