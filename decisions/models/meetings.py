"""Bodies, their meetings and decisions (§) with annexes, the minutes' checking, publication and
corrections, and certified extracts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from decisions import rules
from organisations.models import EmploymentArea, Person
from registers.models import RegisteredMunicipality


@dataclass(frozen=True)
class Court:
    """The administrative court a body's appeal instructions name, and where it comes from: the
    national register (the region of the area's lead municipality on the day) or the body's own
    record, which overrides the register (#27)."""

    FROM_BODY = "body"
    FROM_REGISTER = "register"

    name_fi: str = ""
    name_sv: str = ""
    address: str = ""
    email: str = ""
    eservice: str = ""
    hours_fi: str = ""
    hours_sv: str = ""
    source: str = ""  # FROM_BODY, FROM_REGISTER, or "" when neither names one
    region: str = ""  # the region whose court it is, when from the register

    @property
    def recorded(self) -> bool:
        """The court appeal instructions can name the court and how to reach it."""
        return bool(self.name_fi and self.address and (self.email or self.eservice))


COURT_FIELDS = (
    "court_fi",
    "court_sv",
    "court_address",
    "court_email",
    "court_eservice",
    "court_hours_fi",
    "court_hours_sv",
)


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
    # The municipal council (valtuusto): its decisions go straight to the municipal appeal, with no
    # rectification claim first (Kuntalaki § 134 (1), § 135).
    council = models.BooleanField(
        _("the municipal council (valtuusto)"),
        default=False,
        help_text=_(
            "A council's decisions are appealed directly to the administrative court (municipal appeal)."
        ),
    )
    # The administrative court the appeal instructions name, with what an appellant needs to reach it
    # (Hallintolaki § 47: the instructions name the appeal authority and how to file; #13 item 4).
    # Empty: the court comes from the national register (court() below); filled: the secretary's
    # record overrides the register for this body.
    court_fi = models.CharField(_("administrative court (fi)"), max_length=200, blank=True)
    court_sv = models.CharField(_("administrative court (sv)"), max_length=200, blank=True)
    court_address = models.TextField(_("court's postal address"), blank=True)
    court_email = models.CharField(_("court's e-mail"), max_length=200, blank=True)
    # A plain field with the URL check (not URLField: its form field's scheme default is deprecated).
    court_eservice = models.CharField(
        _("court's e-service"), max_length=300, blank=True, validators=[URLValidator(schemes=["https"])]
    )
    court_hours_fi = models.CharField(_("court registry opening hours (fi)"), max_length=200, blank=True)
    court_hours_sv = models.CharField(_("court registry opening hours (sv)"), max_length=200, blank=True)
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
            models.CheckConstraint(
                condition=Q(council=False) | Q(kind="municipal"),
                name="council_is_municipal",
                violation_error_message=_("A council is a municipal body."),
            ),
        ]

    def __str__(self) -> str:
        return self.name_fi

    def court(self, day: datetime.date | None = None) -> Court:
        """The court of this body's appeals on DAY (today when None): the body's own record when the
        secretary has made one, else the register's court of the region of the area's lead
        municipality on that day (one query)."""
        if any(getattr(self, name) for name in COURT_FIELDS):
            return Court(
                name_fi=self.court_fi,
                name_sv=self.court_sv,
                address=self.court_address,
                email=self.court_email,
                eservice=self.court_eservice,
                hours_fi=self.court_hours_fi,
                hours_sv=self.court_hours_sv,
                source=Court.FROM_BODY,
            )
        found = (
            RegisteredMunicipality.objects.on(day or timezone.localdate())
            .filter(code__in=EmploymentArea.objects.filter(pk=self.area_id).values("lead_municipality__code"))
            .select_related("region__court")
            .first()
        )
        if found is None:
            return Court()
        c = found.region.court
        return Court(
            c.name_fi,
            c.name_sv,
            c.address,
            c.email,
            c.eservice,
            c.hours_fi,
            c.hours_sv,
            source=Court.FROM_REGISTER,
            region=found.region.name_fi,
        )

    @property
    def court_recorded(self) -> bool:
        """The court appeal instructions can name the court and how to reach it (today's court)."""
        return self.court().recorded

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
