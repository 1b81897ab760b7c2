"""Writing and reading the use and disclosure log (auditlog.models.AuditEvent). record() is what the apps
call; the middleware and the login signals record the rest. Nothing secret is ever logged: paths
without query strings, the calendar token replaced, never a password."""

from __future__ import annotations

import datetime
import json
import logging
from collections.abc import Iterable, Iterator

from django.db import transaction
from django.utils import timezone

from auditlog.models import AuditEvent, ChainHead
from core.jobs import daily as daily_job

log = logging.getLogger(__name__)


def record(
    action: str,
    target: str,
    *,
    user: object = None,
    username: str = "",
    right: str = "",
    result: str = "ok",
    ip: str | None = None,
) -> AuditEvent:
    """Append one event, chained to the last. A failure raises (#31 item 3): an action that cannot be
    logged is not done, and a page whose disclosure cannot be logged is not given (the middleware)."""
    is_user = getattr(user, "is_authenticated", False)
    with transaction.atomic():
        # One statement takes the head row's lock (PostgreSQL; SQLite's write lock) and reads the newest
        # committed head: concurrent writers queue here for the moment of an insert, never fork.
        previous = _take_head()
        event = AuditEvent(
            user=user if is_user else None,  # type: ignore[misc]
            username=(getattr(user, "username", "") if is_user else username)[:150],
            action=action,
            target=target[:300],
            right=right[:200],
            result=result[:40],
            ip=ip or None,
            previous_hash=previous,
            at=timezone.now(),
            keyed=True,
        )
        event.hash = event.compute_hash()
        event.save()
        ChainHead.objects.filter(pk=1).update(last_id=event.pk, hash=event.hash)
        return event


def _take_head() -> str:
    """UPDATE … RETURNING on the chain's one head row: the previous entry's hash, the row locked until
    the caller's transaction ends."""
    from django.db import connection

    table = connection.ops.quote_name(ChainHead._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET appended = appended + 1 WHERE id = 1 RETURNING hash")  # noqa: S608
        row = cursor.fetchone()
    if row is None:  # no head yet (a database the migration did not start): the first entry makes it
        ChainHead.objects.get_or_create(pk=1)
        return _take_head()
    return str(row[0])


def head() -> dict[str, object]:
    """The chain's head to export: the newest entry's id and hash, and when it was read."""
    row = ChainHead.objects.filter(pk=1).first()
    return {
        "exported_at": timezone.now().isoformat(),
        "last_id": row.last_id if row else 0,
        "hash": row.hash if row else "",
    }


def verify(events: Iterable[AuditEvent] | None = None, *, latest: int | None = None) -> AuditEvent | None:
    """The first row whose hash or link does not match (a changed or removed row), or None. LATEST
    limits the check to the newest rows (the page); `manage.py audit_log --verify` checks them all.
    Unkeyed rows (before #31) pass only before the first keyed one. A whole check (no LATEST, no
    EVENTS) also compares the newest row with the chain's head, so rows cut off the end show."""
    if events is not None:
        rows: Iterable[AuditEvent] = events
    else:
        query = AuditEvent.objects.order_by("pk")
        if latest is not None:
            newest = list(AuditEvent.objects.order_by("-pk").values_list("pk", flat=True)[:latest])
            query = query.filter(pk__gte=newest[-1]) if newest else query.none()
        rows = query.iterator()
    previous: AuditEvent | None = None
    seen_keyed = False
    for event in rows:
        if event.keyed:
            seen_keyed = True
        elif seen_keyed:
            return event  # an unkeyed row after a keyed one: written by someone without the key
        if event.hash != event.compute_hash():
            return event
        if previous is not None and event.previous_hash != previous.hash:
            return event
        previous = event
    if events is None and latest is None:
        chain_head = ChainHead.objects.filter(pk=1).first()
        if chain_head is not None and chain_head.last_id:
            if previous is None:  # every row gone, the head still names one
                return AuditEvent(pk=chain_head.last_id, at=timezone.now(), hash=chain_head.hash)
            if (previous.pk, previous.hash) != (chain_head.last_id, chain_head.hash):
                return previous  # the newest rows were removed: the head names one that is gone
    return None


class HeadMismatch(Exception):
    pass


def verify_heads(lines: Iterable[str]) -> int:
    """Check exported heads (one JSON object a line, as head() gives) against the log: each named row
    must still be there with that hash (or be older than the retention's pruning). The number checked;
    HeadMismatch names the first that fails."""
    checked = 0
    oldest = AuditEvent.objects.order_by("pk").values_list("pk", flat=True).first()
    for line in lines:
        if not line.strip():
            continue
        exported = json.loads(line)
        last_id, digest = int(exported["last_id"]), str(exported["hash"])
        if not last_id or (oldest is not None and last_id < oldest):
            continue  # an empty log then, or pruned since by retention
        row = AuditEvent.objects.filter(pk=last_id).values_list("hash", flat=True).first()
        if row != digest:
            raise HeadMismatch(
                f"the head exported at {exported.get('exported_at')} (entry {last_id}) is gone or changed"
            )
        checked += 1
    return checked


def search(
    *, since: datetime.date | None = None, username: str = "", action: str = ""
) -> Iterator[AuditEvent]:
    rows = AuditEvent.objects.order_by("-pk")
    if since:
        rows = rows.filter(at__date__gte=since)
    if username:
        rows = rows.filter(username=username)
    if action:
        rows = rows.filter(action=action)
    return rows.iterator()


def describe_right(user: object) -> str:
    """On what right USER acts, in words, from the function settings.AUDIT_RIGHT_DESCRIBER names (the
    organisations app knows the grants; core does not import it)."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    try:
        return str(import_string(settings.AUDIT_RIGHT_DESCRIBER)(user))[:200]
    except Exception:
        log.exception("could not describe the right of %s", user)
        return ""


def client_address(request: object) -> str | None:
    """The client's address, through the trusted proxy's X-Forwarded-For (core.addresses, #31 item 6)."""
    from core.addresses import client_address as address

    return address(request)


def prune_cutoff() -> datetime.datetime:
    """Rows older than this are past retention, by the real clock (never a --date given to the jobs)."""
    from django.conf import settings

    return timezone.now() - datetime.timedelta(days=settings.AUDIT_RETENTION_DAYS)


def prune(*, using: str = "default") -> int:
    """Retention (settings.AUDIT_RETENTION_DAYS): the only removal of audit rows, logged itself. On
    PostgreSQL only the pruner's role may (the trigger): USING names its connection."""
    cutoff = prune_cutoff()
    pruned = AuditEvent.objects.using(using).all()._prune_before(cutoff)
    if pruned:
        log.warning("pruned %s audit rows older than %s", pruned, cutoff.isoformat())
        record(
            "prune", f"{pruned} rows before {cutoff:%Y-%m-%d %H:%M:%S}", username="retention", result="pruned"
        )
    return pruned


@daily_job("auditlog.export_head")
def export_head(today: datetime.date) -> dict[str, int]:
    """Append the chain's head to settings.AUDIT_HEAD_EXPORT (one JSON line): taken off the server, it
    shows rows removed from the end, which the chain alone cannot (#31 item 3)."""
    from pathlib import Path

    from django.conf import settings

    path = Path(settings.AUDIT_HEAD_EXPORT)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as file:
        file.write(json.dumps(head()) + "\n")
    return {"audit_heads_exported": 1}


@daily_job("auditlog.prune_audit_log")
def prune_daily(today: datetime.date) -> dict[str, int]:
    """Retention in the daily run where the application may prune (SQLite, or the pruner's connection
    configured); on PostgreSQL without it, `audit_log --prune` run by the pruner does it."""
    from django.conf import settings
    from django.db import connections

    if "audit_prune" in settings.DATABASES:
        return {"audit_rows_pruned": prune(using="audit_prune")}
    if connections["default"].vendor == "postgresql":
        return {"audit_rows_pruned": 0}
    return {"audit_rows_pruned": prune()}
