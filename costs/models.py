"""Joint development days and the sharing of their costs between the parties (agreement § 9)."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models import SteeringGroup
from organisations.models import Cooperation, Organisation, Person


class CostPrinciple(models.Model):
    """A rule of the agreement on who pays what, kept as data and shown on the costs page."""

    cooperation = models.ForeignKey(
        Cooperation,
        verbose_name=_("cooperation"),
        on_delete=models.CASCADE,
        related_name="cost_principles",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    text_fi = models.TextField(_("text in Finnish"))
    text_sv = models.TextField(_("text in Swedish"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cost principle")
        verbose_name_plural = _("cost principles")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text_fi[:60]


class DevelopmentDay(models.Model):
    group = models.ForeignKey(
        SteeringGroup,
        verbose_name=_("steering group"),
        on_delete=models.PROTECT,
        related_name="development_days",
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=200)
    is_example = models.BooleanField(_("example data"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("development day")
        verbose_name_plural = _("development days")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.title} {self.date:%d.%m.%Y}"


class CostItem(models.Model):
    day = models.ForeignKey(
        DevelopmentDay, verbose_name=_("development day"), on_delete=models.CASCADE, related_name="cost_items"
    )
    description = models.CharField(_("description"), max_length=200)
    amount = models.DecimalField(_("amount (€)"), max_digits=12, decimal_places=2)
    paid_by = models.ForeignKey(
        Organisation, verbose_name=_("paid by"), on_delete=models.PROTECT, related_name="paid_cost_items"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cost item")
        verbose_name_plural = _("cost items")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="cost_amount_positive",
                violation_error_message=_("An amount must be more than zero euros."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.description} {self.amount} €"


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(cancelled_on__isnull=True)


class Registration(models.Model):
    """People registered for a day: one named person, or a number of people of an organisation."""

    day = models.ForeignKey(
        DevelopmentDay,
        verbose_name=_("development day"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="registrations"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
    )
    count = models.PositiveSmallIntegerField(_("number of people"), default=1)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    history = HistoricalRecords()

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.CheckConstraint(
                condition=Q(count__gte=1),
                name="registration_counts_someone",
                violation_error_message=_("A registration is for at least one person."),
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=True) | Q(count=1),
                name="named_registration_is_one",
                violation_error_message=_("A named person is one registration."),
            ),
            models.UniqueConstraint(
                fields=["day", "person"],
                condition=Q(cancelled_on__isnull=True),
                name="person_registered_once",
                violation_error_message=_("This person is already registered for the day."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.person) if self.person else f"{self.organisation} × {self.count}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if (
            self.person is not None
            and self.organisation_id
            and self.person.organisation_id != self.organisation_id
        ):
            raise ValidationError(
                {"person": _("The person does not belong to the registering organisation.")}
            )


class Invoice(models.Model):
    """The basis of an invoice from the party that paid to a party that owes its share."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SENT = "sent", _("sent")
        PAID = "paid", _("paid")

    day = models.ForeignKey(
        DevelopmentDay, verbose_name=_("development day"), on_delete=models.PROTECT, related_name="invoices"
    )
    number = models.CharField(_("number"), max_length=30, unique=True)
    debtor = models.ForeignKey(
        Organisation, verbose_name=_("invoiced party"), on_delete=models.PROTECT, related_name="invoices_owed"
    )
    creditor = models.ForeignKey(
        Organisation, verbose_name=_("payee"), on_delete=models.PROTECT, related_name="invoices_issued"
    )
    registrations = models.PositiveIntegerField(_("registrations"))
    share = models.DecimalField(_("share of the costs (€)"), max_digits=12, decimal_places=2)
    amount = models.DecimalField(_("amount to invoice (€)"), max_digits=12, decimal_places=2)
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("invoice basis")
        verbose_name_plural = _("invoice bases")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="invoice_amount_positive"),
            models.CheckConstraint(condition=~Q(debtor=models.F("creditor")), name="invoice_not_to_self"),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "sent", "paid"]), name="invoice_status_known"
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_on__isnull=False), name="sent_invoice_has_date"
            ),
            models.CheckConstraint(
                condition=~Q(status="paid") | Q(paid_on__isnull=False), name="paid_invoice_has_date"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def is_overdue(self, today: datetime.date) -> bool:
        return self.status == self.Status.SENT and self.due_date < today


class InvoiceCounter(models.Model):
    """The last invoice number used in a year: locked while invoice bases are prepared, so that two
    days prepared at once never take the same number (#14)."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last = models.PositiveIntegerField(_("last number used"), default=0)

    class Meta:
        verbose_name = _("invoice counter")
        verbose_name_plural = _("invoice counters")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"
