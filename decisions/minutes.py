"""What the minutes (pöytäkirja) say about the meeting itself: who was there and in which role, whether
the meeting was lawfully called and had a quorum, who checks the minutes, and what the published copy
carries instead of signatures. Read from what the secretary recorded; nothing is assumed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from decisions import rules

if TYPE_CHECKING:
    from decisions.models import Attendance, Meeting
    from organisations.models import Person


@dataclass(frozen=True)
class Called:
    """Whether the meeting was called in time: the body's rules of procedure (hallintosääntö, Kuntalaki
    § 90) set how and how early a board is called; Kuntalaki §§ 94-95 on the invitation concern only
    the council. KNOWN is False when the invitation date or the rules' period is not recorded."""

    known: bool
    in_time: bool | None = None
    invited_on: datetime.date | None = None
    notice_days: int | None = None
    days_before: int | None = None


def called(meeting: Meeting) -> Called:
    """The invitation sent at least the body's notice period before the meeting day (hallintosääntö)."""
    notice = meeting.body.notice_days
    if meeting.invited_on is None or meeting.date is None:
        return Called(known=False, invited_on=meeting.invited_on, notice_days=notice)
    before = (meeting.date - meeting.invited_on).days
    if notice is None:
        return Called(known=False, invited_on=meeting.invited_on, days_before=before)
    return Called(
        known=True,
        in_time=before >= notice,
        invited_on=meeting.invited_on,
        notice_days=notice,
        days_before=before,
    )


@dataclass(frozen=True)
class Legality:
    """The minutes' section on legality and quorum (kokouksen laillisuus ja päätösvaltaisuus)."""

    called: Called
    quorum: rules.Quorum

    @property
    def lawful(self) -> bool | None:
        """Lawfully called and with a quorum; None when either is not recorded (nothing is assumed)."""
        if self.called.known and self.called.in_time is False:
            return False
        if self.quorum.known and self.quorum.reached is False:
            return False
        if not (self.called.known and self.quorum.known):
            return None
        return True


def legality(meeting: Meeting, attendances: list[Attendance]) -> Legality:
    """Lawfully called (the body's rules) and quorate: more than half of the members present (Kuntalaki
    § 103 (1)); a deputy substituting for a member counts for that member, an absent member does not."""
    return Legality(called=called(meeting), quorum=rules.quorum(meeting, attendances))


@dataclass
class Roll:
    """Attendance by role, as the minutes print it."""

    members: list[Attendance] = field(default_factory=list)
    deputies: list[Attendance] = field(default_factory=list)
    absent: list[Attendance] = field(default_factory=list)
    others: list[Attendance] = field(default_factory=list)
    checkers: list[Person] = field(default_factory=list)

    @property
    def recorded(self) -> bool:
        return bool(self.members or self.deputies or self.absent or self.others)


def roll(attendances: list[Attendance]) -> Roll:
    """Members present, deputies (each with whom they replace), members absent, others present; the
    minute-checkers are chosen among those present (their names close the minutes)."""
    result = Roll()
    by_capacity = {
        "member": result.members,
        "deputy": result.deputies,
        "absent": result.absent,
        "other": result.others,
    }
    for attendance in sorted(attendances, key=lambda a: (a.person.last_name, a.person.first_name)):
        by_capacity[attendance.capacity].append(attendance)
        if attendance.checks_minutes and attendance.capacity != "absent":
            result.checkers.append(attendance.person)
    return result


def checked(meeting: Meeting) -> bool:
    """The minutes are checked (dated, or said by the source to be checked on a day it does not give)."""
    return bool(meeting.checked_on or meeting.checked_undated)


def opening_numbers(meeting: Meeting) -> tuple[int, int] | None:
    """The §§ of the legality section and of the choice of minute-checkers, when the body numbers them."""
    if not meeting.opening_number:
        return None
    return meeting.opening_number, meeting.opening_number + 1
