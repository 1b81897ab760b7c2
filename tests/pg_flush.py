"""The transactional tests' cleanup on PostgreSQL with DELETE instead of TRUNCATE (#32).

After every test that commits (the browser tests, live_server, transaction=True) Django's `flush`
empties every table. On PostgreSQL it does that with one TRUNCATE of all ~150 tables, which gives
each table and index a new file and syncs them at commit: about 1.3 s a test, mostly with the
tables already empty, some 80 times a run. DELETE of every table (one statement each, no new files)
takes some 40 ms and leaves the same thing behind: every table empty, the sequences where they were
(Django's TRUNCATE does not RESTART IDENTITY either), and then the same post_migrate as before.

- Every foreign key Django makes is DEFERRABLE INITIALLY DEFERRED, so the order of the DELETEs does
  not matter; a key that was not would make the flush fail loudly, never leave rows behind.
- A table with a trigger of its own (the use and disclosure log's INSERT-only trigger refuses DELETE,
  auditlog/migrations/0002) is still TRUNCATEd, as before.
- A flush asked to reset the sequences or to cascade keeps Django's own SQL.
"""

from __future__ import annotations

from django.db.backends.postgresql.operations import DatabaseOperations

_original = DatabaseOperations.sql_flush


def _tables_with_triggers(connection) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal")
        return {name.strip('"') for (name,) in cursor.fetchall()}


def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
    if not tables or reset_sequences or allow_cascade:
        return _original(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
    triggered = _tables_with_triggers(self.connection)
    sql = ["SET CONSTRAINTS ALL DEFERRED;"]
    sql += [f"DELETE FROM {self.quote_name(table)};" for table in tables if table not in triggered]  # noqa: S608
    truncated = [self.quote_name(table) for table in tables if table in triggered]
    if truncated:
        sql.append(f"TRUNCATE {', '.join(truncated)};")
    return sql


def install() -> None:
    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign]
