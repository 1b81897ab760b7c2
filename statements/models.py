"""The statement pages every public service publishes, their text kept by the administrator."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


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
    # The tables keep the names they had when the model lived in core (#32: moved without touching data).
    history = HistoricalRecords(table_name="core_historicalstatementpage")

    class Meta:
        db_table = "core_statementpage"
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
