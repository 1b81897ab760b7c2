"""When a dated record counts: on day D, when it began on or before D and ends on or after D.

Both ends are inclusive: a start date is the first day, an end date the last day the record holds
(a seat ended on 31.3. still counts on 31.3.; a successor who starts on 1.4. is seated the next day).
An end not recorded is open, and so is a start not recorded (the record counts from whenever it began).
Each model says which of its fields are the ends in its own `on(day)` queryset method and, where pages
filter rows already loaded, an `in_force_on(day)` method; both come from the two functions below, so
the database and Python agree."""

from __future__ import annotations

import datetime

from django.db.models import Q


def covers(start: datetime.date | None, end: datetime.date | None, day: datetime.date) -> bool:
    """Whether the period START–END (either end open when None) includes DAY."""
    return (start is None or start <= day) and (end is None or day <= end)


def covering(start_field: str, end_field: str | None, day: datetime.date) -> Q:
    """The same test as covers() for a queryset, on the fields START_FIELD and END_FIELD (None: a
    record that has a first day and never ends, such as a decision)."""
    started = Q(**{f"{start_field}__isnull": True}) | Q(**{f"{start_field}__lte": day})
    if end_field is None:
        return started
    return started & (Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gte": day}))
