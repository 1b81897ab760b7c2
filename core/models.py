"""The use and disclosure log (Act 906/2019 on information management in public administration § 17):
who did what with which record, when, on what right and with what result. Append-only: the application
has no path to change or remove a row (retention pruning excepted), and each row carries the hash of
the row before it, so a row removed or changed in the database breaks the chain and shows."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class AppendOnly(Exception):
    """Raised on any attempt to change or remove an audit row through the application."""


class AuditQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnly("the audit log is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnly("the audit log is append-only")

    def _prune_before(self, cutoff: Any) -> int:
        """Retention: remove rows older than CUTOFF (the only removal, run by the daily job)."""
        count, _deleted = models.QuerySet.delete(self.filter(at__lt=cutoff))
        return count


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        LOGIN = "login", _("logged in")
        LOGIN_FAILED = "login_failed", _("failed login")
        LOGOUT = "logout", _("logged out")
        REFUSED = "refused", _("refused")
        VIEW = "view", _("viewed a record")
        DISCLOSE = "disclose", _("document or data disclosed")
        GRANT = "grant", _("right granted")
        WITHDRAW = "withdraw", _("right withdrawn")
        PASSWORD = "password", _("password changed or reset")

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    username = models.CharField(_("user name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    target = models.CharField(_("what"), max_length=300)
    right = models.CharField(_("on what right"), max_length=200, blank=True)
    result = models.CharField(_("result"), max_length=40)
    ip = models.GenericIPAddressField(_("address"), null=True, blank=True)
    previous_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("use and disclosure log entry")
        verbose_name_plural = _("use and disclosure log")
        ordering = ["-pk"]
        indexes = [models.Index(fields=["username", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%d.%m.%Y %H:%M} {self.username} {self.action} {self.target}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnly("the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnly("the audit log is append-only")

    def canonical(self) -> str:
        return json.dumps(
            [
                self.previous_hash,
                self.at.isoformat(),
                self.username,
                self.action,
                self.target,
                self.right,
                self.result,
                self.ip or "",
            ],
            ensure_ascii=False,
        )

    def compute_hash(self) -> str:
        return hashlib.sha256(self.canonical().encode("utf-8")).hexdigest()


class SubmittedForm(models.Model):
    """A form's one-time token, kept once its POST succeeded: the same form sent again (a double
    click, a resent request) is answered "already done" and saves nothing (#14)."""

    token = models.CharField(max_length=32, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    path = models.CharField(max_length=300)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.path} {self.at:%d.%m.%Y %H:%M}"


class StatementPage(models.Model):
    """A statement every public service publishes, its text kept by the administrator: the accessibility
    statement (Act on Digital Services 306/2019 § 15) and the privacy notice (GDPR Art. 13-14).
    Text in three languages; a blank line starts a paragraph, "## " a heading, "- " a list item."""

    class Kind(models.TextChoices):
        ACCESSIBILITY = "accessibility", _("accessibility statement")
        PRIVACY = "privacy", _("privacy notice")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, unique=True)
    title_fi = models.CharField(_("title in Finnish"), max_length=200)
    title_sv = models.CharField(_("title in Swedish"), max_length=200, blank=True)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    body_fi = models.TextField(_("text in Finnish"))
    body_sv = models.TextField(_("text in Swedish"), blank=True)
    body_en = models.TextField(_("text in English"), blank=True)
    # Where feedback and requests go: the deploying organisation's own channel, never a default.
    contact = models.TextField(
        _("contact for feedback and requests"),
        blank=True,
        help_text=_("The organisation's name, e-mail and postal address; shown at the end of the page."),
    )
    reviewed_on = models.DateField(_("last reviewed on"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("statement page")
        verbose_name_plural = _("statement pages")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["accessibility", "privacy"]), name="statement_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return self.title_fi

    def in_language(self, language: str) -> tuple[str, str, str]:
        """(title, body, the language the text is in): the reader's, else Finnish."""
        code = language[:2]
        if code in ("sv", "en") and getattr(self, f"body_{code}"):
            return getattr(self, f"title_{code}") or self.title_fi, getattr(self, f"body_{code}"), code
        return self.title_fi, self.body_fi, "fi"
