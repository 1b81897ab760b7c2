"""What the product tells people: one row per (recipient, kind, object, due date), in the app and by
e-mail, each exactly once."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Preference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    language = models.CharField(
        _("language of e-mail"), max_length=5, choices=settings.LANGUAGES, default="fi"
    )
    email_enabled = models.BooleanField(_("send reminders by e-mail"), default=True)
    weekly_digest = models.BooleanField(_("weekly digest by e-mail"), default=False)
    calendar_token = models.CharField(_("calendar token"), max_length=64, unique=True, default=new_token)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.user)


class Notification(models.Model):
    class Kind(models.TextChoices):
        GROUP_TERM_ENDING = "group_term_ending", _("steering group term ending")
        LEADER_TERM_ENDING = "leader_term_ending", _("leading person's term ending")
        SIGNATURES_PENDING = "signatures_pending", _("signatures pending")
        AGREEMENT_ENDING = "agreement_ending", _("agreement ending")
        AGREEMENT_ENDED = "agreement_ended", _("agreement ended")
        DISPUTE_DAY_60 = "dispute_day_60", _("dispute: day 60 reached")
        DECISION_FINAL = "decision_final", _("decision became final")
        INVOICE_OVERDUE = "invoice_overdue", _("invoice overdue")
        OBJECTIVES_DUE = "objectives_due", _("objectives not set")
        STAFFING_REVIEW_DUE = "staffing_review_due", _("staffing review due")
        WEEKLY_DIGEST = "weekly_digest", _("weekly digest")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    # What it is about, e.g. "governance.steeringgroup:3"; with the due date it identifies the reminder.
    object_key = models.CharField(_("object"), max_length=100)
    due_date = models.DateField(_("due date"))
    message = models.TextField(_("message"))
    link = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Exactly once, whatever runs twice or races: the database refuses the second row.
            models.UniqueConstraint(
                fields=["recipient", "kind", "object_key", "due_date"], name="notified_once"
            ),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.get_kind_display()} {self.due_date:%d.%m.%Y}"
