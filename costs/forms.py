from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DATE_WIDGET, limit_choices
from costs.models import DevelopmentDay, Invoice
from organisations.models import Organisation, Person
from organisations.selectors import people_of


class RegistrationForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Leave empty to register a number of people."),
    )
    count = forms.IntegerField(label=_("Number of people"), min_value=1, max_value=999, initial=1)

    def __init__(self, *args, organisations, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self, "organisation", organisations)
        limit_choices(
            self,
            "person",
            people_of(cooperation).filter(organisation__in=organisations).select_related("organisation"),
        )

    def clean(self):
        data = super().clean()
        if data.get("person") and data.get("count", 1) != 1:
            self.add_error("count", _("A named person is one registration."))
        return data


class InvoiceStatusForm(forms.Form):
    """The next state of an invoice basis: only those its lifecycle allows by hand are offered."""

    status = forms.ChoiceField(label=_("Status"))
    on = forms.DateField(label=_("Date"), widget=DATE_WIDGET)

    def __init__(self, *args, invoice: Invoice, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields["status"]
        if isinstance(status, forms.ChoiceField):
            status.choices = [(s.value, s.label) for s in invoice.marks_by_hand()]


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for reopening"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Registrations and costs can then be changed again. Invoice bases not yet sent are voided "
            "and those sent are credited by credit notes giving this reason; prepare the invoice bases "
            "again after the correction."
        ),
    )


class DayForm(forms.ModelForm):
    class Meta:
        model = DevelopmentDay
        fields = ["title", "date", "place"]
        widgets = {"date": DATE_WIDGET}

    def _post_clean(self):
        pass


class CostItemForm(forms.Form):
    description = forms.CharField(label=_("Description"), max_length=200)
    amount = forms.DecimalField(
        label=_("Amount (€)"), min_value=Decimal("0.01"), max_value=Decimal("9999999999.99"), decimal_places=2
    )
    paid_by = forms.ModelChoiceField(label=_("Paid by"), queryset=Organisation.objects.none())

    def __init__(self, *args, day, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self, "paid_by", day.group.cooperation.parties().order_by("name_fi"))
