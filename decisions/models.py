"""Bodies, their meetings and decisions (§), appeal instructions per decision part, the minutes'
checking and publication, notifications to parties, claims received, and certified extracts."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from decisions import deadlines, rules
from organisations.models import EmploymentArea, Person


class Body(models.Model):
    class Kind(models.TextChoices):
        MUNICIPAL = "municipal", _("municipal body (Local Government Act appeals)")
        COOPERATION = "cooperation", _("cooperation body (no municipal appeal)")

    area = models.ForeignKey(
        EmploymentArea, verbose_name=_("employment area"), on_delete=models.PROTECT, related_name="bodies"
    )
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # The authority that receives rectification claims (Kuntalaki § 134), e.g. "kaupunginhallitus".
    claim_authority_fi = models.CharField(
        _("authority for rectification claims (fi)"), max_length=200, blank=True
    )
    claim_authority_sv = models.CharField(
        _("authority for rectification claims (sv)"), max_length=200, blank=True
    )
    court_fi = models.CharField(_("administrative court (fi)"), max_length=200, blank=True)
    court_sv = models.CharField(_("administrative court (sv)"), max_length=200, blank=True)
    # A joint body of several municipalities (Kuntalaki § 51): then the member municipalities and their
    # members may also claim rectification (§ 137 (2)), and the instructions say so (#13 item 3).
    joint_municipalities = models.TextField(
        _("member municipalities of a joint body (one per line)"),
        blank=True,
        help_text=_("Only for a joint body of several municipalities (Local Government Act § 51)."),
    )
    registry_name = models.CharField(_("registry office"), max_length=200, blank=True)
    registry_address = models.TextField(_("registry address"), blank=True)
    registry_email = models.CharField(_("registry e-mail"), max_length=200, blank=True)
    registry_hours_fi = models.CharField(_("registry opening hours (fi)"), max_length=200, blank=True)
    registry_hours_sv = models.CharField(_("registry opening hours (sv)"), max_length=200, blank=True)
    registry_closes_at = models.TimeField(_("registry closes at"), null=True, blank=True)
    # Quorum: more than this share of the members present (Kuntalaki § 103: more than half).
    quorum_share = models.DecimalField(
        _("quorum: more than this share present"), max_digits=3, decimal_places=2, default=Decimal("0.50")
    )
    publishes_minutes = models.BooleanField(_("publishes minutes on the public network"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["name_fi"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quorum_share__gte=0) & Q(quorum_share__lt=1),
                name="body_quorum_share_between_0_and_1",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["municipal", "cooperation"]), name="body_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name_fi

    @property
    def joint_members(self) -> list[str]:
        return [line.strip() for line in self.joint_municipalities.splitlines() if line.strip()]


class Meeting(models.Model):
    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings")
    number = models.CharField(_("meeting number"), max_length=20, blank=True)
    # Unknown when the source does not give it (the § 16/2025 extract gives no meeting date).
    date = models.DateField(_("date"), null=True, blank=True)
    starts_at = models.TimeField(_("starts at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    remote = models.BooleanField(_("remote meeting"), default=False)
    member_count = models.PositiveSmallIntegerField(
        _("number of members of the body"),
        null=True,
        blank=True,
        help_text=_("For the quorum: more than the body's share of its members must be present."),
    )
    chair = models.ForeignKey(
        Person,
        verbose_name=_("chair"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="chaired_meetings",
    )
    secretary = models.ForeignKey(
        Person,
        verbose_name=_("secretary"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recorded_meetings",
    )
    checked_on = models.DateField(_("minutes checked on"), null=True, blank=True)
    # A source may say the minutes were checked before publication without giving the day.
    checked_undated = models.BooleanField(
        _("checked before publication, date not in the source"),
        default=False,
        help_text=_("The minutes were checked, but the source gives no date for it."),
    )
    published_on = models.DateField(_("minutes on the public network on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(published_on__isnull=True)
                | Q(checked_on__isnull=True)
                | Q(published_on__gte=F("checked_on")),
                name="minutes_published_after_checking",
                violation_error_message=_("The minutes cannot be published before they are checked."),
            ),
            models.CheckConstraint(
                condition=Q(checked_on__isnull=True) | Q(date__isnull=True) | Q(checked_on__gte=F("date")),
                name="minutes_checked_after_meeting",
                violation_error_message=_("The minutes cannot be checked before the meeting."),
            ),
        ]

    def __str__(self) -> str:
        when = self.date.strftime("%d.%m.%Y") if self.date else "?"
        return f"{self.body} {when}"

    def clean(self) -> None:
        rules.check_meeting(self)

    @property
    def locked(self) -> bool:
        """Published minutes are locked: a change is a correction with its reason."""
        return self.published_on is not None

    @property
    def stage(self) -> str:
        if self.published_on:
            return "published"
        if self.checked_on or self.checked_undated:
            return "checked"
        return "open"


class Attendance(models.Model):
    class Capacity(models.TextChoices):
        MEMBER = "member", _("member")
        DEPUTY = "deputy", _("deputy substituting for a member")
        OTHER = "other", _("other person present")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="attendances"
    )
    capacity = models.CharField(_("capacity"), max_length=10, choices=Capacity.choices)
    substitutes_for = models.ForeignKey(
        Person,
        verbose_name=_("substitutes for"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="substituted_in",
    )
    checks_minutes = models.BooleanField(_("checks the minutes"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="attends_once",
                violation_error_message=_("This person is already recorded as present."),
            ),
            models.CheckConstraint(
                condition=(Q(capacity="deputy") & Q(substitutes_for__isnull=False))
                | (~Q(capacity="deputy") & Q(substitutes_for__isnull=True)),
                name="deputy_names_whom_they_substitute",
                violation_error_message=_(
                    "A deputy names the member they substitute for, and only a deputy does."
                ),
            ),
            models.CheckConstraint(condition=~Q(person=F("substitutes_for")), name="not_own_substitute"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_capacity_display()})"


class AgendaItem(models.Model):
    class Outcome(models.TextChoices):
        AS_PROPOSED = "as_proposed", _("approved as proposed")
        AMENDED = "amended", _("approved as amended")
        TABLED = "tabled", _("tabled")
        REJECTED = "rejected", _("rejected")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="items"
    )
    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="items")
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("section (§)"))
    title = models.CharField(_("title"), max_length=300)
    title_sv = models.CharField(_("title in Swedish"), max_length=300, blank=True)
    preparer = models.CharField(_("preparer"), max_length=200, blank=True)
    presenter = models.ForeignKey(
        Person,
        verbose_name=_("presenter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="presented_items",
    )
    basis = models.TextField(_("background"), blank=True)
    proposal = models.TextField(_("proposal"), blank=True)
    decision = models.TextField(_("decision"), blank=True)
    proposal_sv = models.TextField(_("proposal in Swedish"), blank=True)
    decision_sv = models.TextField(_("decision in Swedish"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    # Strings in the texts that are personal data: hidden on the public page once the appeal period ends
    # (Kuntalaki § 140). The archive copy keeps them.
    personal_data = models.TextField(_("personal data in the texts (one per line)"), blank=True)
    # A case entered from a source document: a title the source does not give, and what in the source
    # is kept as written though it looks wrong, are said openly (#13 item 12).
    title_descriptive = models.BooleanField(_("descriptive title (the source gives none)"), default=False)
    source_notes = models.TextField(_("notes on the source (kept as written)"), blank=True)
    public = models.BooleanField(_("may be published"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year", "number"],
                name="section_numbered_once_per_body_year",
                violation_error_message=_("This body already has this section number this year."),
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="section_number_positive"),
        ]

    def __str__(self) -> str:
        return f"§ {self.number}/{self.year} {self.title}"

    @property
    def section(self) -> str:
        return f"§ {self.number}/{self.year}"

    def clean(self) -> None:
        rules.check_item(self)


class Annex(models.Model):
    """An annex of a decision (liite), e.g. the agreement the decision approves."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="annexes"
    )
    number = models.PositiveSmallIntegerField(_("annex number"))
    title = models.CharField(_("title"), max_length=300)
    public = models.BooleanField(_("may be published"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("annex")
        verbose_name_plural = _("annexes")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "number"],
                name="annex_number_unique",
                violation_error_message=_("The decision already has an annex with this number."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class AppealPart(models.Model):
    """One part of a decision with its own appeal instructions (§ 16/2025 has two)."""

    class Kind(models.TextChoices):
        NO_APPEAL = "no_appeal", _("no appeal (Kuntalaki § 136)")
        RECTIFICATION = "rectification", _("rectification claim (14 days)")
        COURT_APPEAL = "court_appeal", _("appeal to the administrative court (30 days)")

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="appeal_parts"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    scope_fi = models.CharField(_("part of the decision (fi)"), max_length=300, blank=True)
    scope_sv = models.CharField(_("part of the decision (sv)"), max_length=300, blank=True)
    kind = models.CharField(_("appeal instructions"), max_length=20, choices=Kind.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appeal part")
        verbose_name_plural = _("appeal parts")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "order"], name="appeal_part_order_unique"),
            models.CheckConstraint(
                condition=Q(kind__in=["no_appeal", "rectification", "court_appeal"]),
                name="appeal_part_kind_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.section}: {self.get_kind_display()}"

    @property
    def deadline_kind(self) -> str | None:
        return None if self.kind == self.Kind.NO_APPEAL else deadlines.Kind(self.kind)


class Notification(models.Model):
    """The decision given to a party: how and when; the deadline runs from the (deemed) receipt."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="notifications"
    )
    recipient = models.CharField(_("recipient"), max_length=200)
    method = models.CharField(
        _("method"),
        max_length=20,
        choices=[(m.value, m.label) for m in deadlines.Method if m != deadlines.Method.PUBLICATION],
    )

    class Consent(models.TextChoices):
        YES = "yes", _("yes: the recipient consented to electronic service")
        NO = "no", _("no: the recipient has not consented")
        UNKNOWN = "unknown", _("not recorded")

    # Ordinary electronic service gives a deemed receipt only with the recipient's consent (Act 13/2003
    # § 19); without it the period runs from a proven receipt only (#13 item 7).
    consent = models.CharField(
        _("consent to electronic service"), max_length=10, choices=Consent.choices, default=Consent.UNKNOWN
    )
    sent_on = models.DateField(_("sent or handed over on"))
    proven_receipt_on = models.DateField(_("proven date of receipt"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["sent_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(consent__in=["yes", "no", "unknown"]), name="notification_consent_known"
            ),
            models.CheckConstraint(
                condition=Q(proven_receipt_on__isnull=True) | Q(proven_receipt_on__gte=F("sent_on")),
                name="received_after_sent",
                violation_error_message=_("A letter cannot be received before it is sent."),
            ),
            models.CheckConstraint(
                condition=Q(method__in=["letter", "email", "received"]), name="notification_method_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient} ({self.get_method_display()} {self.sent_on:%d.%m.%Y})"

    @property
    def no_deemed_receipt(self) -> bool:
        """E-mail without consent: no deemed receipt (Act 13/2003 § 19); only a proven one counts."""
        return self.method == "email" and self.consent == self.Consent.NO and not self.proven_receipt_on

    @property
    def receipt(self) -> datetime.date | None:
        # A proven actual date overrides the deemed one (HL § 59: "jollei muuta näytetä").
        if self.proven_receipt_on:
            return self.proven_receipt_on
        if self.no_deemed_receipt:
            return None
        return deadlines.deemed_receipt(self.method, self.sent_on)

    def clean(self) -> None:
        rules.check_notification(self)


class Claim(models.Model):
    """A rectification claim or appeal received against a part of a decision."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.PROTECT, related_name="claims"
    )
    part = models.ForeignKey(
        AppealPart, verbose_name=_("decision part"), on_delete=models.PROTECT, related_name="claims"
    )
    claimant = models.CharField(_("claimant"), max_length=200)
    received_on = models.DateField(_("received on"))
    reference = models.CharField(_("registry reference"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        ordering = ["received_on"]

    def __str__(self) -> str:
        return f"{self.claimant} {self.received_on:%d.%m.%Y}"

    def clean(self) -> None:
        rules.check_claim(self)


class Extract(models.Model):
    """A certified extract of one section ("Otteen oikeaksi todistaa")."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.PROTECT, related_name="extracts"
    )
    place = models.CharField(_("place"), max_length=100)
    certified_on = models.DateField(_("certified on"))
    certified_by = models.ForeignKey(
        Person, verbose_name=_("certified by"), on_delete=models.PROTECT, related_name="certified_extracts"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("certified extract")
        verbose_name_plural = _("certified extracts")

    def __str__(self) -> str:
        return f"{self.item.section} {self.place} {self.certified_on:%d.%m.%Y}"


class Correction(models.Model):
    """A correction of locked (published) minutes: what changed and why, by whom (Hallintolaki § 50-51
    corrections are made openly; the change itself is also in the records' history)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="corrections"
    )
    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )
    reason = models.TextField(_("reason for the correction"))
    changed_fields = models.CharField(_("what was changed"), max_length=300)
    made_on = models.DateField(_("corrected on"))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("corrected by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="minutes_corrections",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("correction of the minutes")
        verbose_name_plural = _("corrections of the minutes")
        ordering = ["made_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="correction_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} {self.made_on:%d.%m.%Y}: {self.changed_fields}"
