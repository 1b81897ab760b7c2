"""Writing and reading the use and disclosure log (auditlog.models.AuditEvent). record() is what the apps
call; the middleware and the login signals record the rest. Nothing secret is ever logged: paths
without query strings, the calendar token replaced, never a password."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Iterator

from django.db import transaction
from django.utils import timezone

from auditlog.models import AuditEvent
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
) -> AuditEvent | None:
    """Append one event, chained to the last. Never raises into the caller's request: a failure to log
    is itself logged (and the operation the user asked for is not undone)."""
    try:
        with transaction.atomic():
            last = AuditEvent.objects.select_for_update().order_by("-pk").only("hash").first()
            is_user = getattr(user, "is_authenticated", False)
            event = AuditEvent(
                user=user if is_user else None,  # type: ignore[misc]
                username=(getattr(user, "username", "") if is_user else username)[:150],
                action=action,
                target=target[:300],
                right=right[:200],
                result=result[:40],
                ip=ip or None,
                previous_hash=last.hash if last else "",
                at=timezone.now(),
            )
            event.hash = event.compute_hash()
            event.save()
            return event
    except Exception:  # the log must not break the portal
        log.exception("could not write the audit log: %s %s", action, target)
        return None


def verify(events: Iterable[AuditEvent] | None = None, *, latest: int | None = None) -> AuditEvent | None:
    """The first row whose hash or link does not match (a changed or removed row), or None. LATEST
    limits the check to the newest rows (the page); `manage.py audit_log --verify` checks them all."""
    if events is not None:
        rows: Iterable[AuditEvent] = events
    else:
        query = AuditEvent.objects.order_by("pk")
        if latest is not None:
            newest = list(AuditEvent.objects.order_by("-pk").values_list("pk", flat=True)[:latest])
            query = query.filter(pk__gte=newest[-1]) if newest else query.none()
        rows = query.iterator()
    previous: AuditEvent | None = None
    for event in rows:
        if event.hash != event.compute_hash():
            return event
        if previous is not None and event.previous_hash != previous.hash:
            return event
        previous = event
    return None


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


@daily_job("auditlog.prune_audit_log")
def prune(today: datetime.date) -> dict[str, int]:
    """Retention (settings.AUDIT_RETENTION_DAYS): the only removal of audit rows."""
    from django.conf import settings

    cutoff = timezone.make_aware(datetime.datetime.combine(today, datetime.time())) - datetime.timedelta(
        days=settings.AUDIT_RETENTION_DAYS
    )
    return {"audit_rows_pruned": AuditEvent.objects.all()._prune_before(cutoff)}
