"""Attendance as a checklist (#29 item 4): one form for the many people of a meeting, each a row with a
box to tick and the capacity they attend in, instead of one form a person. The body's members and
personal deputies (decisions.members) come first; a deputy outside the register, and arrivals part way,
are recorded one at a time (forms.AttendanceForm)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from decisions.models import Attendance, BodyMember, Meeting
from organisations.models import Person
from organisations.selectors import people_of

CHECKLIST_CAPACITIES: list[tuple[str, Any]] = [
    (Attendance.Capacity.MEMBER.value, Attendance.Capacity.MEMBER.label),
    (Attendance.Capacity.OTHER.value, Attendance.Capacity.OTHER.label),
    (Attendance.Capacity.ABSENT.value, Attendance.Capacity.ABSENT.label),
]


@dataclass(frozen=True)
class Row:
    """A line of the checklist: the person, their seat in the body on the meeting's day (None for
    others of the cooperation), and the two fields."""

    person: Person
    seat: BodyMember | None
    present: forms.BoundField
    capacity: forms.BoundField


class AttendanceChecklistForm(forms.Form):
    """A row for each person of the cooperation not yet recorded at MEETING: `present_<pk>` (the box)
    and `capacity_<pk>`. The body's members and personal deputies in office on the meeting's day
    (decisions.members) come first: a member attends as a member by default, a personal deputy as the
    deputy of their own member, whom the form names, so a deputy needs no form of their own."""

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        recorded = Attendance.objects.filter(meeting=meeting).values("person_id")
        day = meeting.date or timezone.localdate()
        self.seats: dict[int, BodyMember] = {
            seat.person_id: seat
            for seat in BodyMember.objects.filter(body_id=meeting.body_id)
            .on(day)
            .select_related("deputy_of__person")
            .order_by("pk")
        }
        # the cooperation's people, and the register's even when their organisation has since left it
        of_cooperation = people_of(meeting.body.area.cooperation_id).values("pk")
        people = list(
            Person.objects.filter(Q(pk__in=of_cooperation) | Q(pk__in=list(self.seats)))
            .exclude(pk__in=recorded)
            .select_related("organisation")
            .order_by("last_name", "first_name")
        )
        order: dict[str, int] = {
            BodyMember.Role.CHAIR: 0,
            BodyMember.Role.VICE_CHAIR: 1,
            BodyMember.Role.MEMBER: 2,
        }
        self.people: list[Person] = sorted(
            people,
            key=lambda p: order.get(self.seats[p.pk].role, 3) if p.pk in self.seats else 4,
        )
        for person in self.people:
            seat = self.seats.get(person.pk)
            self.fields[f"present_{person.pk}"] = forms.BooleanField(label=person.full_name, required=False)
            choices: list[tuple[str, Any]] = CHECKLIST_CAPACITIES
            initial = Attendance.Capacity.MEMBER.value
            if seat is not None and seat.deputy_of is not None:
                instead = _("deputy substituting for %(member)s") % {
                    "member": seat.deputy_of.person.full_name
                }
                choices = [(Attendance.Capacity.DEPUTY.value, instead), CHECKLIST_CAPACITIES[1]]
                initial = Attendance.Capacity.DEPUTY.value
            elif self.seats and seat is None:
                initial = Attendance.Capacity.OTHER.value  # the register says who the members are
            self.fields[f"capacity_{person.pk}"] = forms.ChoiceField(
                label=_("Capacity of %(person)s") % {"person": person.full_name},
                choices=choices,
                initial=initial,
                required=False,  # an unticked row asks nothing; a ticked one without takes the initial
            )

    def rows(self) -> list[Row]:
        return [
            Row(p, self.seats.get(p.pk), self[f"present_{p.pk}"], self[f"capacity_{p.pk}"])
            for p in self.people
        ]

    def clean(self):
        data = super().clean()
        ticked = self.checked(data)
        if not ticked:
            raise forms.ValidationError(_("Tick at least one person."))
        present = {
            person.pk for person, capacity, _member in ticked if capacity == Attendance.Capacity.MEMBER
        }
        for person, _capacity, member in ticked:
            if member is not None and member.pk in present:
                raise forms.ValidationError(
                    _("%(member)s is present: their deputy %(deputy)s cannot substitute for them.")
                    % {"member": member.full_name, "deputy": person.full_name}
                )
        return data

    def checked(self, data: dict | None = None) -> list[tuple[Person, str, Person | None]]:
        """The people ticked, with the capacity chosen for each and, for a deputy, the member whom
        they substitute for."""
        data = self.cleaned_data if data is None else data
        found = []
        for person in self.people:
            if not data.get(f"present_{person.pk}"):
                continue
            capacity = data.get(f"capacity_{person.pk}") or self.fields[f"capacity_{person.pk}"].initial
            seat = self.seats.get(person.pk)
            member = None
            if capacity == Attendance.Capacity.DEPUTY and seat is not None and seat.deputy_of is not None:
                member = seat.deputy_of.person
            found.append((person, capacity, member))
        return found
