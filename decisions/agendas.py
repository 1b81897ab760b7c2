"""Publishing a meeting's agenda (#29 item 6): the secretary sends the invitation with the agenda and
its annexes, the meeting pack, to the body's members, as the body's rules of procedure require
(hallintosääntö, Kuntalaki § 90). Publishing is recorded once, with who did it; the notifications app
tells the members at once, in the portal and by e-mail, with the pack's link (core.reminders.announce and the
declaration decisions.agendas in decisions/reminders.py)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import reminders
from core.sections import rows
from core.writes import Actor, save_validated, update_fields
from decisions.models import AgendaPublication, Attendance, Body, BodyMember, Meeting

AGENDAS = "decisions.agendas"  # the declaration that yields each published agenda's invitation
# How the meeting was called, as the minutes state it, in the body's official language.
INVITATION = gettext_lazy(
    "The invitation and the agenda with its annexes were sent to the members in the portal and by e-mail."
)


def publish_problems(meeting: Meeting) -> list[str]:
    """Why MEETING's agenda cannot be published now; empty when it can."""
    problems = []
    if AgendaPublication.objects.filter(meeting=meeting).exists():
        problems.append(_("The agenda has already been published."))
    if meeting.date is None:
        problems.append(_("Record the meeting's date first."))
    elif meeting.date < timezone.localdate():
        problems.append(_("The meeting has already been held."))
    if not meeting.items.exists():
        problems.append(_("The agenda has no sections yet."))
    return problems


@transaction.atomic
def publish_agenda(*, meeting: Meeting, actor: Actor) -> AgendaPublication:
    """Publish MEETING's agenda: recorded once, and the body's members told at once (in the portal and
    by e-mail once this transaction commits)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    problems = publish_problems(meeting)
    if problems:
        raise ValidationError(problems)
    publication = save_validated(
        AgendaPublication(meeting=meeting, published_by=actor if isinstance(actor, User) else None),
        actor,
    )
    if meeting.invited_on is None:  # the invitation is the published agenda: the minutes state it
        with translation.override(meeting.body.language):
            how = str(INVITATION)
        update_fields(
            meeting,
            actor=actor,
            allowed=("invited_on", "invitation"),
            data={"invited_on": timezone.localdate(), "invitation": meeting.invitation or how},
        )
    reminders.announce(AGENDAS)
    return publication


def members_of(bodies: Iterable[Body]) -> dict[int, list[AbstractBaseUser]]:
    """The login users of the people who sit in each of BODIES today, by body (members_at)."""
    today = timezone.localdate()
    return {body_id: users for (body_id, _day), users in members_at([(b, today) for b in bodies]).items()}


def invited_to(meetings: Iterable[Meeting]) -> dict[int, list[AbstractBaseUser]]:
    """The login users invited to each of MEETINGS, by meeting: its body's members on its day (a new
    term that starts before the meeting is invited, the outgoing one is not)."""
    meetings = list(meetings)
    today = timezone.localdate()
    found = members_at([(m.body, m.date or today) for m in meetings])
    return {m.pk: found[(m.body_id, m.date or today)] for m in meetings}


def members_at(
    wanted: Iterable[tuple[Body, datetime.date]],
) -> dict[tuple[int, datetime.date], list[AbstractBaseUser]]:
    """The login users of the people who sit in each (body, day) of WANTED, in a fixed number of
    queries: the members and personal deputies in office on the day by the body's register
    (decisions.members); for a body without one, those an app above names (core.sections rows
    "body-members", given the bodies: governance names the steering group's seats in force for a
    cooperation body), else the members and deputies recorded present at the body's last meeting with
    attendance. People without a login are told by the secretary as before."""
    wanted = list({(body.pk, day): (body, day) for body, day in wanted}.values())
    if not wanted:
        return {}
    bodies = list({body.pk: body for body, _day in wanted}.values())
    first, last = min(day for _b, day in wanted), max(day for _b, day in wanted)
    seats = list(
        BodyMember.objects.filter(body__in=bodies, starts__lte=last)
        .filter(Q(ends__isnull=True) | Q(ends__gte=first))
        .select_related("person__user")
    )
    registered = {seat.body_id for seat in seats}
    others = [body for body in bodies if body.pk not in registered]
    named: dict[int, list[AbstractBaseUser]] = {}
    # A sweep has no request: the providers read only the bodies.
    for body_id, user in rows("body-members", None, others) if others else []:  # type: ignore[arg-type]
        named.setdefault(body_id, []).append(user)
    for body_id, user in _last_attended([body for body in others if body.pk not in named]):
        named.setdefault(body_id, []).append(user)
    found: dict[tuple[int, datetime.date], list[AbstractBaseUser]] = {}
    for body, day in wanted:
        users: list[AbstractBaseUser]
        if body.pk in registered:
            users = [
                s.person.user
                for s in seats
                if s.body_id == body.pk
                and s.starts <= day
                and (s.ends is None or s.ends >= day)
                and s.person.user
            ]
        else:
            users = named.get(body.pk, [])
        found[(body.pk, day)] = list({u.pk: u for u in users if u.is_active}.values())
    return found


def _last_attended(bodies: list[Body]) -> list[tuple[int, AbstractBaseUser]]:
    """(body, user) for the members and deputies present at each body's last meeting with attendance."""
    if not bodies:
        return []
    last = (
        Meeting.objects.filter(body=OuterRef("meeting__body"), attendances__isnull=False)
        .order_by("-date", "-pk")
        .values("pk")[:1]
    )
    attended = Attendance.objects.filter(
        meeting__body__in=bodies,
        meeting=Subquery(last),
        capacity__in=[Attendance.Capacity.MEMBER, Attendance.Capacity.DEPUTY],
        person__user__isnull=False,
    ).select_related("person__user", "meeting")
    return [(a.meeting.body_id, a.person.user) for a in attended if a.person.user is not None]
