"""The header search's text configuration on PostgreSQL (#29 item 5): `tym_finnish` is the Finnish one
with `unaccent` before the stemmer, so "johtoryhma" finds "johtoryhmän" and "jamsa" finds "Jämsä".
unaccent is a trusted extension (PostgreSQL 13+): the database's owner may create it. On SQLite the
search folds text in Python (core/search.py) and this migration does nothing."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS tym_finnish",
    "CREATE TEXT SEARCH CONFIGURATION tym_finnish (COPY = pg_catalog.finnish)",
    "ALTER TEXT SEARCH CONFIGURATION tym_finnish ALTER MAPPING FOR hword, hword_part, word "
    "WITH unaccent, finnish_stem",
]
BACKWARD = ["DROP TEXT SEARCH CONFIGURATION IF EXISTS tym_finnish"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0005_audit_log_leaves_core")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
