"""The agenda sent to a body's members with the invitation (kokouskutsu, as the body's rules of
procedure require, Kuntalaki § 90): when the secretary published it, and who."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from decisions.models.meetings import Meeting


class AgendaPublication(models.Model):
    meeting = models.OneToOneField(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_publication"
    )
    published_at = models.DateTimeField(_("agenda published at"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("published agenda")
        verbose_name_plural = _("published agendas")

    def __str__(self) -> str:
        return f"{self.meeting} ({self.published_at:%d.%m.%Y})"
