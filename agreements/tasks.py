"""The agreement's own status moves, run daily before the reminders (core/jobs.py)."""

from __future__ import annotations

import datetime
import logging

from agreements import services
from agreements.models import Agreement
from core.jobs import daily

log = logging.getLogger(__name__)


@daily("agreements.end_due")
def end_due_agreements(today: datetime.date) -> dict[str, int]:
    """Agreements whose notice period has run out are moved to ended (agreement § 11); each on its own,
    so one that cannot move is logged and the others still do."""
    ended = 0
    for agreement in Agreement.objects.filter(status=Agreement.Status.NOTICE_GIVEN, ends_on__lt=today):
        try:
            ended += services.end_if_due(agreement=agreement, today=today, actor=None)
        except Exception:
            log.exception("agreement %s could not be ended on %s", agreement.pk, today)
    return {"agreements_ended": ended}
