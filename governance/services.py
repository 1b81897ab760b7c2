"""Writes to the steering group. Each validates in full (model clean and constraints) and saves in
one transaction, with the acting user in the change history: nothing is ever half-saved."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.writes import Actor, update_fields
from core.writes import save_validated as _save
from governance import parameters
from governance.models import (
    LeadershipAppointment,
    Membership,
    Nomination,
    StatutoryParameters,
    SteeringGroup,
)
from organisations.models import Cooperation, Organisation, Person


@transaction.atomic
def record_nomination(
    *,
    group: SteeringGroup,
    organisation: Organisation,
    actor: Actor,
    decided_by: Person | None = None,
    decided_by_body: str = "",
    decided_on: datetime.date | None = None,
    reference: str = "",
) -> Nomination:
    nomination = Nomination(
        group=group,
        organisation=organisation,
        decided_by=decided_by,
        decided_by_body=decided_by_body,
        decided_on=decided_on,
        reference=reference,
    )
    _save(nomination, actor)
    return nomination


NOMINATION_FIELDS = ("decided_by", "decided_by_body", "decided_on", "reference")


@transaction.atomic
def update_nomination(
    *,
    nomination: Nomination,
    actor: Actor,
    decided_by: Person | None,
    decided_by_body: str,
    decided_on: datetime.date | None,
    reference: str,
    organisation: Organisation | None = None,
) -> Nomination:
    """Correct a nomination's decision details; the organisation and group stay as nominated (the
    form shows the ORGANISATION fixed: a nomination never changes hands, so it is not read)."""
    data = {
        "decided_by": decided_by,
        "decided_by_body": decided_by_body,
        "decided_on": decided_on,
        "reference": reference,
    }
    update_fields(nomination, actor=actor, allowed=NOMINATION_FIELDS, data=data)
    return nomination


@transaction.atomic
def seat_member(
    *,
    nomination: Nomination,
    person: Person,
    actor: Actor,
    role: str = Membership.Role.MEMBER,
    deputy: Person | None = None,
    start_date: datetime.date | None = None,
    role_named_in: Nomination | None = None,
    serves_until_successor: bool = False,
    represents: Organisation | None = None,
    employer: Organisation | None = None,
) -> Membership:
    """Seat PERSON as a member nominated in NOMINATION, with their personal DEPUTY if named."""
    member = Membership(
        group=nomination.group,
        organisation=nomination.organisation,
        nomination=nomination,
        person=person,
        capacity=Membership.Capacity.MEMBER,
        role=role,
        start_date=start_date,
        role_named_in=role_named_in
        or (nomination if role in (Membership.Role.CHAIR, Membership.Role.VICE_CHAIR) else None),
        serves_until_successor=serves_until_successor,
        represents=represents,
        employer=employer,
    )
    _save(member, actor)
    if deputy is not None:
        add_deputy(member=member, person=deputy, actor=actor, start_date=start_date, nomination=nomination)
    return member


@transaction.atomic
def add_deputy(
    *,
    member: Membership,
    person: Person,
    actor: Actor,
    start_date: datetime.date | None = None,
    nomination: Nomination | None = None,
) -> Membership:
    deputy = Membership(
        group=member.group,
        organisation=member.organisation,
        nomination=nomination or member.nomination,
        person=person,
        capacity=Membership.Capacity.DEPUTY,
        deputy_of=member,
        start_date=start_date,
        serves_until_successor=member.serves_until_successor,
    )
    _save(deputy, actor)
    return deputy


@transaction.atomic
def end_seat(*, seat: Membership, end_date: datetime.date, reason: str, actor: Actor) -> Membership:
    """End SEAT; a member's personal deputy leaves with them (a personal deputy deputises one member)."""
    for deputy in seat.deputies.filter(end_date__isnull=True):
        deputy.end_date, deputy.end_reason = end_date, reason
        _save(deputy, actor)
    seat.end_date, seat.end_reason = end_date, reason
    _save(seat, actor)
    return seat


@transaction.atomic
def replace_member(
    *,
    seat: Membership,
    successor: Person,
    start_date: datetime.date,
    actor: Actor,
    nomination: Nomination | None = None,
    keep_deputy: bool = True,
) -> Membership:
    """Mid-term change: SUCCESSOR takes SEAT's place (and role) from START_DATE; the history keeps both.

    With KEEP_DEPUTY the personal deputy continues as the successor's deputy, in a new row of its own.
    """
    nomination = nomination or seat.nomination
    if nomination is None:
        raise ValidationError(
            _(
                "The seat has no recorded nomination decision: record the organisation's decision "
                "that names the successor first."
            )
        )
    old_deputies = list(seat.deputies.filter(end_date__isnull=True).select_related("person"))
    last_day = start_date - datetime.timedelta(days=1)
    end_seat(seat=seat, end_date=last_day, reason=Membership.EndReason.SUCCESSOR, actor=actor)
    new = seat_member(
        nomination=nomination,
        person=successor,
        actor=actor,
        role=seat.role,
        start_date=start_date,
        role_named_in=seat.role_named_in,
        serves_until_successor=seat.serves_until_successor,
    )
    if keep_deputy:
        for old in old_deputies:
            add_deputy(
                member=new, person=old.person, actor=actor, start_date=start_date, nomination=old.nomination
            )
    return new


@transaction.atomic
def appoint_leader(
    *,
    group: SteeringGroup,
    actor: Actor,
    capacity: str,
    person: Person,
    approved_on: datetime.date,
    named_on: datetime.date,
    term_start: datetime.date,
    term_end: datetime.date,
    administrative_employer: Organisation,
    approval_reference: str = "",
    naming_reference: str = "",
) -> LeadershipAppointment:
    """The leading person or deputy: approved by the steering group, then named by the board."""
    appointment = LeadershipAppointment(
        group=group,
        capacity=capacity,
        person=person,
        approved_on=approved_on,
        approval_reference=approval_reference,
        named_on=named_on,
        naming_reference=naming_reference,
        term_start=term_start,
        term_end=term_end,
        administrative_employer=administrative_employer,
    )
    return _save(appointment, actor)


@transaction.atomic
def set_up_group(
    *,
    cooperation: Cooperation,
    actor: Actor,
    name: str,
    set_up_by: str = "",
    set_up_on: datetime.date | None = None,
    set_up_reference: str = "",
    term_start: datetime.date | None = None,
    term_end: datetime.date | None = None,
) -> SteeringGroup:
    """COOPERATION's steering group as the set-up decision records it; without an end, the term is the
    decree's (parameters.term_end: five years, VNA 388/2024)."""
    if term_start is not None and term_end is None:
        rows = list(StatutoryParameters.objects.order_by("-valid_from"))
        term_end = parameters.term_end(term_start, parameters.in_force_among(rows, term_start).term_years)
    group = SteeringGroup(
        cooperation=cooperation,
        name=name,
        set_up_by=set_up_by,
        set_up_on=set_up_on,
        set_up_reference=set_up_reference,
        term_start=term_start,
        term_end=term_end,
    )
    return _save(group, actor)
