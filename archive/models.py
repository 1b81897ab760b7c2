"""One archived document: a PDF/A copy with its records metadata (the information management plan's
fields under the Act on Information Management in Public Administration 906/2019 § 15): the case it
belongs to, its publicity and, when not public, the legal basis of secrecy (Act 621/1999), how long it
is kept and where it is in its life. Every change is kept in its history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisations.models import Cooperation


def archive_path(document: ArchivedDocument, filename: str) -> str:
    return f"archive/{document.cooperation_id}/{timezone.now():%Y}/{filename}"


class ArchivedDocument(models.Model):
    class Kind(models.TextChoices):
        AGENDA = "agenda", _("agenda")
        MINUTES = "minutes", _("minutes")
        EXTRACT = "extract", _("extract from the minutes")
        AGREEMENT = "agreement", _("agreement with its signature pages")
        ANNEX = "annex", _("annex")
        REPORT = "report", _("report")

    class Publicity(models.TextChoices):
        PUBLIC = "public", _("public")
        PARTLY = "partly_secret", _("partly secret")
        SECRET = "secret", _("secret")

    class Audience(models.TextChoices):
        # Who among the cooperation's people may open it (agreement § 8: shared with the members).
        EVERYONE = "everyone", _("everyone who sees the cooperation, steering-group members included")
        PARTIES = "parties", _("the parties' editors and the secretaries")
        SECRETARIES = "secretaries", _("the secretaries only")

    class Status(models.TextChoices):
        ACTIVE = "active", _("in use")
        CLOSED = "closed", _("case closed, kept")
        TRANSFERRED = "transferred", _("transferred to permanent keeping")
        DESTROYED = "destroyed", _("destroyed after its retention period")

    cooperation = models.ForeignKey(
        Cooperation, verbose_name=_("cooperation"), on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    case = models.CharField(
        _("case"), max_length=200, help_text=_("The case the document belongs to, e.g. its record number.")
    )
    publicity = models.CharField(_("publicity"), max_length=20, choices=Publicity.choices)
    secrecy_basis = models.CharField(
        _("legal basis of secrecy"),
        max_length=300,
        blank=True,
        help_text=_("E.g. JulkL 621/1999 § 24 (1) 25. Required unless the document is public."),
    )
    retention_years = models.PositiveSmallIntegerField(
        _("retention period (years)"), null=True, blank=True, help_text=_("Empty when kept permanently.")
    )
    permanent = models.BooleanField(_("kept permanently"), default=False)
    status = models.CharField(
        _("archive status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    audience = models.CharField(_("shared with"), max_length=20, choices=Audience.choices)
    source = models.CharField(_("made from"), max_length=60, blank=True, editable=False)
    # An uploaded annex names the decision's annex it is the file of: the meeting pack appends it
    # to the agenda (decisions/packs.py, archive/packs.py).
    annex = models.ForeignKey(
        "decisions.Annex",
        verbose_name=_("annex of a decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="archived_copies",
    )
    file = models.FileField(_("file"), upload_to=archive_path, max_length=300, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"), editable=False)
    pdf_variant = models.CharField(_("PDF variant"), max_length=20, editable=False)
    archived_at = models.DateTimeField(_("archived at"), default=timezone.now, editable=False)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("archived by"),
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("archived document")
        verbose_name_plural = _("archived documents")
        ordering = ["-archived_at", "-pk"]
        constraints = [
            # Not public: the law that makes it secret is named (JulkL 621/1999 § 25 (3)); public: none.
            models.CheckConstraint(
                condition=Q(publicity="public", secrecy_basis="")
                | (Q(publicity__in=["partly_secret", "secret"]) & ~Q(secrecy_basis="")),
                name="archive_secrecy_basis_when_not_public",
                violation_error_message=_(
                    "Name the legal basis of secrecy for a document that is not public, and none for a "
                    "public one."
                ),
            ),
            # A retention period of some years, or permanent keeping: one, never both or neither.
            models.CheckConstraint(
                condition=Q(permanent=True, retention_years__isnull=True)
                | Q(
                    permanent=False,
                    retention_years__isnull=False,
                    retention_years__gte=1,
                    retention_years__lte=120,
                ),
                name="archive_retention_years_or_permanent",
                violation_error_message=_(
                    "Give a retention period of 1 to 120 years, or mark the document kept permanently."
                ),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["agenda", "minutes", "extract", "agreement", "annex", "report"]),
                name="archive_known_kind",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["active", "closed", "transferred", "destroyed"]),
                name="archive_known_status",
            ),
            models.CheckConstraint(
                condition=Q(audience__in=["everyone", "parties", "secretaries"]),
                name="archive_known_audience",
            ),
            models.CheckConstraint(
                condition=Q(annex__isnull=True) | Q(kind="annex"),
                name="archive_annex_file_is_an_annex",
                violation_error_message=_("Only an annex is the file of a decision's annex."),
            ),
            models.CheckConstraint(
                condition=~Q(case=""),
                name="archive_has_case",
                violation_error_message=_("Name the case the document belongs to."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"
