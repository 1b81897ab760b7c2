"""A body (toimielin) of an employment area: its kind, official document language, where claims and
appeals go, and its registry (the law's one place for what the body's instructions print)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisations.models import EmploymentArea
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


# The official languages of Finland's municipal documents (Kielilaki 423/2003); English is never official.
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish"))]

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
    # The language of the body's official documents (minutes, extracts; see core.doclang): Finnish or
    # Swedish, and a bilingual body's second language. The reader's interface language does not decide it.
    language = models.CharField(
        _("official language of its documents"), max_length=2, choices=LANGUAGES, default="fi"
    )
    second_language = models.CharField(
        _("second official language"),
        max_length=2,
        choices=LANGUAGES,
        blank=True,
        help_text=_("Only for a bilingual body: its documents are official in both languages."),
    )
    # The invitation period the body's rules set (hallintosääntö, Kuntalaki § 90); the minutes' legality
    # section compares the invitation date against it. Empty: the rules' period is not recorded.
    notice_days = models.PositiveSmallIntegerField(
        _("invitation at least this many days before the meeting"),
        null=True,
        blank=True,
        help_text=_("As the body's rules of procedure (hallintosääntö) require."),
    )
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
                condition=Q(language__in=["fi", "sv"])
                & Q(second_language__in=["", "fi", "sv"])
                & ~Q(second_language=F("language")),
                name="body_official_languages_known",
                violation_error_message=_("A body's official languages are Finnish and Swedish, each once."),
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
    def official_languages(self) -> list[str]:
        """The languages its documents are official in, its main language first."""
        return [self.language] + ([self.second_language] if self.second_language else [])

    @property
    def joint_members(self) -> list[str]:
        return [line.strip() for line in self.joint_municipalities.splitlines() if line.strip()]
