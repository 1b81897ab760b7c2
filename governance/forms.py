from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.forms import DATE_WIDGET, limit_choices
from governance.models import LeadershipAppointment, Membership, Nomination
from organisations.models import Organisation, Person
from organisations.selectors import organisations_of, people_of


class NominationForm(forms.ModelForm):
    class Meta:
        model = Nomination
        fields = ["organisation", "decided_by", "decided_by_body", "decided_on", "reference"]
        widgets = {"decided_on": DATE_WIDGET}

    def __init__(self, *args, organisations, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self, "organisation", organisations)
        # The official who decided: one of the organisation's people in this cooperation, or of a
        # municipality supplementing the group (which takes part in no cooperation).
        limit_choices(
            self,
            "decided_by",
            Person.objects.filter(organisation__in=organisations)
            .filter(
                Q(pk__in=people_of(cooperation).values("pk"))
                | Q(organisation__kind=Organisation.Kind.MUNICIPALITY)
            )
            .select_related("organisation"),
        )


def _people(organisation: Organisation, cooperation):
    """ORGANISATION's people in COOPERATION (a supplementing municipality's: all its people)."""
    people = Person.objects.filter(organisation=organisation)
    if organisation.kind == Organisation.Kind.MUNICIPALITY:
        return people
    return people.filter(pk__in=people_of(cooperation).values("pk"))


class SeatForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Member"), queryset=Person.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER)
    deputy = forms.ModelChoiceField(
        label=_("Personal deputy"), queryset=Person.objects.none(), required=False
    )
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DATE_WIDGET)
    serves_until_successor = forms.BooleanField(
        label=_("Serves until a successor is named"),
        required=False,
    )
    represents = forms.ModelChoiceField(
        label=_("Represents"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Only when the member represents another organisation than the one that nominated them."),
    )
    employer = forms.ModelChoiceField(
        label=_("Employer"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Only when not the person's own organisation."),
    )

    def __init__(self, *args, organisation: Organisation, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        people = _people(organisation, cooperation)
        limit_choices(self, "person", people)
        limit_choices(self, "deputy", people)
        offered = organisations_of(cooperation).order_by("name_fi")
        limit_choices(self, "represents", offered)
        limit_choices(self, "employer", offered)


class DeputyForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Personal deputy"), queryset=Person.objects.none())
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, organisation: Organisation, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self, "person", _people(organisation, cooperation))


class EndSeatForm(forms.Form):
    end_date = forms.DateField(label=_("End date"), widget=DATE_WIDGET)
    reason = forms.ChoiceField(label=_("Reason for ending"), choices=Membership.EndReason.choices)


class SuccessorForm(forms.Form):
    successor = forms.ModelChoiceField(label=_("Successor"), queryset=Person.objects.none())
    start_date = forms.DateField(label=_("Successor starts on"), widget=DATE_WIDGET)
    keep_deputy = forms.BooleanField(
        label=_("The personal deputy continues as the successor's deputy"), required=False, initial=True
    )

    def __init__(self, *args, organisation: Organisation, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self, "successor", _people(organisation, cooperation))


class LeaderForm(forms.ModelForm):
    """The leading person or deputy: the steering group's approval, then the board's naming."""

    class Meta:
        model = LeadershipAppointment
        fields = [
            "capacity",
            "person",
            "approved_on",
            "approval_reference",
            "named_on",
            "naming_reference",
            "term_start",
            "term_end",
            "administrative_employer",
        ]
        widgets = {
            "approved_on": DATE_WIDGET,
            "named_on": DATE_WIDGET,
            "term_start": DATE_WIDGET,
            "term_end": DATE_WIDGET,
        }

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        parties = group.cooperation.parties()
        limit_choices(
            self,
            "person",
            people_of(group.cooperation_id).select_related("organisation").order_by("last_name"),
        )
        limit_choices(self, "administrative_employer", parties.order_by("name_fi"))
        if group.term_end:
            self.fields["term_end"].initial = group.term_end
            self.fields["term_end"].help_text = _("At most the steering group's term.")

    def _post_clean(self):
        pass  # the service validates the appointment with the group's term
