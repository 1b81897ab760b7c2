"""Annual objectives of the steering group and the yearly staffing-adequacy review (Act 381/2023 § 9;
the steering group sets objectives every year, taking the national objectives of Act 380/2023 § 21
into account)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models import SteeringGroup
from organisations.models import Municipality, Organisation


class NationalObjective(models.Model):
    """Reference data kept by the secretary; no legal text is invented (demo rows are marked examples)."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    title_fi = models.CharField(_("title in Finnish"), max_length=300)
    title_sv = models.CharField(_("title in Swedish"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    is_example = models.BooleanField(_("example data"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("national objective")
        verbose_name_plural = _("national objectives")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title_fi}"


class Objective(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed, not yet decided")
        PLANNED = "planned", _("planned")
        ON_TRACK = "on_track", _("on track")
        AT_RISK = "at_risk", _("at risk")
        ACHIEVED = "achieved", _("achieved")
        NOT_ACHIEVED = "not_achieved", _("not achieved")

    group = models.ForeignKey(
        SteeringGroup, verbose_name=_("steering group"), on_delete=models.PROTECT, related_name="objectives"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("objective"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    national_objectives = models.ManyToManyField(
        NationalObjective, verbose_name=_("national objectives served"), blank=True, related_name="objectives"
    )
    responsible = models.ManyToManyField(
        Organisation, verbose_name=_("responsible parties"), blank=True, related_name="objectives"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    decided_in = models.ForeignKey(
        "decisions.AgendaItem",
        verbose_name=_("set in the decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="objectives",
    )
    set_on = models.DateField(_("set on"), null=True, blank=True)
    is_example = models.BooleanField(_("example data"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("annual objective")
        verbose_name_plural = _("annual objectives")
        ordering = ["year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2025) & Q(year__lte=2100), name="objective_year_plausible"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.title}"


class Indicator(models.Model):
    objective = models.ForeignKey(
        Objective, verbose_name=_("objective"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40)
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"


class Measurement(models.Model):
    """The indicator's actual value at a follow-up point."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="measurements"
    )
    measured_on = models.DateField(_("follow-up date"))
    value = models.DecimalField(_("actual value"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up value")
        verbose_name_plural = _("follow-up values")
        ordering = ["measured_on"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "measured_on"], name="one_value_per_follow_up")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.measured_on:%d.%m.%Y}: {self.value}"


class StaffingReview(models.Model):
    """The steering group's yearly review of whether each party's staff is adequate (Act 381/2023 § 9)."""

    group = models.ForeignKey(
        SteeringGroup,
        verbose_name=_("steering group"),
        on_delete=models.PROTECT,
        related_name="staffing_reviews",
    )
    year = models.PositiveSmallIntegerField(_("year reviewed"))
    adequate = models.BooleanField(_("staffing adequate"), null=True, blank=True)
    reasons = models.TextField(_("reasons"), blank=True)
    measures = models.TextField(_("measures"), blank=True)
    measures_by = models.CharField(_("measures taken by"), max_length=200, blank=True)
    measures_due = models.DateField(_("measures due"), null=True, blank=True)
    assessed_on = models.DateField(_("assessed on"), null=True, blank=True)
    decided_in = models.ForeignKey(
        "decisions.AgendaItem",
        verbose_name=_("steering group decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staffing_reviews",
    )
    is_example = models.BooleanField(_("example data"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("staffing review")
        verbose_name_plural = _("staffing reviews")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "year"],
                name="one_review_per_group_year",
                violation_error_message=_("This year already has a staffing review."),
            ),
            models.CheckConstraint(
                condition=Q(adequate__isnull=True) | Q(assessed_on__isnull=False),
                name="assessment_has_date",
                violation_error_message=_("An assessment needs the date it was made."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} {self.year}"


class StaffLine(models.Model):
    """A party's staff in the cooperation model: head count and full-time equivalents by job title and
    municipality."""

    review = models.ForeignKey(
        StaffingReview,
        verbose_name=_("staffing review"),
        on_delete=models.CASCADE,
        related_name="staff_lines",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("party"), on_delete=models.PROTECT, related_name="staff_lines"
    )
    job_title = models.CharField(_("job title"), max_length=200)
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="staff_lines"
    )
    headcount = models.PositiveIntegerField(_("head count"))
    fte = models.DecimalField(_("full-time equivalents"), max_digits=8, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("staff line")
        verbose_name_plural = _("staff lines")
        constraints = [
            models.CheckConstraint(
                condition=Q(fte__gte=0),
                name="fte_not_negative",
                violation_error_message=_("Full-time equivalents cannot be negative."),
            ),
            models.UniqueConstraint(
                fields=["review", "organisation", "job_title", "municipality"], name="staff_line_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.job_title}, {self.municipality}"


class ClientLine(models.Model):
    """Clients in the cooperation model a party reports, by municipality."""

    review = models.ForeignKey(
        StaffingReview,
        verbose_name=_("staffing review"),
        on_delete=models.CASCADE,
        related_name="client_lines",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("party"), on_delete=models.PROTECT, related_name="client_lines"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="client_lines"
    )
    clients = models.PositiveIntegerField(_("clients"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("client line")
        verbose_name_plural = _("client lines")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "organisation", "municipality"], name="client_line_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.municipality} {self.clients}"
