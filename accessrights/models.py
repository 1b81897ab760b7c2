"""The access-rights register (agreement § 10): each party applies for, updates and ends its own staff's
personal access rights to the customer information system, of which KEHA-keskus and the parties are
joint controllers. One row is one person's right from the application to its end, with the dates and
who handled each step; every change is kept in its history."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisations.models import Cooperation, Organisation, Person

CUSTOMER_SYSTEM = "TYM-asiakastietojärjestelmä"


class AccessRightQuerySet(models.QuerySet["AccessRight"]):
    def open(self) -> AccessRightQuerySet:
        return self.filter(ended_on__isnull=True)


class AccessRight(models.Model):
    class Status(models.TextChoices):
        APPLIED = "applied", _("applied for")
        GRANTED = "granted", _("granted")
        ENDED = "ended", _("ended")

    cooperation = models.ForeignKey(
        Cooperation, verbose_name=_("cooperation"), on_delete=models.PROTECT, related_name="access_rights"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="access_rights"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="access_rights"
    )
    system = models.CharField(_("information system"), max_length=200, default=CUSTOMER_SYSTEM)
    role = models.CharField(_("role or scope of the access"), max_length=200)
    applied_on = models.DateField(_("applied for on"))
    applied_by = models.CharField(_("applied for by"), max_length=200)
    granted_on = models.DateField(_("granted on"), null=True, blank=True)
    granted_by = models.CharField(_("granted by"), max_length=200, blank=True)
    updated_on = models.DateField(_("last updated on"), null=True, blank=True)
    updated_by = models.CharField(_("last updated by"), max_length=200, blank=True)
    update_note = models.CharField(_("what was updated"), max_length=300, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    ended_by = models.CharField(_("ended by"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = AccessRightQuerySet.as_manager()

    class Meta:
        verbose_name = _("access right")
        verbose_name_plural = _("access rights")
        ordering = ["person__last_name", "person__first_name", "-applied_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "system"],
                condition=Q(ended_on__isnull=True),
                name="one_open_access_right_per_person_and_system",
                violation_error_message=_("This person already has an open access right to this system."),
            ),
            models.CheckConstraint(
                condition=Q(granted_on__isnull=True) | Q(granted_on__gte=F("applied_on")),
                name="access_granted_after_application",
                violation_error_message=_("Access is granted on or after the day it was applied for."),
            ),
            models.CheckConstraint(
                condition=Q(updated_on__isnull=True)
                | (Q(granted_on__isnull=False) & Q(updated_on__gte=F("granted_on"))),
                name="access_updated_after_grant",
                violation_error_message=_("Access is updated only once granted, and not before."),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("applied_on")),
                name="access_ended_after_application",
                violation_error_message=_("Access cannot end before it was applied for."),
            ),
            models.CheckConstraint(
                condition=(Q(granted_on__isnull=True) | ~Q(granted_by=""))
                & (Q(ended_on__isnull=True) | ~Q(ended_by=""))
                & ~Q(applied_by=""),
                name="access_step_has_handler",
                violation_error_message=_("Each step names who handled it."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.system}"

    @property
    def status(self) -> str:
        if self.ended_on:
            return self.Status.ENDED
        return self.Status.GRANTED if self.granted_on else self.Status.APPLIED

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)

    def clean(self) -> None:
        from accessrights import rules

        rules.check(self)
