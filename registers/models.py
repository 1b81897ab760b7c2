"""The national registers (#27): facts every cooperation shares and no secretary types.

Each row names the edition it came from; a municipality's county and region are dated (valid_from,
valid_to), so a fact about a day in 2025 reads 2025's register even after a later edition (a merger
effective on 1 January) has been applied. Rows change only through an edition
(`manage.py update_reference_data`), each change kept in the history."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import periods


class Edition(models.Model):
    """One applied edition of the reference data: its file, the day its facts take effect, the day its
    sources were checked, and what could not be verified."""

    name = models.CharField(_("edition"), max_length=100, unique=True)
    effective_from = models.DateField(_("in effect from"), unique=True)
    checked_on = models.DateField(_("sources checked on"))
    sources = models.TextField(_("sources"))
    unverified = models.TextField(_("not verified"), blank=True)
    applied_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("register edition")
        verbose_name_plural = _("register editions")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return self.name


class AdministrativeCourt(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    address = models.TextField(_("postal address"), blank=True)
    email = models.CharField(_("e-mail"), max_length=200, blank=True)
    eservice = models.CharField(_("e-service"), max_length=300, blank=True)
    hours_fi = models.CharField(_("opening hours (fi)"), max_length=200, blank=True)
    hours_sv = models.CharField(_("opening hours (sv)"), max_length=200, blank=True)
    source = models.TextField(_("source"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("administrative court")
        verbose_name_plural = _("administrative courts")
        ordering = ["name_fi"]

    def __str__(self) -> str:
        return self.name_fi


class Region(models.Model):
    """A region (maakunta); its administrative court is the one whose district it belongs to."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=100)
    name_sv = models.CharField(_("name in Swedish"), max_length=100, blank=True)
    court = models.ForeignKey(
        AdministrativeCourt,
        verbose_name=_("administrative court"),
        on_delete=models.PROTECT,
        related_name="regions",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name_fi"]

    def __str__(self) -> str:
        return self.name_fi


class WellbeingCounty(models.Model):
    """A wellbeing services county, or the City of Helsinki, which organises the services itself
    (Act 611/2021; Act 616/2021 § 7)."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    business_id = models.CharField(_("business ID"), max_length=20, blank=True)
    is_city = models.BooleanField(_("a city organising the services itself"), default=False)
    published_count = models.PositiveSmallIntegerField(
        _("published number of municipalities"), null=True, blank=True
    )
    count_source = models.TextField(_("source of the published number"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("wellbeing services county (register)")
        verbose_name_plural = _("wellbeing services counties (register)")
        ordering = ["name_fi"]

    def __str__(self) -> str:
        return self.name_fi


class RegisteredMunicipalityQuerySet(models.QuerySet["RegisteredMunicipality"]):
    def on(self, day: datetime.date) -> RegisteredMunicipalityQuerySet:
        return self.filter(periods.covering("valid_from", "valid_to", day))


class RegisteredMunicipality(models.Model):
    """A municipality of mainland Finland as the register had it from valid_from to valid_to: its
    official code (Statistics Finland, three digits), names, county and region."""

    code = models.CharField(_("municipality code"), max_length=3)
    name_fi = models.CharField(_("name in Finnish"), max_length=100)
    name_sv = models.CharField(_("name in Swedish"), max_length=100)
    county = models.ForeignKey(
        WellbeingCounty,
        verbose_name=_("wellbeing services county"),
        on_delete=models.PROTECT,
        related_name="municipalities",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="municipalities"
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.PROTECT, related_name="municipalities"
    )
    history = HistoricalRecords()

    objects = RegisteredMunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipality (register)")
        verbose_name_plural = _("municipalities (register)")
        ordering = ["code", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="register_municipality_once_a_day"),
            # At most one open row per code: the current facts of a municipality are one row.
            models.UniqueConstraint(
                fields=["code"], condition=Q(valid_to__isnull=True), name="register_municipality_one_current"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="register_municipality_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(code__regex=r"^[0-9]{3}$"), name="register_municipality_code_three_digits"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name_fi} ({self.code})"


class NationalParty(models.Model):
    """The one national party of every cooperation: Kela (Act 381/2023)."""

    business_id = models.CharField(_("business ID"), max_length=20, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    address = models.TextField(_("postal address"), blank=True)
    source = models.TextField(_("source"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("national party")
        verbose_name_plural = _("national parties")

    def __str__(self) -> str:
        return self.name_fi


class CourtFee(models.Model):
    """The administrative court's fee (oikeudenkäyntimaksu, tuomioistuinmaksulaki 1455/2015 § 2) of a
    period, usually a calendar year. The fee an appellant pays is the one in force when the appeal is
    filed; a year without a row has no recorded fee, and the instructions then say the court sets it."""

    valid_from = models.DateField(_("valid from"), unique=True)
    valid_to = models.DateField(_("valid until"))
    amount = models.DecimalField(_("amount (€)"), max_digits=7, decimal_places=2)
    exemptions_fi = models.TextField(_("exemptions (fi)"), blank=True)
    exemptions_sv = models.TextField(_("exemptions (sv)"), blank=True)
    source = models.TextField(_("source"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("administrative court fee")
        verbose_name_plural = _("administrative court fees")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__gte=F("valid_from")),
                name="register_court_fee_period_ordered",
                violation_error_message=_("The period cannot end before it starts."),
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="register_court_fee_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.amount} € ({self.valid_from:%d.%m.%Y}–{self.valid_to:%d.%m.%Y})"
