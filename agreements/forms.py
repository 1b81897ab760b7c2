from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, AgreementParty, Dispute, Signatory, Version
from core.forms import DATE_WIDGET, limit_choices
from decisions.models import AgendaItem
from organisations.models import Person
from organisations.selectors import people_of


class SignatureForm(forms.Form):
    # The newest version first and chosen (#29 item 4): it is the one out for signature, and often the
    # only one. No empty choice, so no extra query to find it.
    version = forms.ModelChoiceField(label=_("Version"), queryset=Version.objects.none(), empty_label=None)
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
    confirm = forms.BooleanField(
        label=_(
            "I confirm this signature. With the last required signature the agreement enters into force."
        ),
        help_text=_("A recorded signature cannot be withdrawn here."),
    )

    def __init__(self, *args, agreement, parties, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self, "version", agreement.versions.order_by("-number"))
        limit_choices(
            self,
            "signatory",
            Signatory.objects.filter(party__in=parties, is_placeholder=False, must_sign=True).select_related(
                "party__organisation"
            ),
        )


class SignedPdfForm(forms.Form):
    """A PDF signed in the party's own e-signing service (PAdES, #30): validated, then recorded."""

    # The agreement page also carries the signature form: its fields keep ids of their own.
    prefix = "signed"
    version = forms.ModelChoiceField(label=_("Version"), queryset=Version.objects.none())
    signed_pdf = forms.FileField(
        label=_("Signed PDF (PAdES)"),
        help_text=_(
            "The signing copy of this version, signed in your organisation's e-signing service. Each valid "
            "signature in it is recorded for its signer."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    confirm = forms.BooleanField(
        label=_(
            "I confirm these signatures. With the last required signature the agreement enters into force."
        ),
        help_text=_("A recorded signature cannot be withdrawn here."),
    )

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        latest = max(agreement.versions.all(), key=lambda version: version.number, default=None)
        limit_choices(self, "version", agreement.versions.filter(pk=latest.pk if latest else None))
        if latest is not None:
            self.fields["version"].initial = latest.pk

    def clean_signed_pdf(self):
        upload = self.cleaned_data["signed_pdf"]
        limit = settings.SIGNATURE_SCAN_MAX_BYTES
        if (upload.size or 0) > limit:  # refused before it is read into memory
            raise forms.ValidationError(
                _("The file is too large: at most %(mb)s MB."), params={"mb": limit // (1024 * 1024)}
            )
        return upload


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


class MustSignForm(forms.Form):
    """The page's one-button switch: "yes" marks the signatory as required to sign, "no" as not."""

    must_sign = forms.ChoiceField(choices=[("yes", _("Required")), ("no", _("Not required"))])


class DisputeForm(forms.ModelForm):
    class Meta:
        model = Dispute
        fields = ["requested_by", "requested_to", "requested_on", "kind", "subject"]
        widgets = {"requested_on": DATE_WIDGET, "subject": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, agreement, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agreement = agreement
        limit_choices(self, "requested_by", parties)
        limit_choices(self, "requested_to", agreement.parties.select_related("organisation"))


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["title", "authorised_signer", "copies_stated", "forum_public_law", "forum_civil"]

    def _post_clean(self):
        pass  # the service validates the whole agreement


class SectionForm(forms.Form):
    number = forms.IntegerField(label=_("Section number"), min_value=1, max_value=999)
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 6}), max_length=20000)


class SignatoryForm(forms.ModelForm):
    class Meta:
        model = Signatory
        fields = ["party", "name_as_written", "title_as_written", "person", "must_sign"]

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self, "party", parties)
        limit_choices(
            self,
            "person",
            Person.objects.filter(
                organisation__agreement_parties__in=parties,
                pk__in=people_of(parties[0].agreement.cooperation_id if parties else 0).values("pk"),
            ).order_by("last_name", "first_name"),
        )

    def _post_clean(self):
        pass


class ApproveForm(forms.Form):
    decision = forms.ModelChoiceField(label=_("Approving decision"), queryset=AgendaItem.objects.none())

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(
            self,
            "decision",
            AgendaItem.objects.filter(
                body__area__cooperation=agreement.cooperation, outcome__in=["as_proposed", "amended"]
            )
            .select_related("body")
            .order_by("-year", "-number"),
        )
        self.fields["decision"].label_from_instance = lambda item: f"{item.body} {item.section} {item.title}"


class AmendmentForm(forms.Form):
    description = forms.CharField(
        label=_("What changes"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    section_number = forms.IntegerField(label=_("Section number"), min_value=1, max_value=999)
    section_title = forms.CharField(label=_("Title of the section"), max_length=300)
    section_text = forms.CharField(
        label=_("New text of the section"), widget=forms.Textarea(attrs={"rows": 6}), max_length=20000
    )


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(label=_("I understand that this cannot be undone."))
