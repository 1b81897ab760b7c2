"""The use and disclosure log moves to its own app (#32 item 5): core forgets the model, the table
core_auditevent stays (auditlog.0001 takes it over by name), so no row, hash or index is touched."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0004_statement_pages_leave_core")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AuditEvent")],
            database_operations=[],
        ),
    ]
