"""The front page's "my work" (#17 item 1): what concerns the reader, read from the declarations every
app makes (core/reminders.py: the same ones the reminders and the calendar read), the compliance
findings and the changes since the last visit the apps above add (core/sections.py)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from core import reminders
from core.models import AuditEvent
from organisations import access

# From this many days ago (what has just passed) to the longest reminder lead time ahead.
RECENTLY_PASSED_DAYS = 30
# A reader with no earlier visit sees the changes of this many days.
FIRST_VISIT_DAYS = 14


def concerns(user, due: reminders.Due) -> bool:
    """Whether DUE is USER's to act on: the audience it declares names the user, an organisation the
    user acts for, or the secretaries when the user is one (the delivering app reads it the same way)."""
    rights = access.rights_of(user)
    audience = due.audience
    if audience.secretaries and (rights.administrator or due.cooperation_id in rights.secretary_of):
        return True
    if any(getattr(o, "pk", o) in rights.acting_for for o in audience.organisations):
        return True
    return any(getattr(u, "pk", None) == user.pk for u in audience.users)


@dataclass
class Work:
    tasks: list[reminders.Due] = field(default_factory=list)  # the reader's own, deadlines included
    deadlines: list[reminders.Due] = field(default_factory=list)  # the rest of their cooperations'


def my_work(user, today: datetime.date) -> Work:
    horizon = today + datetime.timedelta(days=max(settings.REMINDER_LEAD_DAYS, default=180))
    since = today - datetime.timedelta(days=RECENTLY_PASSED_DAYS)
    work = Work()
    found = reminders.collect(today, access.cooperations_visible_to(user))
    for due in sorted(found, key=lambda d: (d.on, d.kind, d.key)):
        if concerns(user, due) and due.on <= horizon:
            work.tasks.append(due)  # an open task stays until it is done, however old
        elif due.in_calendar and since <= due.on <= horizon:
            work.deadlines.append(due)
    return work


def last_visit(user) -> datetime.datetime:
    """When USER was last here before this visit: their latest login before the one that started this
    session (the use log keeps logins); the last FIRST_VISIT_DAYS days for a first visit."""
    this_login = user.last_login or timezone.now()
    earlier = (
        AuditEvent.objects.filter(
            user=user, action="login", at__lt=this_login - datetime.timedelta(minutes=5)
        )
        .order_by("-pk")
        .values_list("at", flat=True)
        .first()
    )
    return earlier or timezone.now() - datetime.timedelta(days=FIRST_VISIT_DAYS)
