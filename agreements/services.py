"""Writes to agreements: explicit status moves, signatures (the agreement comes into force with the
last one), termination notices and disputes. Validated in full, atomic, with the actor in the history."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements import evidence, pades, selectors, signers
from agreements.models import (
    Agreement,
    AgreementParty,
    Dispute,
    Notice,
    NoticeDelivery,
    PartyApproval,
    Section,
    Signatory,
    Signature,
    TopicSection,
    Version,
)
from core.writes import Actor, save_validated, update_fields
from decisions.models import AgendaItem
from organisations.models import Cooperation, Person


@transaction.atomic
def record_signature(
    *,
    version: Version,
    signatory: Signatory,
    signed_on: datetime.date,
    actor: Actor,
    evidence: Any = None,
    esignature_reference: str = "",
) -> Signature:
    agreement = _signable(version)
    if signatory.party.agreement_id != agreement.pk:
        raise ValidationError({"signatory": _("The signatory signs for a party of another agreement.")})
    if not signatory.must_sign:
        raise ValidationError(
            {"signatory": _("The party has not marked this signatory as one who must sign.")}
        )
    signature = Signature(
        version=version, signatory=signatory, signed_on=signed_on, esignature_reference=esignature_reference
    )
    if evidence is not None:
        signature.evidence = evidence
    save_validated(signature, actor)
    if version.kind == Version.Kind.ORIGINAL:
        _enter_into_force_if_signed(agreement, actor)
    return signature


def _signable(version: Version) -> Agreement:
    """VERSION's agreement, locked, when VERSION may be signed now."""
    agreement = Agreement.objects.select_for_update().get(pk=version.agreement_id)
    if version.kind == Version.Kind.ORIGINAL and agreement.status != Agreement.Status.OUT_FOR_SIGNATURE:
        raise ValidationError(_("The agreement is not out for signature."))
    if version.kind == Version.Kind.AMENDMENT and agreement.status not in (
        Agreement.Status.IN_FORCE,
        Agreement.Status.NOTICE_GIVEN,
    ):
        raise ValidationError(_("An amendment is signed while the agreement is in force."))
    return agreement


@transaction.atomic
def record_pades_signatures(
    *, version: Version, data: bytes, acting_for: list[AgreementParty], actor: Actor
) -> list[Signature]:
    """Record each signature of DATA, a PDF signed with PAdES (#30), once it is validated against the
    version's signing copy (agreements.pades) and matched to its signatory (agreements.signers); all or
    nothing. ACTING_FOR are the uploader's parties: the file must carry one of their signatures."""
    agreement = _signable(version)
    if version.kind != Version.Kind.ORIGINAL:  # only the original's signing copy carries its fingerprint
        raise ValidationError(
            {
                "version": _(
                    "A signed PDF is accepted for the original agreement only; record an amendment's "
                    "signature with its reference."
                )
            }
        )
    evidence.check_signed_pdf(data)
    report = pades.validate(data, expected=pades.signing_copy(agreement))
    problems = [str(p) for p in report.problems]
    problems += [f"{s.field_name}: {p}" for s in report.signatures for p in s.problems]
    everyone = Signatory.objects.filter(party__agreement=agreement).select_related(
        "party__organisation", "person"
    )
    matched = []
    for signer in [] if problems else report.signatures:
        found = signers.match(signer, everyone)
        if isinstance(found, pades.Problem):
            problems.append(f"{signer.field_name}: {found}")
        else:
            matched.append((signer, found))
    if problems:
        raise ValidationError({"signed_pdf": problems})
    if not {s.party_id for _signer, s in matched} & {p.pk for p in acting_for}:
        raise ValidationError({"signed_pdf": _("The file carries no signature of a party you act for.")})
    done = set(version.signatures.values_list("signatory_id", flat=True))
    recorded = []
    for signer, signatory in matched:
        if signatory.pk in done or signer.signing_time is None:
            continue
        signature = Signature(
            version=version,
            signatory=signatory,
            signed_on=timezone.localdate(signer.signing_time),
            signer_name=signer.signer_name,
            signed_at=signer.signing_time,
            certificate_issuer=signer.issuer,
            validation_report={**report.as_json(), "field_name": signer.field_name},
            signed_pdf_sha256=report.sha256,
        )
        recorded.append(save_validated(signature, actor, "e-signature validated"))
        done.add(signatory.pk)
    if not recorded:
        raise ValidationError({"signed_pdf": _("Every signature in the file has already been recorded.")})
    if version.kind == Version.Kind.ORIGINAL:
        _enter_into_force_if_signed(agreement, actor)
    return recorded


def _enter_into_force_if_signed(agreement: Agreement, actor: Actor) -> None:
    # In force immediately when all parties have signed (agreement § 11).
    state = selectors.version_states(selectors.load(agreement.pk))[0]
    if state.in_force_from is None or agreement.status != Agreement.Status.OUT_FOR_SIGNATURE:
        return
    agreement.move_to(Agreement.Status.IN_FORCE)
    agreement.in_force_from = state.in_force_from
    save_validated(agreement, actor, "all parties signed")


@transaction.atomic
def give_notice(
    *, agreement: Agreement, from_party: AgreementParty, dated_on: datetime.date, actor: Actor
) -> Notice:
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status not in (Agreement.Status.IN_FORCE, Agreement.Status.NOTICE_GIVEN):
        raise ValidationError(_("Only an agreement in force can be terminated."))
    same = agreement.notices.filter(from_party=from_party, dated_on=dated_on).first()
    if same is not None:  # the same form sent twice: already done
        return same
    notice = save_validated(Notice(agreement=agreement, from_party=from_party, dated_on=dated_on), actor)
    for party in agreement.parties.exclude(pk=from_party.pk):
        save_validated(NoticeDelivery(notice=notice, to_party=party), actor)
    return notice


@transaction.atomic
def record_delivery(*, delivery: NoticeDelivery, delivered_on: datetime.date, actor: Actor) -> NoticeDelivery:
    Agreement.objects.select_for_update().get(pk=delivery.notice.agreement_id)  # one move at a time
    delivery = NoticeDelivery.objects.select_related("notice__agreement").get(pk=delivery.pk)
    if delivery.delivered_on:
        raise ValidationError(_("The delivery has already been recorded."))
    if delivered_on < delivery.notice.dated_on:
        raise ValidationError(_("A notice cannot be delivered before it is dated."))
    delivery.delivered_on = delivered_on
    save_validated(delivery, actor)
    notice = delivery.notice
    agreement = notice.agreement
    end = notice.end_date()
    if end and agreement.status == Agreement.Status.IN_FORCE:
        agreement.move_to(Agreement.Status.NOTICE_GIVEN)
        agreement.ends_on, agreement.end_reason = end, Agreement.EndReason.NOTICE
        save_validated(agreement, actor, "notice delivered to every party")
    return delivery


@transaction.atomic
def law_repealed(*, agreement: Agreement, on: datetime.date, actor: Actor) -> Agreement:
    """The agreement ends if Act 381/2023 and Decree 388/2024 are repealed (agreement § 11)."""
    agreement.move_to(Agreement.Status.ENDED)
    agreement.ends_on, agreement.end_reason = on, Agreement.EndReason.LAW_REPEALED
    return save_validated(agreement, actor, "law repealed")


@transaction.atomic
def end_if_due(*, agreement: Agreement, today: datetime.date, actor: Actor) -> bool:
    """Move an agreement whose notice period has run out to ended (for the daily job)."""
    if agreement.status == Agreement.Status.NOTICE_GIVEN and agreement.ends_on and today > agreement.ends_on:
        agreement.move_to(Agreement.Status.ENDED)
        save_validated(agreement, actor, "notice period ended")
        return True
    return False


@transaction.atomic
def request_negotiation(
    *,
    agreement: Agreement,
    actor: Actor,
    requested_by: AgreementParty,
    requested_to: AgreementParty,
    requested_on: datetime.date,
    kind: str,
    subject: str = "",
) -> Dispute:
    Agreement.objects.select_for_update().get(pk=agreement.pk)
    dispute = Dispute(
        agreement=agreement,
        requested_by=requested_by,
        requested_to=requested_to,
        requested_on=requested_on,
        kind=kind,
        subject=subject,
    )
    same = agreement.disputes.filter(
        requested_by=requested_by,
        requested_to=requested_to,
        requested_on=requested_on,
        kind=kind,
        subject=subject,
    ).first()
    if same is not None:  # the same request sent twice: already done
        return same
    return save_validated(dispute, actor)


# The agreement's life before it is in force: drafted, approved by the employment authority's decision,
# sent out, signed. Every move goes through Agreement.move_to, which refuses moves TRANSITIONS lacks.

EDITABLE = (Agreement.Status.DRAFT, Agreement.Status.APPROVED, Agreement.Status.OUT_FOR_SIGNATURE)


@transaction.atomic
def create_agreement(
    *,
    cooperation: Cooperation,
    actor: Actor,
    title: str,
    authorised_signer: str = "",
    copies_stated: int | None = None,
    forum_public_law: str = "",
    forum_civil: str = "",
) -> Agreement:
    """A draft agreement with the cooperation's current participants as its parties and version 1."""
    agreement = Agreement(
        cooperation=cooperation,
        title=title,
        authorised_signer=authorised_signer,
        copies_stated=copies_stated,
        forum_public_law=forum_public_law,
        forum_civil=forum_civil,
    )
    save_validated(agreement, actor)
    for order, organisation in enumerate(cooperation.parties().order_by("kind", "name_fi"), start=1):
        save_validated(AgreementParty(agreement=agreement, organisation=organisation, order=order), actor)
    save_validated(Version(agreement=agreement, number=1, kind=Version.Kind.ORIGINAL), actor)
    return agreement


def _locked(agreement: Agreement) -> Agreement:
    return Agreement.objects.select_for_update().get(pk=agreement.pk)


@transaction.atomic
def add_section(*, agreement: Agreement, number: int, title: str, text: str, actor: Actor) -> Section:
    """A section of the original text: written while the agreement is a draft only."""
    agreement = _locked(agreement)
    if agreement.status != Agreement.Status.DRAFT:
        raise ValidationError(_("The text is changed only in a draft; later, propose an amendment."))
    version = agreement.versions.get(number=1)
    if version.sections.filter(number=number).exists():
        raise ValidationError({"number": _("The agreement already has a section with this number.")})
    return save_validated(Section(version=version, number=number, title=title, text=text), actor)


@transaction.atomic
def add_signatory(
    *,
    party: AgreementParty,
    actor: Actor,
    name_as_written: str,
    title_as_written: str = "",
    person: Person | None = None,
    must_sign: bool = True,
) -> Signatory:
    agreement = _locked(party.agreement)
    if agreement.status not in EDITABLE:
        raise ValidationError(_("Signatories are named before the agreement is in force."))
    signatory = Signatory(
        party=party,
        name_as_written=name_as_written,
        title_as_written=title_as_written,
        person=person,
        must_sign=must_sign,
    )
    return save_validated(signatory, actor)


@transaction.atomic
def set_must_sign(*, signatory: Signatory, must_sign: bool, actor: Actor) -> Signatory:
    """The party marks whether its authorising decision requires this signatory's signature."""
    agreement = _locked(signatory.party.agreement)
    if agreement.status not in EDITABLE:
        raise ValidationError(_("Signatories are named before the agreement is in force."))
    if not must_sign and signatory.signatures.exists():
        raise ValidationError(_("This signatory has already signed."))
    signatory.must_sign = must_sign
    return save_validated(signatory, actor)


@transaction.atomic
def approve(*, agreement: Agreement, decision: AgendaItem, actor: Actor) -> Agreement:
    """Record the employment authority's decision approving the draft; it is also that party's own
    approving decision (PartyApproval) unless the party has recorded one."""
    agreement = _locked(agreement)
    errors = []
    if decision.body.area.cooperation_id != agreement.cooperation_id:
        errors.append(_("The decision was made in another cooperation."))
    if decision.outcome not in (AgendaItem.Outcome.AS_PROPOSED, AgendaItem.Outcome.AMENDED):
        errors.append(_("The decision did not approve anything: its outcome is not approval."))
    if not agreement.versions.get(number=1).sections.exists():
        errors.append(_("The draft has no text yet."))
    if errors:
        raise ValidationError({"decision": errors})
    agreement.move_to(Agreement.Status.APPROVED)
    agreement.approving_decision = decision
    agreement.approved_on = decision.decided_on or decision.meeting.date
    save_validated(agreement, actor, "approved")
    authority = decision.body.area.employment_authority_id
    party = (
        agreement.parties.filter(organisation_id=authority, approval__isnull=True).first()
        if authority is not None
        else None
    )
    if party is not None:
        save_validated(
            PartyApproval(
                party=party,
                body=decision.body.name_fi,
                decided_on=agreement.approved_on,
                section=decision.section,
            ),
            actor,
        )
    return agreement


@transaction.atomic
def back_to_draft(*, agreement: Agreement, actor: Actor) -> Agreement:
    agreement = _locked(agreement)
    agreement.move_to(Agreement.Status.DRAFT)
    agreement.approving_decision, agreement.approved_on = None, None
    return save_validated(agreement, actor, "back to draft")


@transaction.atomic
def send_for_signature(*, agreement: Agreement, actor: Actor) -> Agreement:
    """Send the approved agreement out; each party must first list who must sign for it (a signatory
    not yet named, N.N., may be named before signing)."""
    agreement = _locked(agreement)
    agreement.move_to(Agreement.Status.OUT_FOR_SIGNATURE)
    unnamed = [
        str(party)
        for party in agreement.parties.select_related("organisation")
        if not party.signatories.filter(must_sign=True).exists()
    ]
    if unnamed:
        raise ValidationError(
            _("These parties have not named who must sign for them: %(parties)s.")
            % {"parties": ", ".join(unnamed)}
        )
    return save_validated(agreement, actor, "out for signature")


@transaction.atomic
def propose_amendment(
    *, agreement: Agreement, description: str, sections: list[tuple[int, str, str]], actor: Actor
) -> Version:
    """An amendment is a new version holding the sections it changes; void until every party signs
    it (agreement § 11)."""
    agreement = _locked(agreement)
    if agreement.status not in (Agreement.Status.IN_FORCE, Agreement.Status.NOTICE_GIVEN):
        raise ValidationError(_("Only an agreement in force can be amended."))
    if not sections:
        raise ValidationError({"section_text": _("An amendment changes at least one section.")})
    last = agreement.versions.order_by("-number").first()
    version = save_validated(
        Version(
            agreement=agreement,
            number=(last.number if last else 0) + 1,
            kind=Version.Kind.AMENDMENT,
            description=description,
        ),
        actor,
    )
    for number, title, text in sections:
        save_validated(Section(version=version, number=number, title=title, text=text), actor)
    return version


# What the rules cite (#26 items 5 and 6): the section of each topic, and each party's own approval.


@transaction.atomic
def record_approval(
    *,
    party: AgreementParty,
    body: str,
    decided_on: datetime.date,
    actor: Actor,
    section: str = "",
    reference: str = "",
) -> PartyApproval:
    """Record (or correct) the decision by which PARTY approved the agreement: its own deciding body,
    the day, the section and the reference or diary number."""
    _locked(party.agreement)
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("A decision cannot be dated in the future.")})
    data = {"body": body, "decided_on": decided_on, "section": section, "reference": reference}
    approval = PartyApproval.objects.filter(party=party).first()
    if approval is None:
        return save_validated(PartyApproval(party=party, **data), actor)
    update_fields(approval, actor=actor, allowed=data, data=data, reason="approval corrected")
    return approval


@transaction.atomic
def set_topic_section(*, agreement: Agreement, topic: str, section_number: int, actor: Actor) -> TopicSection:
    """Record which of the agreement's sections holds TOPIC; the section must be in its text."""
    agreement = _locked(agreement)
    written = Section.objects.filter(version__agreement=agreement, number=section_number)
    if not written.exists():
        raise ValidationError({"section_number": _("The agreement has no section with this number.")})
    found = TopicSection.objects.filter(agreement=agreement, topic=topic).first()
    if found is None:
        return save_validated(
            TopicSection(agreement=agreement, topic=topic, section_number=section_number), actor
        )
    update_fields(found, actor=actor, allowed=["section_number"], data={"section_number": section_number})
    return found
