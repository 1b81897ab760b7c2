"""Personal API tokens: a user's own key for an integration, with scopes. Only a SHA-256 digest of the
key is stored; the key itself is shown once, when it is made. A token carries exactly the rights of
its user at the time of each request (organisations.access), never more, and a `read` token cannot
write even when its user could."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PREFIX = "tym_"


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self) -> ApiTokenQuerySet:
        today = timezone.localdate()
        return self.filter(revoked_at__isnull=True, user__is_active=True).filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=today)
        )


class ApiToken(models.Model):
    class Scope(models.TextChoices):
        READ = "read", _("read")
        WRITE = "read write", _("read and write")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    key_digest = models.CharField(_("key digest"), max_length=64, unique=True, editable=False)
    hint = models.CharField(_("key begins"), max_length=12, editable=False)
    scopes = models.CharField(_("scopes"), max_length=20, choices=Scope.choices, default=Scope.READ)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    expires_on = models.DateField(_("expires on"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(scopes__in=["read", "read write"]), name="api_token_scopes"),
            models.CheckConstraint(condition=~Q(key_digest=""), name="api_token_has_digest"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @property
    def may_write(self) -> bool:
        return "write" in self.scopes.split()

    @property
    def usable(self) -> bool:
        return self.revoked_at is None and self.user.is_active and self.expires_on >= timezone.localdate()

    @classmethod
    def new_key(cls) -> str:
        return PREFIX + secrets.token_urlsafe(32)
