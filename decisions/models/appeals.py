"""What follows a decision: the appeal instructions per part, the notifications to parties, the claims
received and handled to their end, and the court fee as dated data."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from decisions import deadlines, rules
from decisions.models.meetings import AgendaItem


class AppealPart(models.Model):
    """One part of a decision with its own appeal instructions (§ 16/2025 has two)."""

    class Kind(models.TextChoices):
        # Kuntalaki § 136 for a municipal body; Act 808/2019 § 6 (2) for any other (the steering group).
        NO_APPEAL = "no_appeal", _("no appeal (preparation or implementation only)")
        RECTIFICATION = "rectification", _("rectification claim (14 days)")
        MUNICIPAL_APPEAL = "municipal_appeal", _("municipal appeal to the administrative court (30 days)")
        COURT_APPEAL = "court_appeal", _("appeal under a special act to the administrative court (30 days)")
        # Where the special act requires a claim first (Hallintolaki ch. 7 a, §§ 49 a–49 g; #28).
        ADMIN_RECTIFICATION = (
            "admin_rectification",
            _(
                "rectification claim under the Administrative Procedure Act, then the administrative court "
                "(30 days)"
            ),
        )

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="appeal_parts"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    scope_fi = models.CharField(_("part of the decision (fi)"), max_length=300, blank=True)
    scope_sv = models.CharField(_("part of the decision (sv)"), max_length=300, blank=True)
    kind = models.CharField(_("appeal instructions"), max_length=20, choices=Kind.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appeal part")
        verbose_name_plural = _("appeal parts")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "order"], name="appeal_part_order_unique"),
            models.CheckConstraint(
                condition=Q(
                    kind__in=[
                        "no_appeal",
                        "rectification",
                        "municipal_appeal",
                        "court_appeal",
                        "admin_rectification",
                    ]
                ),
                name="appeal_part_kind_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.section}: {self.get_kind_display()}"

    def clean(self) -> None:
        rules.check_appeal_part(self)

    @property
    def deadline_kind(self) -> str | None:
        return None if self.kind == self.Kind.NO_APPEAL else deadlines.Kind(self.kind)


class Notification(models.Model):
    """The decision given to a party: how and when; the deadline runs from the (deemed) receipt."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="notifications"
    )
    recipient = models.CharField(_("recipient"), max_length=200)
    method = models.CharField(
        _("method"),
        max_length=20,
        choices=[(m.value, m.label) for m in deadlines.Method if m != deadlines.Method.PUBLICATION],
    )

    class Consent(models.TextChoices):
        YES = "yes", _("yes: the recipient consented to electronic service")
        NO = "no", _("no: the recipient has not consented")
        UNKNOWN = "unknown", _("not recorded")

    # Ordinary electronic service gives a deemed receipt only with the recipient's consent (Act 13/2003
    # § 19); without it the period runs from a proven receipt only (#13 item 7).
    consent = models.CharField(
        _("consent to electronic service"), max_length=10, choices=Consent.choices, default=Consent.UNKNOWN
    )
    sent_on = models.DateField(_("sent or handed over on"))
    proven_receipt_on = models.DateField(_("proven date of receipt"), null=True, blank=True)
    # Wrong or missing appeal instructions are corrected by notifying the decision again with the right
    # ones; the period then runs from the new notification (Hallintolaki 434/2003 § 49 (3); #13 item 6).
    reissue_of = models.ForeignKey(
        "self",
        verbose_name=_("re-issues the notification"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reissues",
        help_text=_("Only when the decision is notified again with corrected appeal instructions."),
    )
    reissue_reason = models.CharField(_("why the instructions were re-issued"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["sent_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(consent__in=["yes", "no", "unknown"]), name="notification_consent_known"
            ),
            models.CheckConstraint(
                condition=Q(proven_receipt_on__isnull=True) | Q(proven_receipt_on__gte=F("sent_on")),
                name="received_after_sent",
                violation_error_message=_("A letter cannot be received before it is sent."),
            ),
            models.CheckConstraint(
                condition=Q(method__in=["letter", "email", "received"]), name="notification_method_known"
            ),
            models.CheckConstraint(
                condition=Q(reissue_of__isnull=True) | ~Q(reissue_reason=""),
                name="reissue_has_reason",
                violation_error_message=_("Say why the appeal instructions are re-issued."),
            ),
            models.CheckConstraint(condition=~Q(reissue_of=F("pk")), name="notification_not_own_reissue"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient} ({self.get_method_display()} {self.sent_on:%d.%m.%Y})"

    @property
    def no_deemed_receipt(self) -> bool:
        """E-mail without a recorded consent: no deemed receipt (Act 13/2003 § 19); only proof counts."""
        return deadlines.no_deemed_receipt(self.method, self.consent) and not self.proven_receipt_on

    @property
    def receipt(self) -> datetime.date | None:
        # A proven actual date overrides the deemed one (HL § 59: "jollei muuta näytetä").
        if self.proven_receipt_on:
            return self.proven_receipt_on
        if self.no_deemed_receipt:
            return None
        return deadlines.deemed_receipt(self.method, self.sent_on)

    def clean(self) -> None:
        rules.check_notification(self)


class Claim(models.Model):
    """A rectification claim or appeal received against a part of a decision, recorded whatever it is
    (also late, without standing or against a no-appeal part) and handled to its end (#13 item 6)."""

    class Standing(models.TextChoices):
        UNASSESSED = "unassessed", _("not yet assessed")
        PARTY = "party", _("a party (the decision concerns them directly)")
        MUNICIPAL_MEMBER = "member", _("a municipal member")
        MEMBER_MUNICIPALITY = "municipality", _("a member municipality of a joint body")
        NONE = "none", _("no standing")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("pending")
        UPHELD = "upheld", _("upheld: the decision was changed")
        REJECTED = "rejected", _("rejected")
        DISMISSED = "dismissed", _("dismissed without examination")

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.PROTECT, related_name="claims"
    )
    part = models.ForeignKey(
        AppealPart, verbose_name=_("decision part"), on_delete=models.PROTECT, related_name="claims"
    )
    claimant = models.CharField(_("claimant"), max_length=200)
    received_on = models.DateField(_("received on"))
    # On the last day the registry's closing time decides (Kuntalaki § 138; #13 item 6).
    received_at = models.TimeField(_("received at (time)"), null=True, blank=True)
    reference = models.CharField(_("registry reference"), max_length=100, blank=True)
    standing = models.CharField(
        _("standing"), max_length=20, choices=Standing.choices, default=Standing.UNASSESSED
    )
    notification = models.ForeignKey(
        Notification,
        verbose_name=_("the claimant's notification"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
        help_text=_("A party's period runs from their notification."),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    # The decision on a claim is itself a section, with its own appeal instructions for the claimant.
    decided_in = models.ForeignKey(
        AgendaItem,
        verbose_name=_("decided in"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decided_claims",
    )
    decision_reference = models.CharField(
        _("reference of the decision on the claim"),
        max_length=200,
        blank=True,
        help_text=_("For an appeal decided by the court: the court's decision and its date."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        ordering = ["received_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(standing__in=["unassessed", "party", "member", "municipality", "none"]),
                name="claim_standing_known",
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=["pending", "upheld", "rejected", "dismissed"]),
                name="claim_outcome_known",
            ),
            models.CheckConstraint(
                condition=Q(outcome="pending") | Q(decided_in__isnull=False) | ~Q(decision_reference=""),
                name="claim_outcome_has_decision",
                violation_error_message=_("An outcome is recorded with the decision that gave it."),
            ),
            models.CheckConstraint(
                condition=Q(decided_in__isnull=True) | ~Q(decided_in=F("item")),
                name="claim_not_decided_in_its_own_item",
                violation_error_message=_(
                    "A claim is decided in a later section, not in the decision claimed against."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.claimant} {self.received_on:%d.%m.%Y}"

    def clean(self) -> None:
        rules.check_claim(self)
