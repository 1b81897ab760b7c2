from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DATE_WIDGET, limit_choices
from decisions.models import AgendaItem
from staffing.models import Indicator, Measurement, NationalObjective, Objective, StaffingReview


def _group_decisions(group):
    return (
        AgendaItem.objects.filter(body__area__cooperation=group.cooperation)
        .exclude(outcome="")
        .select_related("body")
        .order_by("-year", "-number")
    )


class ObjectiveForm(forms.ModelForm):
    class Meta:
        model = Objective
        fields = ["title", "description", "national_objectives", "responsible"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "national_objectives": forms.CheckboxSelectMultiple,
            "responsible": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self, "national_objectives", NationalObjective.objects.all())
        limit_choices(self, "responsible", group.cooperation.parties().order_by("name_fi"))

    def _post_clean(self):
        pass


class ObjectiveDecisionForm(forms.Form):
    set_on = forms.DateField(label=_("Set by the steering group on"), widget=DATE_WIDGET)
    decided_in = forms.ModelChoiceField(
        label=_("In the decision"), queryset=AgendaItem.objects.none(), required=False
    )

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self, "decided_in", _group_decisions(group))
        self.fields["decided_in"].label_from_instance = lambda i: f"{i.body} {i.section} {i.title}"


class FollowUpStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[c for c in Objective.Status.choices if c[0] != Objective.Status.PROPOSED]
    )


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "unit", "baseline", "target"]

    def _post_clean(self):
        pass


class MeasurementForm(forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["measured_on", "value", "note"]
        widgets = {"measured_on": DATE_WIDGET}

    def _post_clean(self):
        pass


class AssessmentForm(forms.ModelForm):
    adequate = forms.TypedChoiceField(
        label=_("Staffing was"),
        choices=[("yes", _("adequate")), ("no", _("not adequate"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = StaffingReview
        fields = [
            "adequate",
            "reasons",
            "measures",
            "measures_by",
            "measures_due",
            "assessed_on",
            "decided_in",
        ]
        widgets = {
            "reasons": forms.Textarea(attrs={"rows": 3}),
            "measures": forms.Textarea(attrs={"rows": 3}),
            "measures_due": DATE_WIDGET,
            "assessed_on": DATE_WIDGET,
        }

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessed_on"].required = True
        limit_choices(self, "decided_in", _group_decisions(group))
        self.fields["decided_in"].label_from_instance = lambda i: f"{i.body} {i.section} {i.title}"
        if self.instance.pk and self.instance.adequate is not None:
            self.initial["adequate"] = "yes" if self.instance.adequate else "no"

    def _post_clean(self):
        pass
