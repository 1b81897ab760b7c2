"""The transactional tests' cleanup on PostgreSQL (tests/pg_flush.py) empties every table as Django's
TRUNCATE did, the append-only use and disclosure log included, and keeps the sequences."""

import pytest
from django.core.management.color import no_style
from django.db import connection

from auditlog import audit
from tests.factories import UserFactory
from tests.tools import require


@pytest.mark.django_db(transaction=True)
def test_the_flush_empties_every_table_and_keeps_the_sequences(world, group_world, published):
    # On SQLite the flush is Django's own; CI (REQUIRE_POSTGRESQL=1) fails here rather than skip.
    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)", "REQUIRE_POSTGRESQL")
    audit.record("view", "a record", user=world.secretary)  # the table whose trigger refuses DELETE
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    with connection.cursor() as cursor:
        filled = [t for t in tables if _count(cursor, t)]
    assert len(filled) > 20
    assert "core_auditevent" in filled
    last_user = UserFactory(username="last").pk
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables))
    with connection.cursor() as cursor:
        assert {t: _count(cursor, t) for t in tables if _count(cursor, t)} == {}
    assert UserFactory(username="next").pk > last_user


def _count(cursor, table):
    cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
    return cursor.fetchone()[0]
