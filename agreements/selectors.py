"""Where an agreement stands: each version's signatures, who still has to sign, notices and their
end dates, loaded with a fixed number of queries."""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch, QuerySet

from agreements import terms
from agreements.models import (
    Agreement,
    AgreementParty,
    AnnexVersion,
    Dispute,
    Notice,
    NoticeDelivery,
    PartyApproval,
    Section,
    Signatory,
    Signature,
    Version,
)
from core.queries import prefetched


@dataclass
class PartyProgress:
    party: AgreementParty
    signatories: list[Signatory]  # those the party's decision requires to sign
    signed: list[Signature]  # signatures of this version
    missing: list[Signatory]  # required signatories who have not signed (placeholders included)

    @property
    def complete(self) -> bool:
        return bool(self.signatories) and not self.missing


@dataclass
class VersionState:
    version: Version
    parties: list[PartyProgress]
    in_force_from: datetime.date | None
    changes: list = field(default_factory=list)  # (section, diff lines) for amendments

    @property
    def void(self) -> bool:
        """An amendment not signed by every party is void (agreement § 11)."""
        return self.version.kind == Version.Kind.AMENDMENT and self.in_force_from is None


def load(agreement_id: int) -> Agreement:
    return loaded(Agreement.objects.all()).get(pk=agreement_id)


def ensure_loaded(agreement: Agreement) -> Agreement:
    """AGREEMENT as load() gives it: itself when a page has loaded it so already."""
    if prefetched(agreement, "disputes"):  # loaded() asks for it; signing() does not
        return agreement
    return load(agreement.pk)


def signing(agreements: QuerySet[Agreement]) -> QuerySet[Agreement]:
    """AGREEMENTS with what version_states() reads (parties, signatories, versions, sections,
    signatures), each party's approving decision and the sections of the cited topics: whether each
    version is in force. Enough for the AG- rules and the reminders to
    sign, without the annexes, notices and disputes a page shows (#15). Each level's own
    references come joined (select_related), not as a query of their own."""
    return agreements.select_related("cooperation", "approving_decision__meeting").prefetch_related(
        # each party's own approving decision comes joined (one to one): no query of its own
        Prefetch("parties", AgreementParty.objects.select_related("organisation", "approval")),
        "topic_sections",
        Prefetch("parties__signatories", Signatory.objects.select_related("person")),
        "versions__sections",
        Prefetch("versions__signatures", Signature.objects.select_related("signatory")),
    )


def loaded(agreements: QuerySet[Agreement]) -> QuerySet[Agreement]:
    """AGREEMENTS with everything the functions below read, in a fixed number of queries however many."""
    return signing(agreements).prefetch_related(
        Prefetch("annexes__versions", AnnexVersion.objects.select_related("agreed_in")),
        Prefetch("notices", Notice.objects.select_related("from_party__organisation")),
        Prefetch("notices__deliveries", NoticeDelivery.objects.select_related("to_party__organisation")),
        Prefetch(
            "disputes",
            Dispute.objects.select_related("requested_by__organisation", "requested_to__organisation"),
        ),
    )


def version_states(agreement: Agreement) -> list[VersionState]:
    parties = list(agreement.parties.all())
    states = []
    effective: dict[int, Section] = {}
    for version in agreement.versions.all():
        by_signatory = {s.signatory_id: s for s in version.signatures.all()}
        progress = []
        for party in parties:
            listed = list(party.signatories.all())
            signatories = [s for s in listed if s.must_sign]
            signed = [by_signatory[s.pk] for s in listed if s.pk in by_signatory]
            missing = [s for s in signatories if s.pk not in by_signatory]
            progress.append(PartyProgress(party, signatories, signed, missing))
        in_force = terms.in_force_from(
            {
                p.party.pk: (
                    [s.signed_on for s in p.signed if s.signatory.must_sign] if p.complete else [None]
                )
                for p in progress
            }
        )
        changes = []
        for section in version.sections.all():
            previous = effective.get(section.number)
            if version.kind == Version.Kind.AMENDMENT:
                before = previous.text.splitlines() if previous else []
                diff = list(difflib.unified_diff(before, section.text.splitlines(), lineterm="", n=1))[2:]
                changes.append((section, previous, diff))
            effective[section.number] = section
        states.append(VersionState(version, progress, in_force, changes))
    return states


def effective_sections(agreement: Agreement) -> list[Section]:
    """The text in force: the original sections, replaced by those of every amendment signed by all."""
    result: dict[int, Section] = {}
    for state in version_states(agreement):
        if state.version.kind == Version.Kind.ORIGINAL or state.in_force_from:
            for section in state.version.sections.all():
                result[section.number] = section
    return [result[n] for n in sorted(result)]


def notice_states(agreement: Agreement) -> list[dict]:
    rows = []
    for notice in agreement.notices.all():
        deliveries = list(notice.deliveries.all())
        rows.append(
            {
                "notice": notice,
                "deliveries": deliveries,
                "delivered_on": notice.delivered_on(deliveries),
                "end_date": notice.end_date(deliveries),
            }
        )
    return rows


def approval_of(party: AgreementParty) -> PartyApproval | None:
    """The party's own approving decision, or None when it has not recorded one (joined by signing())."""
    try:
        return party.approval
    except ObjectDoesNotExist:
        return None


def topic_sections(agreement: Agreement) -> dict[str, int]:
    """The section holding each topic the agreement maps (prefetched by signing())."""
    return {row.topic: row.section_number for row in agreement.topic_sections.all()}


@dataclass
class Approvals:
    recorded: list[tuple[AgreementParty, PartyApproval]]
    missing: list[AgreementParty]


def approvals(agreement: Agreement) -> Approvals:
    """Which parties have recorded their approving decision and which have not, in the parties' order."""
    result = Approvals([], [])
    for party in agreement.parties.all():
        approval = approval_of(party)
        if approval is None:
            result.missing.append(party)
        else:
            result.recorded.append((party, approval))
    return result
