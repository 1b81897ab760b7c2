"""What the product tells people: one row per (recipient, kind, object, due date), in the app and by
e-mail, each exactly once."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.reminders import kind_choices


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
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    # The kinds are declared by the apps that own what falls due (core/reminders.py).
    kind = models.CharField(_("kind"), max_length=30, choices=kind_choices)
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
