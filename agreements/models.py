"""The cooperation agreement (yhteistyösopimus): parties, versions with their sections, signatories
and signatures, annexes agreed in the steering group, termination notices and disputes."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements import rules, terms
from agreements.evidence import _evidence_path, validate_pdf_scan
from organisations.models import Cooperation, Organisation, Person


class AgreementQuerySet(models.QuerySet["Agreement"]):
    def current_on(self, day: datetime.date) -> AgreementQuerySet:
        """The agreements that have not ended by DAY, oldest first: a cooperation's agreement on DAY is
        the first of them (one being drafted or signed counts, so its rules can be checked). The end
        date is the last day in force (agreement § 11: it ends at the end of a calendar year), so
        an agreement ending on DAY still counts; one ended without a date (never signed) does not."""
        not_ended = Q(ends_on__isnull=True) & ~Q(status=Agreement.Status.ENDED)
        return self.filter(Q(ends_on__gte=day) | not_ended).order_by("pk")


class Agreement(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved")
        OUT_FOR_SIGNATURE = "out_for_signature", _("out for signature")
        IN_FORCE = "in_force", _("in force")
        NOTICE_GIVEN = "notice_given", _("notice given")
        ENDED = "ended", _("ended")

    # The only moves the agreement's life allows; anything else is refused with a clear error.
    TRANSITIONS = {
        Status.DRAFT: {Status.APPROVED},
        Status.APPROVED: {Status.OUT_FOR_SIGNATURE, Status.DRAFT},
        Status.OUT_FOR_SIGNATURE: {Status.IN_FORCE, Status.ENDED},
        Status.IN_FORCE: {Status.NOTICE_GIVEN, Status.ENDED},
        Status.NOTICE_GIVEN: {Status.ENDED},
        Status.ENDED: set(),
    }

    class EndReason(models.TextChoices):
        NOTICE = "notice", _("terminated by notice")
        LAW_REPEALED = "law_repealed", _("Act 381/2023 and Decree 388/2024 repealed")
        REPLACED = "replaced", _("replaced by a new agreement")

    cooperation = models.ForeignKey(
        Cooperation, verbose_name=_("cooperation"), on_delete=models.PROTECT, related_name="agreements"
    )
    title = models.CharField(_("title"), max_length=300)
    copies_stated = models.PositiveSmallIntegerField(
        _("copies stated in the agreement"), null=True, blank=True
    )
    approving_decision = models.ForeignKey(
        "decisions.AgendaItem",
        verbose_name=_("approving decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_agreements",
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    authorised_signer = models.CharField(_("authorised to sign"), max_length=300, blank=True)
    forum_public_law = models.CharField(_("court for public-law disputes"), max_length=200, blank=True)
    forum_civil = models.CharField(_("court for civil disputes"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    in_force_from = models.DateField(_("in force from"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    end_reason = models.CharField(
        _("reason for ending"), max_length=20, choices=EndReason.choices, blank=True
    )
    history = HistoricalRecords()

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("cooperation agreement")
        verbose_name_plural = _("cooperation agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    status__in=["draft", "approved", "out_for_signature", "in_force", "notice_given", "ended"]
                ),
                name="agreement_status_known",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["in_force", "notice_given"]) | Q(in_force_from__isnull=False),
                name="agreement_in_force_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.Status(self.status)]

    def move_to(self, status: str) -> None:
        if not self.can_move_to(status):
            raise ValidationError(
                _("An agreement cannot move from “%(old)s” to “%(new)s”."),
                params={"old": self.get_status_display(), "new": self.Status(status).label},
                code="invalid_transition",
            )
        self.status = status

    @property
    def approval_date(self) -> datetime.date | None:
        if self.approved_on:
            return self.approved_on
        decision = self.approving_decision
        if decision is None:
            return None
        return decision.decided_on or decision.meeting.date


class AgreementParty(models.Model):
    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="parties"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="agreement_parties",
    )
    role_as_written = models.TextField(_("party as written in the agreement"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organisation"],
                name="party_once_per_agreement",
                violation_error_message=_("The organisation is already a party."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class Signatory(models.Model):
    """Who signs for a party, as written; N.N. when the agreement does not yet name the person."""

    party = models.ForeignKey(
        AgreementParty, verbose_name=_("party"), on_delete=models.CASCADE, related_name="signatories"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signatory_roles",
    )
    name_as_written = models.CharField(_("name as written"), max_length=200)
    title_as_written = models.CharField(_("title as written"), max_length=200, blank=True)
    is_placeholder = models.BooleanField(_("not yet named (N.N.)"), default=False)
    # The party's own authorising decision says who signs; it may name only one of those listed.
    must_sign = models.BooleanField(
        _("must sign"),
        default=True,
        help_text=_("The party's authorising decision requires this person's signature."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_placeholder=False) | Q(person__isnull=True), name="placeholder_names_nobody"
            ),
        ]

    def __str__(self) -> str:
        return ", ".join(filter(None, [self.name_as_written, self.title_as_written]))


class Version(models.Model):
    class Kind(models.TextChoices):
        ORIGINAL = "original", _("original agreement")
        AMENDMENT = "amendment", _("amendment")

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    description = models.TextField(_("what changes"), blank=True)
    created_on = models.DateField(_("created on"), default=timezone.localdate)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="version_number_unique"),
            models.CheckConstraint(
                condition=(Q(number=1) & Q(kind="original")) | (Q(number__gt=1) & Q(kind="amendment")),
                name="first_version_is_the_original",
                violation_error_message=_("Version 1 is the original; later versions are amendments."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} v{self.number}"


class Section(models.Model):
    """A numbered section. An amendment version holds only the sections it changes."""

    version = models.ForeignKey(
        Version, verbose_name=_("version"), on_delete=models.CASCADE, related_name="sections"
    )
    number = models.PositiveSmallIntegerField(_("section number"))
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["version", "number"], name="section_once_per_version")]

    def __str__(self) -> str:
        return f"§ {self.number} {self.title}"


class Signature(models.Model):
    version = models.ForeignKey(
        Version, verbose_name=_("version"), on_delete=models.PROTECT, related_name="signatures"
    )
    signatory = models.ForeignKey(
        Signatory, verbose_name=_("signatory"), on_delete=models.PROTECT, related_name="signatures"
    )
    signed_on = models.DateField(_("signed on"))
    evidence = models.FileField(
        _("signed scan (PDF)"), upload_to=_evidence_path, blank=True, validators=[validate_pdf_scan]
    )
    esignature_reference = models.CharField(_("e-signature reference"), max_length=200, blank=True)
    # A PAdES signature validated from the signed PDF (#30): who the certificate names, when it was signed,
    # the certificate's issuer, the validation report, and the digest of the signed file kept in the archive.
    signer_name = models.CharField(_("signer (certificate)"), max_length=300, blank=True)
    signed_at = models.DateTimeField(_("signing time"), null=True, blank=True)
    certificate_issuer = models.CharField(_("certificate issuer"), max_length=500, blank=True)
    validation_report = models.JSONField(_("validation report"), default=dict, blank=True)
    signed_pdf_sha256 = models.CharField(
        _("SHA-256 of the signed PDF"),
        max_length=64,
        blank=True,
        validators=[RegexValidator(r"^[0-9a-f]{64}$", _("A SHA-256 digest is 64 hexadecimal digits."))],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["signed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "signatory"],
                name="signs_a_version_once",
                violation_error_message=_("This signatory has already signed this version."),
            ),
            models.CheckConstraint(
                condition=~Q(evidence="") | ~Q(esignature_reference="") | ~Q(signed_pdf_sha256=""),
                name="signature_has_evidence",
                violation_error_message=_("Attach the signed scan or give the e-signature reference."),
            ),
            # A validated PAdES signature carries all of its facts; a scan or a reference none of them.
            models.CheckConstraint(
                condition=Q(
                    signed_pdf_sha256="", signer_name="", certificate_issuer="", signed_at__isnull=True
                )
                | (
                    ~Q(signed_pdf_sha256="")
                    & ~Q(signer_name="")
                    & ~Q(certificate_issuer="")
                    & Q(signed_at__isnull=False)
                    & Q(validation_report__has_key="ok")
                ),
                name="pades_signature_complete",
                violation_error_message=_(
                    "A validated e-signature names its signer, signing time, certificate issuer and report."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.signatory} {self.signed_on:%d.%m.%Y}"

    def clean(self) -> None:
        rules.check_signature(self)

    @property
    def is_validated(self) -> bool:
        """Validated from a PAdES-signed PDF, not only recorded from a scan or a reference."""
        return bool(self.signed_pdf_sha256)


class Annex(models.Model):
    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="annexes"
    )
    number = models.PositiveSmallIntegerField(_("annex number"))
    title = models.CharField(_("title"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("annex")
        verbose_name_plural = _("annexes")
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["agreement", "number"], name="agreement_annex_unique")]

    def __str__(self) -> str:
        return f"{_('Annex')} {self.number}: {self.title}"


class AnnexVersion(models.Model):
    """Annexes are updated by agreement in the steering group (§ 11: no re-signing)."""

    annex = models.ForeignKey(
        Annex, verbose_name=_("annex"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("text or summary"), blank=True)
    agreed_in = models.ForeignKey(
        "decisions.AgendaItem",
        verbose_name=_("steering group decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreed_annexes",
    )
    agreed_on = models.DateField(_("agreed on"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("annex version")
        verbose_name_plural = _("annex versions")
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["annex", "number"], name="annex_version_unique")]

    def __str__(self) -> str:
        return f"{self.annex} v{self.number}"


class Notice(models.Model):
    """A termination notice from one party, delivered in writing to every other party (§ 11)."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.PROTECT, related_name="notices"
    )
    from_party = models.ForeignKey(
        AgreementParty,
        verbose_name=_("party giving notice"),
        on_delete=models.PROTECT,
        related_name="notices_given",
    )
    dated_on = models.DateField(_("dated"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("termination notice")
        verbose_name_plural = _("termination notices")
        ordering = ["dated_on"]

    def __str__(self) -> str:
        return f"{self.from_party} {self.dated_on:%d.%m.%Y}"

    def delivered_on(self, deliveries=None) -> datetime.date | None:
        rows = deliveries if deliveries is not None else list(self.deliveries.all())
        return terms.notice_delivered_on(d.delivered_on for d in rows)

    def end_date(self, deliveries=None) -> datetime.date | None:
        delivered = self.delivered_on(deliveries)
        return terms.termination_end_date(delivered) if delivered else None


class NoticeDelivery(models.Model):
    notice = models.ForeignKey(
        Notice, verbose_name=_("notice"), on_delete=models.CASCADE, related_name="deliveries"
    )
    to_party = models.ForeignKey(
        AgreementParty,
        verbose_name=_("delivered to"),
        on_delete=models.PROTECT,
        related_name="notices_received",
    )
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delivery of a notice")
        verbose_name_plural = _("deliveries of notices")
        constraints = [
            models.UniqueConstraint(fields=["notice", "to_party"], name="notice_delivered_once_per_party"),
        ]

    def __str__(self) -> str:
        return f"{self.notice} → {self.to_party}"


class Dispute(models.Model):
    class Kind(models.TextChoices):
        PUBLIC_LAW = "public_law", _("public-law dispute (administrative court)")
        CIVIL = "civil", _("civil dispute (district court)")

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.PROTECT, related_name="disputes"
    )
    requested_by = models.ForeignKey(
        AgreementParty,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="disputes_raised",
    )
    requested_to = models.ForeignKey(
        AgreementParty,
        verbose_name=_("requested to"),
        on_delete=models.PROTECT,
        related_name="disputes_received",
    )
    requested_on = models.DateField(_("written negotiation request delivered on"))
    subject = models.TextField(_("subject"), blank=True)
    kind = models.CharField(_("kind of dispute"), max_length=12, choices=Kind.choices)
    outcome = models.TextField(_("outcome"), blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
        ordering = ["-requested_on"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(requested_by=models.F("requested_to")),
                name="dispute_between_two",
                violation_error_message=_("A negotiation request goes to another party."),
            ),
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True) | Q(resolved_on__gte=models.F("requested_on")),
                name="dispute_resolved_after_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requested_by} → {self.requested_to} {self.requested_on:%d.%m.%Y}"

    @property
    def day_60(self) -> datetime.date:
        return terms.negotiation_day_60(self.requested_on)

    @property
    def court_from(self) -> datetime.date:
        return terms.court_from(self.requested_on)

    @property
    def forum(self) -> str:
        agreement = self.agreement
        return agreement.forum_public_law if self.kind == self.Kind.PUBLIC_LAW else agreement.forum_civil


# The rules' citations and the parties' approving decisions (#26 items 5 and 6), in a module of
# their own to keep this one readable.
from agreements.cited import PartyApproval, TopicSection  # noqa: E402, F401
