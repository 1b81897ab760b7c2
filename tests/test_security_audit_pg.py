"""#31 item 3 on PostgreSQL: the chain holds under concurrent writers, and the table is INSERT-only for
the application's role (a trigger), pruning left to the pruner's role."""

import datetime
import threading
import time

import pytest
from django.db import DatabaseError, connection, transaction

from auditlog import audit
from auditlog.models import AuditEvent
from tests.tools import require


def require_postgresql():
    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)", "REQUIRE_POSTGRESQL")


@pytest.mark.django_db(transaction=True)
def test_eight_threads_of_25_logged_reads_leave_a_chain_that_verifies(world):
    """With a lock on the newest row 8 concurrent readers forked the chain (202 forks in 6,909 rows); the
    head row's lock makes each append see the one before it."""
    require_postgresql()
    before = AuditEvent.objects.count()
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def reader(n: int) -> None:
        try:
            barrier.wait(timeout=10)
            for m in range(25):
                audit.record(
                    "view", f"/organisations/{n}/{m}/", user=world.member, right="viewer", ip="10.0.0.1"
                )
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    start = time.monotonic()
    threads = [threading.Thread(target=reader, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert time.monotonic() - start < 20
    assert AuditEvent.objects.count() == before + 200
    assert audit.verify() is None


@pytest.mark.django_db(transaction=True)
def test_logged_page_reads_at_once_keep_the_chain(world):
    """The same through the portal: signed-in reads of a logged page, from 4 clients at once."""
    require_postgresql()
    from django.test import Client

    url = f"/cooperations/{world.area.cooperation.code}/"
    clients = []
    for _ in range(4):  # logged in first: four logins at once would race for the test's device
        client = Client()
        client.force_login(world.member)
        clients.append(client)
    barrier = threading.Barrier(4)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def read(client) -> None:
        try:
            barrier.wait(timeout=10)
            statuses.extend(client.get(url).status_code for _ in range(3))
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=read, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert statuses == [200] * 12
    assert AuditEvent.objects.filter(action="view", target=url).count() == 12
    assert audit.verify() is None


def test_update_and_delete_fail_for_the_applications_role(world):
    require_postgresql()
    event = audit.record("view", "/x/", user=world.member)
    table = AuditEvent._meta.db_table
    for sql in (
        f"UPDATE {table} SET target = '/forged/' WHERE id = %s",  # noqa: S608
        f"UPDATE {table} SET at = at - interval '10 years' WHERE id = %s",  # noqa: S608
        f"DELETE FROM {table} WHERE id = %s",  # noqa: S608
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).target == "/x/"
    with connection.cursor() as cursor:  # past retention, set as only the owner could
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(f"UPDATE {table} SET at = '2000-01-01' WHERE id = %s", [event.pk])  # noqa: S608
        cursor.execute("SET LOCAL session_replication_role = DEFAULT")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        audit.prune()  # pruning on the application's own connection is refused too


def test_a_removed_user_only_loses_the_link(world):
    require_postgresql()
    from tests.factories import UserFactory

    gone = UserFactory(username="gone")
    audit.record("view", "/x/", user=gone)
    gone.delete()
    assert AuditEvent.objects.get(username="gone").user_id is None
    assert audit.verify() is None


def test_the_pruner_role_prunes_past_retention(world, settings):
    require_postgresql()
    old = audit.record("view", "/old/", user=world.member)
    audit.record("view", "/new/", user=world.member)
    table = AuditEvent._meta.db_table
    role = settings.AUDIT_PRUNER_ROLE
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")  # back-date the old row
        back_date = f"UPDATE {table} SET at = %s WHERE id = %s"  # noqa: S608
        cursor.execute(back_date, [datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC), old.pk])
        cursor.execute("SET LOCAL session_replication_role = DEFAULT")
        cursor.execute(f"GRANT SELECT, DELETE ON {table} TO {role}")
        cursor.execute(f"SET LOCAL ROLE {role}")
        pruned = AuditEvent.objects.all()._prune_before(audit.prune_cutoff())
        cursor.execute("RESET ROLE")
    assert pruned == 1
    targets = set(AuditEvent.objects.values_list("target", flat=True))
    assert "/new/" in targets
    assert "/old/" not in targets
