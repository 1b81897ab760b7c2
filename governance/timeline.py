"""The picture of the terms over time: a server-rendered SVG (the same in the portal and the PDF)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

WIDTH = 900
LABEL_WIDTH = 230
ROW_HEIGHT = 22
TOP = 30


@dataclass
class Bar:
    y: int
    x: float
    width: float
    label: str
    title: str
    css: str
    open_start: bool


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class Timeline:
    width: int
    height: int
    label_width: int
    bars: list[Bar]
    ticks: list[Tick]
    today_x: float | None
    term: Bar | None


def build(group, seats, nominations, today: datetime.date) -> Timeline:
    known = [d for d in (group.term_start, group.term_end, today) if d]
    known += [s.start_date for s in seats if s.start_date] + [s.end_date for s in seats if s.end_date]
    known += [n.decided_on for n in nominations if n.decided_on]
    first = min(known).replace(month=1, day=1)
    last = datetime.date(max(known).year, 12, 31)
    span = (last - first).days or 1
    plot = WIDTH - LABEL_WIDTH - 10

    def x(day: datetime.date) -> float:
        return LABEL_WIDTH + plot * (day - first).days / span

    term = None
    y = TOP
    if group.term_start:
        end = group.term_end or last
        term = Bar(
            y,
            x(group.term_start),
            max(x(end) - x(group.term_start), 2),
            _("Steering group's term"),
            f"{group.term_start:%d.%m.%Y}–{end:%d.%m.%Y}",
            "term",
            False,
        )
        y += ROW_HEIGHT + 6

    bars = []
    start_default = group.term_start or first
    for seat in seats:
        start = seat.start_date or start_default
        end = seat.end_date or group.term_end or last
        role = seat.get_role_display() if seat.role else seat.get_capacity_display()
        label = f"{seat.person} ({role})"
        period = (
            (f"{seat.start_date:%d.%m.%Y}" if seat.start_date else _("start not recorded"))
            + "–"
            + (f"{seat.end_date:%d.%m.%Y}" if seat.end_date else _("open"))
        )
        css = "deputy" if seat.capacity == "deputy" else "member"
        if seat.ended_before(today):
            css += " ended"
        bars.append(
            Bar(
                y,
                x(start),
                max(x(end) - x(start), 2),
                label,
                f"{label}: {period}",
                css,
                seat.start_date is None,
            )
        )
        y += ROW_HEIGHT
    ticks = [Tick(x(datetime.date(year, 1, 1)), str(year)) for year in range(first.year, last.year + 1)]
    return Timeline(
        WIDTH, y + 10, LABEL_WIDTH, bars, ticks, x(today) if first <= today <= last else None, term
    )
