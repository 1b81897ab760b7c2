from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.models import AgreementParty, Dispute, Signatory, Version
from core.forms import DATE_WIDGET, limit_choices


class SignatureForm(forms.Form):
    version = forms.ModelChoiceField(label=_("Version"), queryset=Version.objects.none())
    signatory = forms.ModelChoiceField(label=_("Signatory"), queryset=Signatory.objects.none())
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE_WIDGET)
    evidence = forms.FileField(
        label=_("Signed scan (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    esignature_reference = forms.CharField(
        label=_("or e-signature reference"), required=False, max_length=200
    )

    def __init__(self, *args, agreement, parties, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self, "version", agreement.versions.all())
        limit_choices(self, "signatory", Signatory.objects.filter(party__in=parties, is_placeholder=False))


class NoticeForm(forms.Form):
    from_party = forms.ModelChoiceField(
        label=_("Party giving notice"), queryset=AgreementParty.objects.none()
    )
    dated_on = forms.DateField(label=_("Dated"), widget=DATE_WIDGET)

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self, "from_party", parties)


class DeliveryForm(forms.Form):
    delivered_on = forms.DateField(label=_("Delivered on"), widget=DATE_WIDGET)


class DisputeForm(forms.ModelForm):
    class Meta:
        model = Dispute
        fields = ["requested_by", "requested_to", "requested_on", "kind", "subject"]
        widgets = {"requested_on": DATE_WIDGET, "subject": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, agreement, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agreement = agreement
        limit_choices(self, "requested_by", parties)
        limit_choices(self, "requested_to", agreement.parties.all())
