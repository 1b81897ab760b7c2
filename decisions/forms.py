from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DATE_WIDGET, limit_choices
from decisions import deadlines, rules
from decisions.models import (
    AgendaItem,
    AppealPart,
    Attendance,
    Body,
    BodyMember,
    Claim,
    Extract,
    Meeting,
    Notification,
)
from organisations.models import Person
from organisations.selectors import people_of


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

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("kind") and data.get("method"):
            reason = deadlines.refused(data["kind"], data["method"])
            if reason:
                self.add_error("method", reason)
        return data

    def answer(self) -> tuple[deadlines.Computation | None, str, str]:
        """The computation (None without a deemed receipt), a note and a warning, for the consent given."""
        data = self.cleaned_data
        consent = data.get("consent") or "yes"
        if deadlines.no_deemed_receipt(data["method"], consent):
            if consent == "unknown":
                note = str(
                    _(
                        "Consent to electronic service is not recorded, so the e-mail gives no deemed "
                        "receipt and no finality can be certified (Act 13/2003 § 19). Record the consent "
                        "if it was given, or the date the recipient acknowledges receipt, or notify "
                        "again by letter."
                    )
                )
            else:
                note = str(
                    _(
                        "Without consent to electronic service the e-mail gives no deemed receipt: the "
                        "period runs from a proven receipt only. Notify again by letter, or get an "
                        "acknowledgement."
                    )
                )
            return None, note, ""
        return deadlines.compute(data["kind"], data["method"], data["date"]), "", ""


class NotificationForm(forms.ModelForm):
    class Meta:
        model = Notification
        fields = ["recipient", "method", "consent", "sent_on", "proven_receipt_on"]
        widgets = {"sent_on": DATE_WIDGET, "proven_receipt_on": DATE_WIDGET}


TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class BodyForm(forms.ModelForm):
    class Meta:
        model = Body
        fields = [
            "name_sv",
            "council",
            "claim_authority_fi",
            "claim_authority_sv",
            "joint_municipalities",
            "registry_name",
            "registry_address",
            "registry_email",
            "registry_hours_fi",
            "registry_hours_sv",
            "registry_closes_at",
            "court_fi",
            "court_sv",
            "court_address",
            "court_email",
            "court_eservice",
            "court_hours_fi",
            "court_hours_sv",
            "language",
            "second_language",
            "notice_days",
        ]
        widgets = {
            "registry_closes_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "registry_address": forms.Textarea(attrs={"rows": 3}),
            "court_address": forms.Textarea(attrs={"rows": 3}),
            "joint_municipalities": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Which court applies, said where it can be overridden (#27).
        court = self.instance.court() if self.instance.pk else None
        if court is not None and court.source == "register":
            self.fields["court_fi"].help_text = _(
                "Now from the national register: %(court)s (the court of %(region)s). Fill in the court's "
                "fields only to override the register for this body."
            ) % {"court": court.name_fi, "region": court.region}
        elif court is not None and court.source == "body":
            self.fields["court_fi"].help_text = _(
                "The court recorded here overrides the national register. Empty every court field to use "
                "the register's court of the region of the area's lead municipality."
            )


class ClaimForm(forms.ModelForm):
    """A claim as received: every claim is recorded, also against a no-appeal part or late (#13 item 6)."""

    class Meta:
        model = Claim
        fields = ["part", "claimant", "received_on", "received_at", "reference", "standing", "notification"]
        widgets = {"received_on": DATE_WIDGET, "received_at": TIME_WIDGET}
        help_texts = {"received_at": _("On the last day of the period the registry's closing time decides.")}

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.item = item
        limit_choices(self, "part", AppealPart.objects.filter(item=item).select_related("item"))
        limit_choices(self, "notification", Notification.objects.filter(item=item))
        self.fields["standing"].required = False  # assessed later when not known on receipt

    def clean_standing(self) -> str:
        return self.cleaned_data.get("standing") or Claim.Standing.UNASSESSED


class ClaimAssessmentForm(forms.ModelForm):
    class Meta:
        model = Claim
        fields = ["standing", "notification", "received_at"]
        widgets = {"received_at": TIME_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self, "notification", Notification.objects.filter(item=self.instance.item_id))


class ClaimDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[c for c in Claim.Outcome.choices if c[0] != Claim.Outcome.PENDING]
    )
    decided_in = forms.ModelChoiceField(
        label=_("Decided in section"),
        queryset=AgendaItem.objects.none(),
        required=False,
        help_text=_("A rectification claim is decided by the same body in a later section."),
    )
    decision_reference = forms.CharField(
        label=_("The court's decision"),
        max_length=200,
        required=False,
        help_text=_("For an appeal decided by the administrative court: its decision number and date."),
    )

    def __init__(self, *args, claim: Claim, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(
            self,
            "decided_in",
            AgendaItem.objects.filter(body=claim.item.body, meeting__date__gte=claim.received_on)
            .exclude(pk=claim.item_id)
            .select_related("meeting")
            .order_by("-year", "-number"),
        )


class NotificationReissueForm(forms.ModelForm):
    """Notify the decision again with corrected appeal instructions; the period runs from this one."""

    class Meta:
        model = Notification
        fields = [
            "reissue_of",
            "reissue_reason",
            "recipient",
            "method",
            "consent",
            "sent_on",
            "proven_receipt_on",
        ]
        widgets = {"sent_on": DATE_WIDGET, "proven_receipt_on": DATE_WIDGET}

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.item = item
        self.fields["reissue_of"].required = True
        self.fields["reissue_reason"].required = True
        limit_choices(self, "reissue_of", Notification.objects.filter(item=item, reissues__isnull=True))


class CheckMinutesForm(forms.Form):
    # Checkboxes, not a Ctrl-click multi-select (#29 item 4).
    checkers = forms.ModelMultipleChoiceField(
        label=_("Checked by"), queryset=Person.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    checked_on = forms.DateField(label=_("Checked on"), widget=DATE_WIDGET)

    def __init__(self, *args, area, meeting: Meeting | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        people = people_of(area.cooperation_id)
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
        fields = [
            "number",
            "date",
            "starts_at",
            "ends_at",
            "place",
            "remote",
            "invited_on",
            "invitation",
            "opening_number",
            "member_count",
            "chair",
            "secretary",
        ]
        widgets = {
            "date": DATE_WIDGET,
            "starts_at": TIME_WIDGET,
            "ends_at": TIME_WIDGET,
            "invited_on": DATE_WIDGET,
        }
        help_texts = {"number": _("The meeting's number of the year, e.g. 3/2025.")}

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.body = body
        self.fields["date"].required = True
        people = (
            people_of(body.area.cooperation_id)
            .select_related("organisation")
            .order_by("last_name", "first_name")
        )
        limit_choices(self, "chair", people)
        limit_choices(self, "secretary", people)
        if self.instance.member_count is None:
            # The body's register offers its count on the meeting's day (today for a new one); the
            # secretary confirms it, and the quorum reads only what the meeting records (#29).
            registered = BodyMember.objects.filter(body=body).on(self.instance.date).members().count()
            if registered:
                self.fields["member_count"].initial = registered
                register = _(
                    "The body's register has %(count)s members on the meeting's day: check the number."
                )
                self.fields[
                    "member_count"
                ].help_text = f"{self.fields['member_count'].help_text} {register % {'count': registered}}"


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
            people_of(meeting.body.area.cooperation_id).order_by("last_name", "first_name"),
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
        fields = ["person", "capacity", "substitutes_for", "role", "sections"]

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        people = (
            people_of(meeting.body.area.cooperation_id)
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
        kinds = rules.appeal_kinds(item.body, decides_claim=item.decided_claims.exists())
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
            people_of(item.body.area.cooperation_id).order_by("last_name", "first_name"),
        )


class RemoveForm(forms.Form):
    """A row's remove button: nothing to fill in, only the service's refusal to show."""


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(label=_("I understand that this cannot be undone."))
