"""The use and disclosure log (Act 906/2019 on information management in public administration § 17):
who did what with which record, when, on what right and with what result. Append-only: the application
has no path to change or remove a row, and on PostgreSQL a trigger refuses UPDATE and DELETE to every
role but the pruner's (migration 0002, #31 item 3). Each row carries the keyed hash (HMAC, the key
outside the database) of its content and of the row before it, and the chain's head (ChainHead) holds
the newest row's id and hash: a row removed, changed or cut off the end breaks the chain and shows."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
        PRUNE = "prune", _("old entries pruned")

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
    # HMAC under settings.AUDIT_LOG_KEY (#31 item 3); rows written before it carry unkeyed SHA-256, and
    # a chain may hold such rows only before its first keyed one (auditlog.audit.verify).
    keyed = models.BooleanField(default=False)

    objects = AuditQuerySet.as_manager()

    class Meta:
        db_table = "core_auditevent"  # the table keeps the name it had when the model lived in core (#32)
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
        data = self.canonical().encode("utf-8")
        if self.keyed:
            return hmac.new(audit_key(), data, hashlib.sha256).hexdigest()
        return hashlib.sha256(data).hexdigest()


def audit_key() -> bytes:
    """The log's HMAC key: settings.AUDIT_LOG_KEY (AUDIT_LOG_KEY_FILE), else one derived from SECRET_KEY;
    either way outside the database, so a rewritten row cannot be re-hashed from the database alone."""
    from django.utils.crypto import salted_hmac

    key = settings.AUDIT_LOG_KEY or salted_hmac("auditlog.key", "v1", algorithm="sha256").hexdigest()
    return key.encode("utf-8")


class ChainHead(models.Model):
    """The chain's one head row: the newest entry's id and hash, updated with each append. Appending
    locks this row (UPDATE first, then the read), so concurrent writers queue here for the moment of an
    insert and the chain cannot fork (#31 item 3: a lock on the newest log row did not serialise them
    under READ COMMITTED)."""

    last_id = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, blank=True)
    appended = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.last_id} {self.hash[:12]}"
