"""Attendance as a checklist (#29 item 4): one form for the many people of a meeting, each a row with a
box to tick and the capacity they attend in, instead of one form a person. A deputy, who needs the
member they stand in for, and arrivals part way are recorded one at a time (forms.AttendanceForm)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from decisions.models import Attendance, Meeting
from organisations.models import Person
from organisations.selectors import people_of

CHECKLIST_CAPACITIES = [
    (Attendance.Capacity.MEMBER.value, Attendance.Capacity.MEMBER.label),
    (Attendance.Capacity.OTHER.value, Attendance.Capacity.OTHER.label),
    (Attendance.Capacity.ABSENT.value, Attendance.Capacity.ABSENT.label),
]


class AttendanceChecklistForm(forms.Form):
    """A row for each person of the cooperation not yet recorded at MEETING: `present_<pk>` (the box)
    and `capacity_<pk>` (member by default)."""

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        recorded = Attendance.objects.filter(meeting=meeting).values("person_id")
        self.people: list[Person] = list(
            people_of(meeting.body.area.cooperation_id)
            .exclude(pk__in=recorded)
            .select_related("organisation")
            .order_by("last_name", "first_name")
        )
        for person in self.people:
            self.fields[f"present_{person.pk}"] = forms.BooleanField(label=person.full_name, required=False)
            self.fields[f"capacity_{person.pk}"] = forms.ChoiceField(
                label=_("Capacity of %(person)s") % {"person": person.full_name},
                choices=CHECKLIST_CAPACITIES,
                initial=Attendance.Capacity.MEMBER,
                required=False,  # an unticked row asks nothing; a ticked one without is a member
            )

    def rows(self) -> list[tuple[Person, forms.BoundField, forms.BoundField]]:
        return [(p, self[f"present_{p.pk}"], self[f"capacity_{p.pk}"]) for p in self.people]

    def clean(self):
        data = super().clean()
        if not self.checked(data):
            raise forms.ValidationError(_("Tick at least one person."))
        return data

    def checked(self, data: dict | None = None) -> list[tuple[Person, str]]:
        """The people ticked, with the capacity chosen for each."""
        data = self.cleaned_data if data is None else data
        return [
            (person, data.get(f"capacity_{person.pk}") or Attendance.Capacity.MEMBER)
            for person in self.people
            if data.get(f"present_{person.pk}")
        ]
