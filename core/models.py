"""Core's own model: the one-time form token (core.middleware.OnceMiddleware). The use and disclosure
log's model lives in auditlog.models."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


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
