"""The statement pages move to their own app (#32 item 5): core forgets the models, the tables stay
(statements.0001 takes them over by name), so no row is touched."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0003_statement_pages")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="HistoricalStatementPage"),
                migrations.DeleteModel(name="StatementPage"),
            ],
            database_operations=[],
        ),
    ]
