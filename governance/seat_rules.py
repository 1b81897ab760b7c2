"""What makes one seat or one leadership appointment valid on its own (checked before every save;
what the database can hold, it holds too: see the constraints on the models)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.validation import Errors
from governance.choices import Capacity, Role
from organisations.models import OrganisationKind

if TYPE_CHECKING:
    from governance.models import LeadershipAppointment, Membership, Nomination


def check_membership(seat: Membership) -> None:
    errors = Errors()
    add = errors.add

    if seat.person_id and seat.organisation_id and seat.person.organisation_id != seat.organisation_id:
        add(
            "person",
            _("%(person)s does not belong to %(organisation)s."),
            person=seat.person,
            organisation=seat.organisation,
        )

    member = seat.deputy_of if seat.deputy_of_id else None
    if member is not None:
        # A personal deputy is named by the member's own organisation (VNA 388/2024; agreement § 8).
        if member.organisation_id != seat.organisation_id:
            add(
                "deputy_of",
                _("A personal deputy must come from the member's own organisation (%(organisation)s)."),
                organisation=member.organisation,
            )
        if member.group_id != seat.group_id:
            add("deputy_of", _("The member sits in another steering group."))
        if member.capacity != Capacity.MEMBER:
            add("deputy_of", _("A personal deputy is the deputy of a member, not of another deputy."))
        if member.person_id == seat.person_id:
            add("person", _("A member cannot be their own personal deputy."))

    if (
        seat.role == Role.MUNICIPAL
        and seat.organisation_id
        and (seat.organisation.kind != OrganisationKind.MUNICIPALITY)
    ):
        add("role", _("A municipal representative is nominated by a municipality."))
    if (
        seat.role != Role.MUNICIPAL
        and seat.organisation_id
        and (seat.organisation.kind == OrganisationKind.MUNICIPALITY and seat.capacity == Capacity.MEMBER)
    ):
        add("role", _("A municipality's member sits as a municipal representative."))

    for field in ("nomination", "role_named_in"):
        nomination = getattr(seat, field)
        if nomination is not None and nomination.group_id != seat.group_id:
            add(field, _("The nomination was made to another steering group."))
    if seat.nomination is not None and seat.nomination.organisation_id != seat.organisation_id:
        add("nomination", _("The nomination was decided by another organisation."))

    if seat.start_date and seat.end_date and seat.end_date < seat.start_date:
        add("end_date", _("The end date cannot be before the start date."))
    if seat.end_reason and not seat.end_date:
        add("end_reason", _("A reason for ending is given only with an end date."))

    # Ended seats are outside the database's unique constraints: check their dates overlap here.
    if seat.group_id and seat.person_id:
        others = (
            type(seat)
            ._default_manager.filter(group_id=seat.group_id, person_id=seat.person_id)
            .exclude(pk=seat.pk)
        )
        if seat.end_date:
            others = others.filter(Q(start_date__isnull=True) | Q(start_date__lte=seat.end_date))
        if seat.start_date:
            others = others.filter(Q(end_date__isnull=True) | Q(end_date__gte=seat.start_date))
        if others.exists():
            add(
                "person",
                _("%(person)s already has a seat in this steering group for the same time."),
                person=seat.person,
            )

    errors.raise_if_any()


def check_leadership(appointment: LeadershipAppointment) -> None:
    errors = Errors()
    add = errors.add

    # The steering group approves the person before the employment authority names them (VNA 388/2024).
    if appointment.approved_on and appointment.named_on and appointment.named_on < appointment.approved_on:
        add("named_on", _("The steering group must approve the person before the board names them."))
    if appointment.term_start and appointment.term_end and appointment.term_end < appointment.term_start:
        add("term_end", _("The term cannot end before it starts."))
    # Named for at most the steering group's term (agreement § 8).
    group = appointment.group if appointment.group_id else None
    if (
        group is not None
        and appointment.term_end
        and group.term_end
        and appointment.term_end > group.term_end
    ):
        add(
            "term_end",
            _("The term may not go past the steering group's term, which ends on %(day)s."),
            day=group.term_end.strftime("%d.%m.%Y"),
        )
    if (
        group is not None
        and appointment.term_start
        and group.term_start
        and appointment.term_start < group.term_start
    ):
        add(
            "term_start",
            _("The term may not start before the steering group's term, which starts on %(day)s."),
            day=group.term_start.strftime("%d.%m.%Y"),
        )
    errors.raise_if_any()


def check_nomination(nomination: Nomination) -> None:
    errors = Errors()
    official = nomination.decided_by if nomination.decided_by_id else None
    if (
        official is not None
        and nomination.organisation_id
        and official.organisation_id != nomination.organisation_id
    ):
        errors.add("decided_by", _("The official who decided must belong to the nominating organisation."))
    if (
        nomination.group_id
        and nomination.organisation_id
        and not (
            nomination.group.cooperation.parties().filter(pk=nomination.organisation_id).exists()
            or nomination.organisation.kind == OrganisationKind.MUNICIPALITY
        )
    ):
        errors.add(
            "organisation",
            _("%(organisation)s does not take part in this cooperation."),
            organisation=nomination.organisation,
        )
    errors.raise_if_any()
