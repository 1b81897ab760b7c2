"""What falls due, declared once by the app that owns it.

Each app lists its deadlines and open tasks in its own `reminders.py`: a function registered with
@declares yields one `Due` per thing that falls due (a term ending, day 60 of a dispute, objectives
not set). Everything that tells people about deadlines reads these declarations and nothing else:
the daily reminders and their e-mail (notifications), the calendar feed, the front page. So a rule
such as "remind 180, 90 and 30 days before a term ends" is written in one place.

A declaration says *who* should hear (an Audience: the board secretaries, the people acting for some
organisations, some users); the delivering app turns that into users. It says *when* to remind with
a Remind policy; `reminder_for()` is the one reading of those policies.
"""

from __future__ import annotations

import datetime
import enum
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.functional import Promise

from core import registries


class Remind(enum.Enum):
    AHEAD = "ahead"  # at each lead time before the day (settings.REMINDER_LEAD_DAYS)
    REACHED = "reached"  # once, when the day has come
    AFTER = "after"  # once, when the day has passed (an invoice due on the day is not yet overdue)
    WEEKLY = "weekly"  # every Monday while it stays open
    NEVER = "never"  # shown (calendar, front page), never sent


@dataclass(frozen=True)
class Text:
    """A sentence written in the reader's language when it is read: a lazily translated MESSAGE with
    %(name)s placeholders, and its VALUES (lazy ones are translated too)."""

    message: Promise | str
    values: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return str(self.message) % {name: str(value) for name, value in self.values.items()}


@dataclass(frozen=True)
class Audience:
    secretaries: bool = True
    # Users who act for these organisations (editors), and these users themselves (e.g. the chair).
    organisations: tuple[Any, ...] = ()
    users: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Due:
    kind: str  # a registered kind
    key: str  # what it is about, e.g. "governance.steeringgroup:3"
    on: datetime.date  # the day it falls due
    text: Text  # what the reminder says
    link: str
    cooperation_id: int | None  # whose it is: the calendar and the front page show it to who sees it
    audience: Audience = Audience()
    remind: Remind = Remind.AHEAD
    in_calendar: bool = True
    # A short title for the calendar and the front page, when TEXT speaks of the day as passed.
    title: Text | None = None
    # An event at a time rather than a whole day (a meeting): when it starts and ends, and where.
    starts: datetime.datetime | None = None
    ends: datetime.datetime | None = None
    location: str = ""
    # Several alike (the same kind and link, e.g. each party's missing signature on one agreement) are
    # one line on the front page (#29 item 3): TOGETHER with %(count)s and %(subjects)s filled in from
    # each one's SUBJECT (the party).
    together: Text | None = None
    subject: str = ""

    def heading(self) -> str:
        return str(self.title or self.text)


@dataclass(frozen=True)
class Kind:
    code: str
    label: Promise | str


KINDS: dict[str, Kind] = {}
Declaration = Callable[[datetime.date, Any], Iterable[Due]]
_DECLARATIONS: dict[str, Declaration] = {}


def kind(code: str, label: Promise | str) -> str:
    """Register a kind of reminder (its code is stored with every notification); returns CODE."""
    KINDS[code] = Kind(code, label)
    return code


def kind_choices() -> list[tuple[str, Promise | str]]:
    """Choices of Notification.kind: every kind the installed apps declare."""
    return [(k.code, k.label) for k in sorted(KINDS.values(), key=lambda k: k.code)]


def declares(name: str) -> Callable[[Declaration], Declaration]:
    """Register a declaration. It is called as FUNC(today, cooperations): COOPERATIONS is None for
    every cooperation (the daily reminders) or a queryset of them to restrict to (a user's calendar)."""

    def register(func: Declaration) -> Declaration:
        _DECLARATIONS[name] = func
        return func

    return register


def collect(
    today: datetime.date,
    cooperations: Any = None,
    *,
    only: Iterable[str] | None = None,
    isolate: bool = True,
) -> Iterator[Due]:
    """Everything that falls due as of TODAY, from every declaration (or the ONLY ones named).

    A declaration that fails is, as in every registry (core/registries.py), raised in development and
    tests, and in production logged and skipped (ISOLATE), so the front page and the calendar still
    show the rest; the reminder sweep passes isolate=False to count and report the failure itself."""
    names = set(only) if only is not None else None
    for name, declaration in _DECLARATIONS.items():
        if names is None or name in names:
            if not isolate:
                yield from declaration(today, cooperations)
                continue
            try:
                found = list(declaration(today, cooperations))
            except Exception as error:  # one bad record must not silence every other declaration
                registries.failed(
                    error, logging.getLogger(__name__), "reminder declaration %s failed for %s", name, today
                )
                continue
            yield from found


def declaration_names() -> list[str]:
    return sorted(_DECLARATIONS)


# Who delivers at once what a declaration now yields: the notifications app (notifications/sweep.py).
Deliverer = Callable[[tuple[str, ...]], Any]
_DELIVERERS: list[Deliverer] = []


def delivers_now(func: Deliverer) -> Deliverer:
    """Register FUNC(names): it delivers what the declarations NAMES yield today (the daily sweep's
    work for those declarations alone)."""
    _DELIVERERS.append(func)
    return func


def announce(*names: str) -> None:
    """What the declarations NAMES read has changed (an agenda was published): deliver what they now
    yield at once, in the caller's transaction, rather than at the next daily sweep. Exactly once all
    the same: a notification is unique (notifications.services)."""
    for deliver in _DELIVERERS:
        deliver(names)


def lead_time(today: datetime.date, due_on: datetime.date) -> int | None:
    """The lead time (e.g. 180, 90 or 30 days) whose window TODAY is in, for a deadline on DUE_ON."""
    if due_on < today:
        return None
    remaining = (due_on - today).days
    for days in sorted(settings.REMINDER_LEAD_DAYS):
        if remaining <= days:
            return days
    return None


def week_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


@dataclass(frozen=True)
class Reminder:
    """One reminder to send: unique per recipient on (kind, object_key, due_date)."""

    object_key: str
    due_date: datetime.date


def reminder_for(due: Due, today: datetime.date) -> Reminder | None:
    """Whether DUE is reminded of TODAY, and under which key; None when not today."""
    if due.remind is Remind.AHEAD:
        lead = lead_time(today, due.on)
        return None if lead is None else Reminder(f"{due.key}:{lead}", due.on)
    if due.remind is Remind.REACHED:
        return Reminder(due.key, due.on) if today >= due.on else None
    if due.remind is Remind.AFTER:
        return Reminder(due.key, due.on) if today > due.on else None
    if due.remind is Remind.WEEKLY:
        return Reminder(due.key, today) if today.weekday() == 0 else None
    return None
