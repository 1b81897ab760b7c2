"""Writes to agreements: explicit status moves, signatures (the agreement comes into force with the
last one), termination notices and disputes. Validated in full, atomic, with the actor in the history."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agreements import selectors
from agreements.models import (
    Agreement,
    AgreementParty,
    Dispute,
    Notice,
    NoticeDelivery,
    Signatory,
    Signature,
    Version,
)
from core.writes import Actor, save_validated


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
    agreement = version.agreement
    if version.kind == Version.Kind.ORIGINAL and agreement.status not in (
        Agreement.Status.OUT_FOR_SIGNATURE,
        Agreement.Status.APPROVED,
    ):
        raise ValidationError(_("The agreement is not out for signature."))
    signature = Signature(
        version=version, signatory=signatory, signed_on=signed_on, esignature_reference=esignature_reference
    )
    if evidence is not None:
        signature.evidence = evidence
    save_validated(signature, actor)
    if version.kind == Version.Kind.ORIGINAL:
        _enter_into_force_if_signed(agreement, actor)
    return signature


def _enter_into_force_if_signed(agreement: Agreement, actor: Actor) -> None:
    # In force immediately when all parties have signed (agreement § 11).
    state = selectors.version_states(selectors.load(agreement.pk))[0]
    if state.in_force_from is None:
        return
    if agreement.status == Agreement.Status.APPROVED:
        agreement.move_to(Agreement.Status.OUT_FOR_SIGNATURE)
    agreement.move_to(Agreement.Status.IN_FORCE)
    agreement.in_force_from = state.in_force_from
    save_validated(agreement, actor, "all parties signed")


@transaction.atomic
def give_notice(
    *, agreement: Agreement, from_party: AgreementParty, dated_on: datetime.date, actor: Actor
) -> Notice:
    if agreement.status not in (Agreement.Status.IN_FORCE, Agreement.Status.NOTICE_GIVEN):
        raise ValidationError(_("Only an agreement in force can be terminated."))
    notice = save_validated(Notice(agreement=agreement, from_party=from_party, dated_on=dated_on), actor)
    for party in agreement.parties.exclude(pk=from_party.pk):
        save_validated(NoticeDelivery(notice=notice, to_party=party), actor)
    return notice


@transaction.atomic
def record_delivery(*, delivery: NoticeDelivery, delivered_on: datetime.date, actor: Actor) -> NoticeDelivery:
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
def request_negotiation(*, agreement: Agreement, actor: Actor, **fields: Any) -> Dispute:
    return save_validated(Dispute(agreement=agreement, **fields), actor)
