from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DATE_WIDGET, limit_choices
from decisions import deadlines, rules
from decisions.models import AgendaItem, AppealPart, Attendance, Body, Claim, Extract, Meeting, Notification
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
    consent = forms.ChoiceField(
        label=_("Consent to electronic service (e-mail)"),
        choices=[("yes", _("yes")), ("no", _("no")), ("unknown", _("not recorded"))],
        required=False,
        initial="yes",
        help_text=_("Only for e-mail: without consent there is no deemed receipt (Act 13/2003 § 19)."),
    )

    def answer(self) -> tuple[deadlines.Computation | None, str, str]:
        """The computation (None without a deemed receipt), a note and a warning, for the consent given."""
        data = self.cleaned_data
        consent = data.get("consent") or "yes"
        if data["method"] == deadlines.Method.EMAIL and consent == "no":
            note = str(
                _(
                    "Without consent to electronic service the e-mail gives no deemed receipt: the period "
                    "runs from a proven receipt only. Notify again by letter, or get an acknowledgement."
                )
            )
            return None, note, ""
        result = deadlines.compute(data["kind"], data["method"], data["date"])
        warning = ""
        if data["method"] == deadlines.Method.EMAIL and consent == "unknown":
            warning = str(
                _(
                    "Consent to electronic service is not recorded: computed as if it were given "
                    "(Act 13/2003 § 19)."
                )
            )
        return result, "", warning


class NotificationForm(forms.ModelForm):
    class Meta:
        model = Notification
        fields = ["recipient", "method", "consent", "sent_on", "proven_receipt_on"]
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

    def __init__(self, *args, area, meeting: Meeting | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(organisation__in=area.parties())
        if meeting is not None:  # only those present check the minutes
            people = people.filter(attendances__meeting=meeting)
        limit_choices(
            self,
            "checkers",
            people.select_related("organisation").order_by("last_name", "first_name"),
        )


class PublishMinutesForm(forms.Form):
    published_on = forms.DateField(label=_("Put on the public network on"), widget=DATE_WIDGET)


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["number", "date", "starts_at", "place", "remote", "member_count", "chair", "secretary"]
        widgets = {"date": DATE_WIDGET, "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.body = body
        self.fields["date"].required = True
        people = (
            Person.objects.filter(organisation__in=body.area.parties())
            .select_related("organisation")
            .order_by("last_name", "first_name")
        )
        limit_choices(self, "chair", people)
        limit_choices(self, "secretary", people)


class ItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = [
            "title",
            "title_sv",
            "preparer",
            "presenter",
            "basis",
            "proposal",
            "proposal_sv",
            "personal_data",
            "public",
            "title_descriptive",
            "source_notes",
        ]
        widgets = {
            "source_notes": forms.Textarea(attrs={"rows": 2}),
            "basis": forms.Textarea(attrs={"rows": 4}),
            "proposal": forms.Textarea(attrs={"rows": 4}),
            "proposal_sv": forms.Textarea(attrs={"rows": 3}),
            "personal_data": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].required = True
        limit_choices(
            self,
            "presenter",
            Person.objects.filter(organisation__in=meeting.body.area.parties()).order_by(
                "last_name", "first_name"
            ),
        )

    def _post_clean(self):
        # The service numbers and validates the item; the form checks only its own fields.
        pass


class AnnexForm(forms.Form):
    title = forms.CharField(label=_("Title of the annex"), max_length=300)
    public = forms.BooleanField(label=_("May be published"), required=False, initial=True)


class AttendanceForm(forms.ModelForm):
    class Meta:
        model = Attendance
        fields = ["person", "capacity", "substitutes_for"]

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        people = (
            Person.objects.filter(organisation__in=meeting.body.area.parties())
            .select_related("organisation")
            .order_by("last_name", "first_name")
        )
        limit_choices(self, "person", people)
        limit_choices(self, "substitutes_for", people)
        self.fields["substitutes_for"].help_text = _("Only for a deputy: the member they substitute for.")


APPEAL_PART_COUNT = 3


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=AgendaItem.Outcome.choices)
    decision = forms.CharField(
        label=_("Decision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("As proposed: the proposal's text is used when this is left empty."),
    )
    decision_sv = forms.CharField(
        label=_("Decision in Swedish"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, item: AgendaItem, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        kinds = rules.appeal_kinds(item.body.kind)
        choices = [("", "—")] + [(k, label) for k, label in AppealPart.Kind.choices if k in kinds]
        existing = list(item.appeal_parts.all())
        for n in range(1, APPEAL_PART_COUNT + 1):
            part = existing[n - 1] if len(existing) >= n else None
            self.fields[f"part{n}_kind"] = forms.ChoiceField(
                label=_("Appeal instructions, part %(n)s") % {"n": n},
                choices=choices,
                required=False,
                initial=part.kind if part else ("" if n > 1 else None),
            )
            self.fields[f"part{n}_scope"] = forms.CharField(
                label=_("Part %(n)s covers (fi)") % {"n": n},
                max_length=300,
                required=False,
                initial=part.scope_fi if part else "",
                help_text=_("Needed when the decision has several parts."),
            )
            self.fields[f"part{n}_scope_sv"] = forms.CharField(
                label=_("Part %(n)s covers (sv)") % {"n": n},
                max_length=300,
                required=False,
                initial=part.scope_sv if part else "",
            )

    def clean(self):
        data = super().clean()
        if data.get("outcome") == AgendaItem.Outcome.AS_PROPOSED and not (data.get("decision") or "").strip():
            data["decision"] = self.item.proposal
            if not (data.get("decision_sv") or "").strip():
                data["decision_sv"] = self.item.proposal_sv
        return data

    def parts(self) -> list[tuple[str, str, str]]:
        data = self.cleaned_data
        return [
            (data[f"part{n}_kind"], data[f"part{n}_scope"], data[f"part{n}_scope_sv"])
            for n in range(1, APPEAL_PART_COUNT + 1)
            if data.get(f"part{n}_kind")
        ]


class CorrectionForm(forms.ModelForm):
    reason = forms.CharField(
        label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    class Meta:
        model = AgendaItem
        fields = ["title", "decision", "decision_sv", "personal_data", "public"]
        widgets = {
            "decision": forms.Textarea(attrs={"rows": 4}),
            "decision_sv": forms.Textarea(attrs={"rows": 3}),
            "personal_data": forms.Textarea(attrs={"rows": 2}),
        }

    def _post_clean(self):
        pass


class ExtractForm(forms.ModelForm):
    class Meta:
        model = Extract
        fields = ["place", "certified_on", "certified_by"]
        widgets = {"certified_on": DATE_WIDGET}

    def __init__(self, *args, item: AgendaItem, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.item = item
        limit_choices(
            self,
            "certified_by",
            Person.objects.filter(organisation__in=item.body.area.parties()).order_by(
                "last_name", "first_name"
            ),
        )


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(label=_("I understand that this cannot be undone."))
