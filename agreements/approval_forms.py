"""The forms of a party's own approving decision and of the section that holds a cited topic."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DATE_WIDGET
from governance.citations import Topic


class ApprovalForm(forms.Form):
    body = forms.CharField(
        label=_("Deciding body"),
        max_length=300,
        help_text=_("As the decision names it, e.g. the city board or the county's regional board."),
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE_WIDGET)
    section = forms.CharField(label=_("Section (§)"), max_length=50, required=False)
    reference = forms.CharField(
        label=_("Reference or diary number"),
        max_length=200,
        required=False,
        help_text=_("Give the section, the reference or both."),
    )

    def clean(self):
        data = super().clean()
        if not data.get("section") and not data.get("reference"):
            raise forms.ValidationError(_("Give the section (§) or the reference of the decision."))
        return data


class TopicSectionForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    section_number = forms.IntegerField(label=_("Section number"), min_value=1, max_value=999)
