"""A body's members and their personal deputies, as the council (or the cooperation's parties) elected
them for a period: one named deputy per member (DOMAIN.md's glossary), a chair and a vice-chair. The
register the attendance checklist, the invitations with the agenda and the quorum's member count read
(#29). Which decision elected each is recorded as written, not checked: the electing body's own law
and rules decide it."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from decisions.models.bodies import Body
from organisations.models import Person


class BodyMemberQuerySet(models.QuerySet["BodyMember"]):
    def on(self, day: datetime.date | None = None) -> BodyMemberQuerySet:
        """Memberships in force on DAY (today when None)."""
        day = day or timezone.localdate()
        return self.filter(starts__lte=day).filter(Q(ends__isnull=True) | Q(ends__gte=day))

    def members(self) -> BodyMemberQuerySet:
        """The seats that count for the quorum: everyone but the deputies."""
        return self.exclude(role=BodyMember.Role.DEPUTY)

    def overlapping(self, other: BodyMember) -> BodyMemberQuerySet:
        """Memberships whose period meets OTHER's."""
        qs = self.filter(Q(ends__isnull=True) | Q(ends__gte=other.starts))
        return qs if other.ends is None else qs.filter(starts__lte=other.ends)


class BodyMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("chair")
        VICE_CHAIR = "vice_chair", _("vice-chair")
        MEMBER = "member", _("member")
        DEPUTY = "deputy", _("personal deputy")

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="body_memberships"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    deputy_of = models.ForeignKey(
        "self",
        verbose_name=_("personal deputy of"),
        on_delete=models.RESTRICT,  # a body's deletion takes its deputies with it; nothing else does
        null=True,
        blank=True,
        related_name="deputies",
    )
    starts = models.DateField(_("from"))
    ends = models.DateField(_("until"), null=True, blank=True, help_text=_("Empty: until further notice."))
    elected_by = models.CharField(
        _("elected by"),
        max_length=200,
        blank=True,
        help_text=_("The decision that elected them, e.g. “valtuusto 12.6.2025 § 45”."),
    )
    history = HistoricalRecords()

    objects = BodyMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("member of a body")
        verbose_name_plural = _("members of bodies")
        ordering = ["body", "starts", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__isnull=True) | Q(ends__gte=F("starts")),
                name="body_member_ends_after_start",
                violation_error_message=_("A membership cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=(Q(role="deputy") & Q(deputy_of__isnull=False))
                | (~Q(role="deputy") & Q(deputy_of__isnull=True)),
                name="body_deputy_names_their_member",
                violation_error_message=_(
                    "A personal deputy names the member they stand in for, and only a deputy does."
                ),
            ),
            models.CheckConstraint(
                condition=Q(role__in=["chair", "vice_chair", "member", "deputy"]),
                name="body_member_role_known",
            ),
            models.UniqueConstraint(
                fields=["body", "person", "starts"],
                name="body_member_once_from_a_day",
                violation_error_message=_("This person is already recorded in this body from that day."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.body})"

    def clean(self) -> None:
        """The rules no single row's constraint can see: a deputy's member is of the same body, not
        a deputy, and in office when the deputy is; one person holds one seat of a body at a time;
        one chair and one vice-chair at a time."""
        errors: dict[str, list[Any]] = {}
        if (self.starts and self.starts.year < 1900) or (self.ends and self.ends.year > 2200):
            errors.setdefault("starts", []).append(_("Give a date between 1900 and 2200."))
        if self.person_id and self.body_id and self._person_changed() and not self._of_the_cooperation():
            errors.setdefault("person", []).append(_("Choose a person of this body's cooperation."))
        if self.deputy_of_id and self.body_id:
            member = self.deputy_of
            if member is None or member.body_id != self.body_id:
                errors.setdefault("deputy_of", []).append(_("The member must be of the same body."))
            elif member.role == self.Role.DEPUTY:
                errors.setdefault("deputy_of", []).append(_("A deputy stands in for a member, not a deputy."))
            elif member.person_id == self.person_id:
                errors.setdefault("deputy_of", []).append(_("Nobody is their own deputy."))
            elif self.starts and not member.covers(self.starts, self.ends):
                errors.setdefault("deputy_of", []).append(
                    _("A personal deputy's period falls within their member's (%(period)s).")
                    % {"period": member.period}
                )
        if self.body_id and self.person_id and self.starts and not errors:
            alongside = BodyMember.objects.filter(body_id=self.body_id).exclude(pk=self.pk).overlapping(self)
            if alongside.filter(person_id=self.person_id).exists():
                errors.setdefault("person", []).append(
                    _("This person already holds a seat of this body for part of that period.")
                )
            for role in (self.Role.CHAIR, self.Role.VICE_CHAIR):
                if self.role == role and alongside.filter(role=role).exists():
                    errors.setdefault("role", []).append(
                        _("The body already has a %(role)s for part of that period.") % {"role": role.label}
                    )
            if self.deputy_of_id and alongside.filter(deputy_of_id=self.deputy_of_id).exists():
                errors.setdefault("deputy_of", []).append(
                    _("That member already has a personal deputy for part of that period.")
                )
        if errors:
            raise ValidationError(errors)

    def covers(self, starts: datetime.date, ends: datetime.date | None) -> bool:
        """This seat is in force for the whole of STARTS..ENDS (ENDS None: open-ended)."""
        if starts < self.starts:
            return False
        if self.ends is None:
            return True
        return ends is not None and ends <= self.ends

    @property
    def period(self) -> str:
        until = self.ends.strftime("%d.%m.%Y") if self.ends else ""
        return f"{self.starts:%d.%m.%Y}–{until}"

    def _person_changed(self) -> bool:
        """A new seat, or its person changed: a seat already held is ended even after the person's
        organisation has left the cooperation."""
        if self._state.adding or self.pk is None:
            return True
        return not BodyMember.objects.filter(
            pk=self.pk, person_id=self.person_id, body_id=self.body_id
        ).exists()

    def _of_the_cooperation(self) -> bool:
        """The person is one of the body's cooperation's people (#26: a picker never crosses)."""
        from organisations.selectors import people_of

        cooperation_id = (
            Body.objects.filter(pk=self.body_id).values_list("area__cooperation_id", flat=True).first()
        )
        return people_of(cooperation_id).filter(pk=self.person_id).exists()
