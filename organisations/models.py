"""Who is who: employment areas, their municipalities, the organisations that take part in the
cooperation model, and the people who act for them. Every other app refers to these."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact, GreaterThanOrEqual
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisations import business_id


class Municipality(models.Model):
    # Statistics Finland's three-digit municipality code, e.g. 182 for Jämsä.
    code = models.CharField(
        _("municipality code"),
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^\d{3}$", _("A municipality code has three digits."))],
    )
    name_fi = models.CharField(_("name in Finnish"), max_length=100)
    name_sv = models.CharField(_("name in Swedish"), max_length=100, blank=True)
    # A municipality belongs to one employment area at a time (Act 380/2023 § 7).
    area = models.ForeignKey(
        "EmploymentArea",
        verbose_name=_("employment area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="municipalities",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name_fi"]
        constraints = [
            models.CheckConstraint(
                condition=Exact(Length("code"), 3) & Q(code__gte="000") & Q(code__lte="999"),
                name="municipality_code_three_digits",
                violation_error_message=_("A municipality code has three digits."),
            ),
        ]

    def __str__(self) -> str:
        return self.name_fi


class EmploymentArea(models.Model):
    # Short, stable identifier used in URLs and commands (e.g. --area etela-keski-suomi).
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    lead_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("lead municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_areas",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("employment area")
        verbose_name_plural = _("employment areas")
        ordering = ["name_fi"]
        constraints = [
            models.CheckConstraint(condition=~Q(code=""), name="employment_area_code_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name_fi

    def parties(self) -> OrganisationQuerySet:
        return Organisation.objects.participating_in(self)

    @property
    def employment_authority(self) -> Organisation | None:
        return self.parties().filter(kind=Organisation.Kind.EMPLOYMENT_AUTHORITY).first()


class OrganisationQuerySet(models.QuerySet):
    def participating_in(self, area: EmploymentArea) -> OrganisationQuerySet:
        # Kela takes part in the cooperation model of every employment area (Act 381/2023 § 3),
        # so it needs no participation row of its own.
        return self.filter(Q(participations__area=area) | Q(kind=OrganisationKind.KELA)).distinct()


class OrganisationKind(models.TextChoices):
    EMPLOYMENT_AUTHORITY = "employment_authority", _("employment authority")
    WELLBEING_COUNTY = "wellbeing_county", _("wellbeing services county")
    KELA = "kela", _("Kela (Social Insurance Institution)")
    MUNICIPALITY = "municipality", _("municipality")
    OTHER = "other", _("other organisation")


class Organisation(models.Model):
    Kind = OrganisationKind

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    name_fi = models.CharField(_("name in Finnish"), max_length=200, unique=True)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    # Kept exactly as entered or as written in the source document: an imported value that fails
    # its check digit is flagged (business_id_status), never silently corrected.
    business_id = models.CharField(_("business ID"), max_length=20, blank=True)
    address = models.TextField(_("postal address"), blank=True)
    source = models.CharField(
        _("source of the data"),
        max_length=300,
        blank=True,
        help_text=_("Where the details were taken from, e.g. a document and its section."),
    )
    areas = models.ManyToManyField(  # type: ignore[var-annotated]  # a string "through" the stubs cannot follow
        EmploymentArea, through="AreaParticipation", related_name="organisations", blank=True
    )
    history = HistoricalRecords()

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_fi"]
        permissions = [("act_for_organisation", _("Can record matters on behalf of the organisation"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OrganisationKind.values), name="organisation_kind_known"
            ),
            # There is one Social Insurance Institution.
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind="kela"),
                name="only_one_kela",
                violation_error_message=_("Kela is already registered."),
            ),
            models.CheckConstraint(  # type: ignore[call-overload]  # Q | lookup is a valid condition
                condition=Q(business_id="") | GreaterThanOrEqual(Length("business_id"), 8),
                name="organisation_business_id_not_truncated",
            ),
        ]

    def __str__(self) -> str:
        return self.name_fi

    class BusinessIdStatus(models.TextChoices):
        VALID = "valid", _("check digit correct")
        INVALID = "invalid", _("fails the check digit")
        MISSING = "missing", _("not recorded")

    @property
    def business_id_status(self) -> str:
        if not self.business_id:
            return self.BusinessIdStatus.MISSING
        if business_id.is_valid(self.business_id):
            return self.BusinessIdStatus.VALID
        return self.BusinessIdStatus.INVALID

    @property
    def business_id_is_valid(self) -> bool:
        return self.business_id_status == self.BusinessIdStatus.VALID


class AreaParticipation(models.Model):
    """An organisation takes part in the cooperation model of an employment area."""

    area = models.ForeignKey(
        EmploymentArea,
        verbose_name=_("employment area"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participation in an area")
        verbose_name_plural = _("participations in areas")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "organisation"],
                name="participation_once_per_area",
                violation_error_message=_("The organisation already takes part in this area."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.area}"


class Person(models.Model):
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    # The title as the source gives it (e.g. "palvelujohtaja"); blank when the source names none.
    title = models.CharField(_("title"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="people"
    )
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    source = models.CharField(_("source of the data"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "first_name", "last_name"],
                name="person_once_per_organisation",
                violation_error_message=_("This person is already registered in the organisation."),
            ),
            models.CheckConstraint(condition=~Q(first_name="") & ~Q(last_name=""), name="person_has_a_name"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"
