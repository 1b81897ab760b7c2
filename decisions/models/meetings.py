"""Meetings of a body and their decisions (§) with annexes, attendance, the minutes' checking,
publication and corrections, and certified extracts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from decisions import rules
from decisions.models.bodies import Body
from organisations.models import Person


class Meeting(models.Model):
    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings")
    number = models.CharField(_("meeting number"), max_length=20, blank=True)
    # Unknown when the source does not give it (the § 16/2025 extract gives no meeting date).
    date = models.DateField(_("date"), null=True, blank=True)
    starts_at = models.TimeField(_("starts at"), null=True, blank=True)
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    # How and when the meeting was called: the minutes' legality section states it. A board is called as
    # its body's rules (hallintosääntö, Kuntalaki § 90) say; Kuntalaki §§ 94-95 concern the council.
    invited_on = models.DateField(_("invitation sent on"), null=True, blank=True)
    invitation = models.CharField(
        _("how the meeting was called"),
        max_length=300,
        blank=True,
        help_text=_("E.g. the invitation and agenda sent by e-mail to the members and deputies."),
    )
    # The § numbers of the opening sections (legality and quorum, then the choice of minute-checkers),
    # when the body numbers them; they come before the matters and share the body's numbering.
    opening_number = models.PositiveSmallIntegerField(
        _("§ of the legality and quorum section"),
        null=True,
        blank=True,
        help_text=_("The minute-checkers are chosen in the next §. Empty: the opening is not numbered."),
    )
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
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(starts_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="meeting_ends_after_it_starts",
                violation_error_message=_("The meeting ends after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(invited_on__isnull=True) | Q(date__isnull=True) | Q(invited_on__lte=F("date")),
                name="meeting_called_before_it_is_held",
                violation_error_message=_("The invitation is sent before the meeting."),
            ),
            models.CheckConstraint(
                condition=Q(opening_number__isnull=True) | Q(opening_number__gte=1),
                name="opening_number_positive",
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
        # A member who did not attend: the minutes list absent members (no quorum, no checking).
        ABSENT = "absent", _("member absent")

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
    # The role at the meeting as the minutes write it (varapuheenjohtaja, esittelijä, asiantuntija...);
    # the chair and the secretary are the meeting's own fields.
    role = models.CharField(_("role at the meeting"), max_length=100, blank=True)
    # Arrivals and departures: the sections attended, when not the whole meeting.
    sections = models.CharField(
        _("present at (§)"),
        max_length=100,
        blank=True,
        help_text=_("Only when not present for the whole meeting, e.g. “§ 14–15, left at 15.20”."),
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
            models.CheckConstraint(
                condition=~Q(capacity="absent") | (Q(checks_minutes=False) & Q(sections="")),
                name="absent_member_neither_attends_nor_checks",
                violation_error_message=_(
                    "An absent member attends no section and does not check the minutes."
                ),
            ),
            models.CheckConstraint(
                condition=Q(capacity__in=["member", "deputy", "other", "absent"]),
                name="attendance_capacity_known",
            ),
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
        # The decisions list and API, newest first: the first page is read off this index instead of
        # sorting every section of the country (#15: 29 → 2 ms over 50 cooperations × 10 years).
        indexes = [
            models.Index(F("year").desc(), F("number").desc(), F("id").desc(), name="item_newest_first")
        ]
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
