"""Who is who: cooperations (yhteistoiminta-alue) and the organisations taking part in them, employment
areas and their municipalities, people, and the rights users are granted. Every other app refers to
these."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact, GreaterThanOrEqual
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import periods
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

    def clean(self) -> None:
        from registers.selectors import refuse_unknown_municipality  # the national register (#27)

        refuse_unknown_municipality(self.code, self.name_fi, self.name_sv)


class Cooperation(models.Model):
    """A cooperation of the TYM model: the employment authorities of one or more employment areas,
    one or more wellbeing services counties and Kela, under one agreement and one steering group
    (Act 381/2023; VNA 388/2024). In one region several employment authorities (a municipal
    employment area and a city on its own) may share it; elsewhere one authority works with two
    counties."""

    # Short, stable identifier used in URLs, commands and case files (e.g. etela-keski-suomi).
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cooperation")
        verbose_name_plural = _("cooperations")
        ordering = ["name_fi"]
        constraints = [
            models.CheckConstraint(condition=~Q(code=""), name="cooperation_code_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name_fi

    def parties(self, day: datetime.date | None = None) -> OrganisationQuerySet:
        """The organisations taking part, Kela included: on DAY by the participations' dates, or
        without DAY those whose participation has no end recorded (what rights follow)."""
        return Organisation.objects.participating_in(self, day)


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
    cooperation = models.ForeignKey(
        Cooperation,
        verbose_name=_("cooperation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="areas",
    )
    # The employment authority whose area this is: a municipality leading the area, or a city alone.
    employment_authority = models.ForeignKey(
        "Organisation",
        verbose_name=_("employment authority"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="authority_of_areas",
        limit_choices_to={"kind": "employment_authority"},
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
        """The parties of the area's cooperation (none while the area is in no cooperation)."""
        if self.cooperation_id is None:
            return Organisation.objects.none()
        return Organisation.objects.participating_in(self.cooperation_id)


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def participating_in(
        self, cooperation: Cooperation | int, day: datetime.date | None = None
    ) -> OrganisationQuerySet:
        # Kela takes part in every cooperation of the model (Act 381/2023 § 3), so it needs no
        # participation row of its own; a participation that has ended no longer counts.
        current = Participation.objects.taking_part(day).filter(cooperation=cooperation)
        return self.filter(Q(pk__in=current.values("organisation")) | Q(kind=OrganisationKind.KELA))

    def parties_by_cooperation(
        self, cooperation_ids: Iterable[int], day: datetime.date | None = None
    ) -> dict[int, list[Organisation]]:
        """Each cooperation's parties, as participating_in() reads them, for many cooperations in
        two queries (#15): lists in the organisations' own order."""
        ids = set(cooperation_ids)
        kela = list(self.filter(kind=OrganisationKind.KELA))
        found: dict[int, list[Organisation]] = {pk: list(kela) for pk in ids}
        current = (
            Participation.objects.taking_part(day).filter(cooperation__in=ids).select_related("organisation")
        )
        for participation in current:
            if participation.organisation not in found[participation.cooperation_id]:
                found[participation.cooperation_id].append(participation.organisation)
        for parties in found.values():
            parties.sort(key=lambda o: o.name_fi)
        return found


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


class ParticipationQuerySet(models.QuerySet["Participation"]):
    def current(self) -> ParticipationQuerySet:
        """Participations not ended: rights that follow them end the day an end is recorded."""
        return self.filter(left_on__isnull=True)

    def on(self, day: datetime.date) -> ParticipationQuerySet:
        """Participations on DAY by their dates: joined on or before it, and left on or after it (the
        day left is the last day taking part, as a seat's end date is: core.periods)."""
        return self.filter(periods.covering("joined_on", "left_on", day))

    def taking_part(self, day: datetime.date | None) -> ParticipationQuerySet:
        """on(DAY) for the facts of a day; current() without one."""
        return self.current() if day is None else self.on(day)


class Participation(models.Model):
    """An organisation (an employment authority or a wellbeing services county) takes part in a
    cooperation. Kela takes part in every cooperation by law and needs no row."""

    cooperation = models.ForeignKey(
        Cooperation, verbose_name=_("cooperation"), on_delete=models.CASCADE, related_name="participations"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="participations"
    )
    joined_on = models.DateField(_("taking part from"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    # With two or more employment authorities in one cooperation, the one that names the chair
    # (VNA 388/2024: the employment authority names the chair).
    names_chair = models.BooleanField(
        _("names the chair"),
        default=False,
        help_text=_("With two or more employment authorities, the one that names the chair (VNA 388/2024)."),
    )
    names_vice_chair = models.BooleanField(
        _("names the vice-chair"),
        default=False,
        help_text=_(
            "With two or more wellbeing services counties, the one that names the vice-chair (VNA 388/2024)."
        ),
    )
    history = HistoricalRecords()

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation in a cooperation")
        verbose_name_plural = _("participations in cooperations")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation", "organisation"],
                condition=Q(left_on__isnull=True),
                name="participation_once_at_a_time",
                violation_error_message=_("The organisation already takes part in this cooperation."),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=F("joined_on")),
                name="participation_leaves_after_joining",
                violation_error_message=_("An organisation cannot leave before it joined."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.cooperation}"


class CountyOfMunicipality(models.Model):
    """Which wellbeing services county serves a municipality, and from when (Act 611/2021: every
    municipality belongs to one county; Helsinki organises the services itself)."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="counties"
    )
    county = models.ForeignKey(
        Organisation,
        verbose_name=_("wellbeing services county"),
        on_delete=models.PROTECT,
        related_name="served_municipalities",
        limit_choices_to={"kind": "wellbeing_county"},
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("county of a municipality")
        verbose_name_plural = _("counties of municipalities")
        ordering = ["municipality__name_fi", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="county_of_municipality_dates_in_order",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.county}"

    def valid_on(self, day: datetime.date) -> bool:
        return periods.covers(self.valid_from, self.valid_to, day)


class Person(models.Model):
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    # The title as the source gives it (e.g. "palvelujohtaja"); blank when the source names none.
    title = models.CharField(_("title"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="people"
    )
    email = models.EmailField(_("e-mail"), blank=True)
    # Recorded as the person or their organisation states it, for the optional gender-balance check
    # (tasa-arvolaki § 4 a); never guessed from a name. Blank: not recorded.
    gender = models.CharField(
        _("gender (as recorded)"),
        max_length=10,
        blank=True,
        choices=[("female", _("woman")), ("male", _("man")), ("other", _("other"))],
    )
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


class GrantQuerySet(models.QuerySet["Grant"]):
    def active(self) -> GrantQuerySet:
        return self.filter(withdrawn_at__isnull=True, user__is_active=True)


class Grant(models.Model):
    """A right given to a user: to act for an organisation (editor), to see what an organisation takes
    part in (viewer), or to manage the people and rights of a cooperation (secretary). What the user
    may reach is derived from the grants still in force and the organisation's current participation
    on every request, so a withdrawal or a participation's end takes effect at once. A withdrawn grant
    is kept, with who withdrew it and when."""

    class Role(models.TextChoices):
        EDITOR = "editor", _("editor for the organisation")
        VIEWER = "viewer", _("viewer")
        SECRETARY = "secretary", _("board secretary of the cooperation")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="grants"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="grants"
    )
    # Every right is given in one cooperation (#26): acting for Kela in one cooperation is no right in
    # another, and a right ends with the organisation's participation in that cooperation.
    cooperation = models.ForeignKey(
        Cooperation, verbose_name=_("cooperation"), on_delete=models.CASCADE, related_name="grants"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = GrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("grant of rights")
        verbose_name_plural = _("grants of rights")
        ordering = ["user__username", "role", "pk"]
        constraints = [
            # The same right once at a time.
            models.UniqueConstraint(
                fields=["user", "role", "organisation", "cooperation"],
                condition=Q(withdrawn_at__isnull=True),
                name="grant_once_at_a_time_in_a_cooperation",
                violation_error_message=_("The user already has this right."),
            ),
            models.CheckConstraint(
                condition=Q(role__in=["editor", "viewer", "secretary"]), name="grant_role_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()}, {self.organisation} ({self.cooperation})"


class CooperationPerson(models.Model):
    """A person the secretary has linked to a cooperation (e.g. a board member without a login who is
    recorded in attendance). People also belong to a cooperation through a seat or a grant there;
    pickers and people lists show only the people of the cooperation (organisations.selectors)."""

    cooperation = models.ForeignKey(
        Cooperation, verbose_name=_("cooperation"), on_delete=models.CASCADE, related_name="linked_people"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="cooperation_links"
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person of a cooperation")
        verbose_name_plural = _("people of a cooperation")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation", "person"],
                name="person_linked_once_per_cooperation",
                violation_error_message=_("The person is already linked to this cooperation."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.cooperation}"
