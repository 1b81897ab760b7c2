"""Joint development days and the sharing of their costs between the parties (agreement § 9)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models import SteeringGroup
from organisations.models import Cooperation, Organisation, Person


def _label(choices: type[models.TextChoices], value: str) -> str:
    """The state's name for an error message; an unknown value (bad input) is shown as it came."""
    return str(choices(value).label) if value in choices.values else value


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
    """A joint development day whose costs the registered parties share (agreement § 9).

    Its life keeps the split and the invoice bases in agreement: while it is open, parties register
    and cancel and the secretary records costs; preparing the invoice bases (services.prepare_invoices)
    moves it to invoiced, which closes registrations and costs, so the split the invoices were built
    from can no longer change under them. A correction afterwards reopens the day with a recorded
    reason (services.reopen_day): every invoice basis of the day is then voided (a draft nobody has
    seen) or credited in full by a credit note (one a party has received), so an open day has nothing
    outstanding, and preparing again invoices the corrected split.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("registrations open")
        INVOICED = "invoiced", _("invoiced: registrations closed")

    # The only moves the day's life allows; anything else is refused with a clear error.
    TRANSITIONS = {
        Status.OPEN: {Status.INVOICED},
        Status.INVOICED: {Status.OPEN},
    }

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
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    # The latest reopening's reason; each earlier one stays in the history with its change reason.
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("development day")
        verbose_name_plural = _("development days")
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=["open", "invoiced"]), name="day_status_known"),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.date:%d.%m.%Y}"

    @property
    def is_open(self) -> bool:
        """Registrations and costs may change: no invoice basis stands on the split."""
        return self.status == self.Status.OPEN

    def can_move_to(self, status: str) -> bool:
        current = self.status
        return current in self.Status.values and status in self.TRANSITIONS[self.Status(current)]

    def move_to(self, status: str) -> None:
        if not self.can_move_to(status):
            raise ValidationError(
                _("A development day cannot move from “%(old)s” to “%(new)s”."),
                params={"old": self.get_status_display(), "new": _label(self.Status, status)},
                code="invalid_transition",
            )
        self.status = status


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
        if (
            self.person is not None
            and self.organisation_id
            and self.person.organisation_id != self.organisation_id
        ):
            raise ValidationError(
                {"person": _("The person does not belong to the registering organisation.")}
            )


class Invoice(models.Model):
    """The basis of an invoice from the party that paid to a party that owes its share, or a credit
    note that takes one back in full.

    States only move forward (TRANSITIONS): a draft is sent, then paid; paid is final. A draft nobody
    has received is voided when its day is reopened; a sent one is credited: a credit note, a new row
    of the same debtor and payee for the same amount, records the reason and cancels the debt. A paid
    invoice stays paid (the payment happened) and its credit note is the refund owed. What a debtor
    owes a payee for a day is therefore always the sum of its invoices not voided less its credit
    notes (selectors.invoiced), which equals the day's split while the day is invoiced and nothing once
    it is reopened. A credit note is sent and settled (paid) like an invoice but never voided or
    credited itself: that would revive the debt it took back.
    """

    class Kind(models.TextChoices):
        INVOICE = "invoice", _("invoice basis")
        CREDIT_NOTE = "credit_note", _("credit note")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SENT = "sent", _("sent")
        PAID = "paid", _("paid")
        VOID = "void", _("voided")
        CREDITED = "credited", _("credited")

    # The only moves an invoice basis allows; anything else is refused with a clear error.
    TRANSITIONS = {
        Status.DRAFT: {Status.SENT, Status.VOID},
        Status.SENT: {Status.PAID, Status.CREDITED},
        Status.PAID: set(),
        Status.VOID: set(),
        Status.CREDITED: set(),
    }
    # What the secretary records by hand; voiding and crediting happen only when the day is reopened,
    # so that no single invoice is taken back while the day's split still stands on it.
    MARKED_BY_HAND = (Status.SENT, Status.PAID)

    day = models.ForeignKey(
        DevelopmentDay, verbose_name=_("development day"), on_delete=models.PROTECT, related_name="invoices"
    )
    number = models.CharField(_("number"), max_length=30, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.INVOICE)
    credits = models.OneToOneField(
        "self",
        verbose_name=_("credited invoice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_note",
    )
    reason = models.TextField(_("reason for the credit"), blank=True)
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
                condition=Q(status__in=["draft", "sent", "paid", "void", "credited"]),
                name="invoice_status_known",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["invoice", "credit_note"]), name="invoice_kind_known"
            ),
            # Sent, paid and credited invoices were all sent; drafts and voided ones never were.
            models.CheckConstraint(
                condition=Q(status__in=["draft", "void"], sent_on__isnull=True)
                | Q(status__in=["sent", "paid", "credited"], sent_on__isnull=False),
                name="invoice_sent_on_matches_status",
            ),
            models.CheckConstraint(
                condition=Q(status="paid", paid_on__isnull=False)
                | (~Q(status="paid") & Q(paid_on__isnull=True)),
                name="invoice_paid_on_matches_status",
            ),
            # A credit note names the invoice it credits and why; an invoice credits nothing.
            models.CheckConstraint(
                condition=Q(kind="invoice", credits__isnull=True, reason="")
                | (Q(kind="credit_note", credits__isnull=False) & ~Q(reason="")),
                name="credit_note_names_invoice_and_reason",
            ),
            models.CheckConstraint(
                condition=~Q(kind="credit_note") | ~Q(status__in=["void", "credited"]),
                name="credit_note_never_taken_back",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_credit_note(self) -> bool:
        return self.kind == self.Kind.CREDIT_NOTE

    def is_overdue(self, today: datetime.date) -> bool:
        return self.kind == self.Kind.INVOICE and self.status == self.Status.SENT and self.due_date < today

    def can_move_to(self, status: str) -> bool:
        if self.is_credit_note and status in (self.Status.VOID, self.Status.CREDITED):
            return False
        current = self.status
        return current in self.Status.values and status in self.TRANSITIONS[self.Status(current)]

    def move_to(self, status: str) -> None:
        if not self.can_move_to(status):
            message = (
                _("A credit note cannot move from “%(old)s” to “%(new)s”.")
                if self.is_credit_note
                else _("An invoice basis cannot move from “%(old)s” to “%(new)s”.")
            )
            raise ValidationError(
                message,
                params={"old": self.get_status_display(), "new": _label(self.Status, status)},
                code="invalid_transition",
            )
        self.status = status

    def marks_by_hand(self) -> list[Invoice.Status]:
        """The next states the secretary may record for this invoice basis (the portal's choices)."""
        return [status for status in self.MARKED_BY_HAND if self.can_move_to(status)]


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
