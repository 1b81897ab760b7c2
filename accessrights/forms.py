from django import forms
from django.utils.translation import gettext_lazy as _

from accessrights.models import AccessRight
from core.forms import DATE_WIDGET, limit_choices
from organisations.selectors import people_of


class ApplyForm(forms.ModelForm):
    class Meta:
        model = AccessRight
        fields = ["person", "system", "role", "applied_on", "applied_by"]
        widgets = {"applied_on": DATE_WIDGET}

    def __init__(self, *args, cooperation, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.cooperation = cooperation
        limit_choices(
            self,
            "person",
            people_of(cooperation)
            .filter(organisation__in=parties)
            .select_related("organisation")
            .order_by("last_name", "first_name"),
        )

    def clean(self):
        data = super().clean()
        if person := data.get("person"):
            self.instance.organisation = person.organisation
        return data


class StepForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    by = forms.CharField(label=_("Handled by"), max_length=200)


class UpdateForm(StepForm):
    note = forms.CharField(label=_("What was updated"), max_length=300)
