"""A user's deadlines (all-day events) and meetings (at their time and place, #29 item 6) as an
iCalendar feed, behind a secret token URL. The deadlines
are the apps' own declarations (core/reminders.py), restricted to the cooperations the user may see, with
titles in the user's language."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from core import reminders
from notifications.services import preference
from organisations import access

MEETING_LENGTH = datetime.timedelta(hours=2)  # when a meeting's end is not recorded


def deadlines_for(user, today: datetime.date | None = None) -> list[reminders.Due]:
    """Every deadline USER may see, soonest first."""
    today = today or timezone.localdate()
    cooperations = access.cooperations_visible_to(user)
    return sorted(
        (due for due in reminders.collect(today, cooperations) if due.in_calendar),
        key=lambda due: (due.on, due.kind, due.key),
    )


def render(user) -> bytes:
    calendar = Calendar()
    root = settings.SITE_ROOT.rstrip("/")
    stamp = timezone.now()
    language = preference(user).language
    with translation.override(language):
        calendar.add("prodid", f"-//TYM Governance//{language}")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", _("TYM deadlines"))
        for due in deadlines_for(user):
            event = Event()
            event.add("uid", f"{due.kind}-{due.key}@tym")
            event.add("dtstamp", stamp)
            if due.starts is not None:  # a meeting: at its time, where it is held
                event.add("dtstart", due.starts)
                event.add("dtend", due.ends or due.starts + MEETING_LENGTH)
            else:
                event.add("dtstart", due.on)
                event.add("dtend", due.on + datetime.timedelta(days=1))
            event.add("summary", due.heading())
            if due.location:
                event.add("location", due.location)
            event.add("url", root + due.link)
            event.add("description", f"{due.text}\n{root}{due.link}")
            calendar.add_component(event)
    return calendar.to_ical()
