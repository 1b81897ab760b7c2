"""The front page's "my work" (#17 item 1): what concerns the reader, read from the declarations every
app makes (core/reminders.py: the same ones the reminders and the calendar read), the compliance
findings and the changes since the last visit the apps above add (core/sections.py)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from auditlog.models import AuditEvent
from core import reminders
from organisations import access
from organisations.models import Cooperation

# From this many days ago (what has just passed) to the longest reminder lead time ahead.
RECENTLY_PASSED_DAYS = 30
# A reader with no earlier visit sees the changes of this many days.
FIRST_VISIT_DAYS = 14
# A reader who sees more cooperations than this (a national administrator, Kela's people) gets on the
# front page the work of those they are the secretary of and of the one they choose: gathering every
# cooperation's deadlines on each visit grows with the country (#15) and would be too long to read.
# Their reminders still come from every cooperation (the daily sweep; the notifications page).
FRONT_PAGE_COOPERATIONS = 5


def concerns(user, due: reminders.Due) -> bool:
    """Whether DUE is USER's to act on: the audience it declares names the user, an organisation the
    user acts for, or the secretaries when the user is one (the delivering app reads it the same way)."""
    rights = access.rights_of(user)
    audience = due.audience
    if audience.secretaries and (rights.administrator or due.cooperation_id in rights.secretary_of):
        return True
    if any((due.cooperation_id, getattr(o, "pk", o)) in rights.acting_for for o in audience.organisations):
        return True
    return any(getattr(u, "pk", None) == user.pk for u in audience.users)


@dataclass
class Work:
    tasks: list[reminders.Due] = field(default_factory=list)  # the reader's own, deadlines included
    deadlines: list[reminders.Due] = field(default_factory=list)  # the rest of their cooperations'


@dataclass
class Scope:
    """The cooperations whose work the front page gathers for one reader."""

    cooperations: QuerySet[Cooperation]  # whose work is gathered
    listed: list[Cooperation]  # the same, as rows for the page's list
    choosing: bool = False  # the reader sees too many: the page offers a choice
    chosen: Cooperation | None = None
    choices: list[Cooperation] = field(default_factory=list)  # every one seen, when choosing


def scope(user, chosen_code: str | None = None) -> Scope:
    """The visible cooperations are read once, for the count, the choice and the list alike: the page's
    queries are the same for one cooperation and for fifty, and whether the reader chooses or not (a
    count, the chosen one and the choice were three queries more once there were over five, #32)."""
    visible = list(access.cooperations_visible_to(user))
    if len(visible) <= FRONT_PAGE_COOPERATIONS:
        return Scope(_by_pk(visible), visible)
    valid = chosen_code and re.fullmatch(r"[-\w]{1,60}", chosen_code)  # a code, not any text sent
    chosen = next((c for c in visible if c.code == chosen_code), None) if valid else None
    secretary_of = access.rights_of(user).secretary_of
    picked = [c for c in visible if c.pk in secretary_of or c == chosen]
    return Scope(_by_pk(picked), picked, choosing=True, chosen=chosen, choices=visible)


def _by_pk(cooperations: list[Cooperation]) -> QuerySet[Cooperation]:
    return Cooperation.objects.filter(pk__in=[c.pk for c in cooperations])


def my_work(user, today: datetime.date, cooperations: QuerySet[Cooperation] | None = None) -> Work:
    """What concerns USER in COOPERATIONS (default: every one they see)."""
    horizon = today + datetime.timedelta(days=max(settings.REMINDER_LEAD_DAYS, default=180))
    since = today - datetime.timedelta(days=RECENTLY_PASSED_DAYS)
    work = Work()
    if cooperations is None:
        cooperations = access.cooperations_visible_to(user)
    found = reminders.collect(today, cooperations)
    for due in sorted(found, key=lambda d: (d.on, d.kind, d.key)):
        if concerns(user, due) and due.on <= horizon:
            work.tasks.append(due)  # an open task stays until it is done, however old
        elif due.in_calendar and since <= due.on <= horizon:
            work.deadlines.append(due)
    return work


TASKS_SHOWN = 50  # the soonest; the page says how many more there are


@dataclass(frozen=True)
class Line:
    """A line of the front page's list: one Due, or several alike read together (Due.together)."""

    on: datetime.date
    link: str
    heading: str
    in_calendar: bool
    weekly: bool  # open until done, reminded every Monday: its day is this week's, not a deadline
    cooperation_id: int | None = None
    count: int = 1


def by_cooperation(
    dues: list[reminders.Due], cooperations: list[Cooperation], limit: int = 0
) -> tuple[list[tuple[str, list[Line]]], int]:
    """DUES as lines (alike ones joined: "2 parties have not yet signed ...", not a line a party), the
    first LIMIT of them (all when 0) grouped by their cooperation (named as the reader's list names
    them), the groups in the order of their soonest line, each soonest first (#29 item 3); a national
    line's group has no name. With how many lines more there are."""
    names = {c.pk: c.name_fi for c in cooperations}
    found = lines(dues)
    shown = found[:limit] if limit else found
    groups: dict[int | None, list[Line]] = {}
    for line in shown:
        groups.setdefault(line.cooperation_id, []).append(line)
    return [(names.get(pk, "") if pk else "", items) for pk, items in groups.items()], len(found) - len(shown)


def lines(dues: list[reminders.Due]) -> list[Line]:
    """DUES as the front page's lines, in their order: those of one kind and link that say how they
    read together are one line at the place of the first."""
    alike: dict[tuple[str, str], list[reminders.Due]] = {}
    for due in dues:
        alike.setdefault((due.kind, due.link) if due.together else (due.kind, due.key), []).append(due)
    found = []
    for group in alike.values():
        first = group[0]
        heading = first.heading()
        if len(group) > 1 and first.together is not None:
            subjects = ", ".join(due.subject for due in group if due.subject)
            values = {**first.together.values, "count": len(group), "subjects": subjects}
            heading = str(reminders.Text(first.together.message, values))
        found.append(
            Line(
                min(d.on for d in group),
                first.link,
                heading,
                first.in_calendar,
                weekly=first.remind == reminders.Remind.WEEKLY,
                cooperation_id=first.cooperation_id,
                count=len(group),
            )
        )
    return found


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
