from django import forms
from django.utils.translation import gettext_lazy as _

from organisations import business_id
from organisations.models import Organisation


class OrganisationForm(forms.ModelForm):
    """Used by the portal and the admin alike, so both refuse the same input."""

    class Meta:
        model = Organisation
        fields = ["kind", "name_fi", "name_sv", "business_id", "address", "source"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    def clean_business_id(self) -> str:
        value = self.cleaned_data["business_id"].strip()
        # A value imported as written is flagged, not forced: only a business ID that is typed
        # (new or changed) must pass its check digit.
        if not value or ("business_id" not in self.changed_data and self.instance.pk):
            return value
        business_id.validate_business_id(value)
        return business_id.normalise(value)


class PortalOrganisationForm(OrganisationForm):
    """An organisation's editor changes its details, not its kind or provenance."""

    class Meta(OrganisationForm.Meta):
        fields = ["name_fi", "name_sv", "business_id", "address"]
        help_texts = {"business_id": _("Seven digits, a hyphen and a check digit, e.g. 0246246-0.")}
