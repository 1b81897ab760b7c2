from django import forms
from django.utils.translation import gettext_lazy as _

from archive import selectors, services
from archive.models import ArchivedDocument


class MetadataForm(forms.ModelForm):
    class Meta:
        model = ArchivedDocument
        fields = [
            "title",
            "case",
            "publicity",
            "secrecy_basis",
            "retention_years",
            "permanent",
            "audience",
            "status",
        ]


class ArchiveForm(MetadataForm):
    """What to archive (a record rendered as PDF/A, or an uploaded PDF/A annex or report) and its
    records metadata."""

    source = forms.ChoiceField(label=_("Document"), required=False)
    upload = forms.FileField(
        label=_("PDF/A file (annexes and reports)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    class Meta(MetadataForm.Meta):
        fields = ["kind", "annex", *MetadataForm.Meta.fields]

    field_order = ["kind", "source", "upload", "annex", "title", "case"]

    def __init__(self, *args, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("status")
        self.fields["annex"].queryset = selectors.annexes_of(cooperation)
        self.fields["annex"].label_from_instance = lambda annex: f"{annex.item.section} {annex}"[:200]
        self.fields["annex"].help_text = _("For an annex: the meeting pack appends its file to the agenda.")
        self.fields["source"].help_text = _("For an agenda, minutes, an extract or an agreement.")
        meetings = [
            (f"meeting:{m.pk}", f"{m.body.name_fi} {m.date:%-d.%-m.%Y}" if m.date else str(m))
            for m in selectors.meetings_of(cooperation)
        ]
        items = [
            (f"item:{i.pk}", f"{i.body.name_fi} § {i.number}/{i.year} {i.title}"[:200])
            for i in selectors.items_with_extracts(cooperation)
        ]
        agreements = [(f"agreement:{a.pk}", a.title) for a in selectors.agreements_of(cooperation)]
        self.fields["source"].choices = [
            ("", "—"),
            (_("Meetings (agenda, minutes)"), meetings),
            (_("Decisions with a certified extract"), items),
            (_("Agreements"), agreements),
        ]
        self._cooperation = cooperation

    def clean(self):
        data = super().clean()
        kind, value = data.get("kind"), data.get("source") or ""
        wanted = services.RENDERED.get(kind)
        data["source"] = None
        if wanted:
            prefix, _sep, pk = value.partition(":")
            if prefix != wanted:
                self.add_error("source", _("Choose a document of the kind chosen."))
                return data
            found = (
                {
                    "meeting": selectors.meetings_of(self._cooperation),
                    "item": selectors.items_with_extracts(self._cooperation),
                    "agreement": selectors.agreements_of(self._cooperation),
                }[prefix]
                .filter(pk=int(pk))
                .first()
            )
            if found is None:
                self.add_error("source", _("Choose a document of this cooperation."))
            data["source"] = found
        return data
