from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DATE_WIDGET, limit_choices
from decisions import deadlines
from decisions.models import AppealPart, Claim, Notification
from organisations.models import Person


class DeadlineForm(forms.Form):
    """The calculator's question; also validates the JSON API's parameters."""

    kind = forms.ChoiceField(label=_("Kind of appeal"), choices=deadlines.Kind.choices)
    method = forms.ChoiceField(label=_("How the decision was given"), choices=deadlines.Method.choices)
    date = forms.DateField(
        label=_("Date"),
        widget=DATE_WIDGET,
        help_text=_("When the letter or e-mail was sent, the minutes were published, or receipt was proven."),
    )


class NotificationForm(forms.ModelForm):
    class Meta:
        model = Notification
        fields = ["recipient", "method", "consent_recorded", "sent_on", "proven_receipt_on"]
        widgets = {"sent_on": DATE_WIDGET, "proven_receipt_on": DATE_WIDGET}


class ClaimForm(forms.ModelForm):
    class Meta:
        model = Claim
        fields = ["part", "claimant", "received_on", "reference"]
        widgets = {"received_on": DATE_WIDGET}

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.item = item
        limit_choices(self, "part", AppealPart.objects.filter(item=item).exclude(kind="no_appeal"))


class CheckMinutesForm(forms.Form):
    checkers = forms.ModelMultipleChoiceField(label=_("Checked by"), queryset=Person.objects.none())
    checked_on = forms.DateField(label=_("Checked on"), widget=DATE_WIDGET)

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(
            self,
            "checkers",
            Person.objects.filter(organisation__in=area.parties())
            .select_related("organisation")
            .order_by("last_name", "first_name"),
        )


class PublishMinutesForm(forms.Form):
    published_on = forms.DateField(label=_("Put on the public network on"), widget=DATE_WIDGET)
