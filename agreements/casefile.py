"""This app's part of a case file (casefiles/exchange.py): the agreement with its parties, signatories,
versions and sections, signatures (not their scans), annexes, notices and disputes."""

from django.db.models import QuerySet

from agreements.models import (
    Agreement,
    AgreementParty,
    Annex,
    AnnexVersion,
    Dispute,
    Notice,
    NoticeDelivery,
    Section,
    Signatory,
    Signature,
    Version,
)
from casefiles.exchange import part


@part(Agreement, identity=("cooperation", "title"))
def agreements(cooperation) -> QuerySet[Agreement]:
    return Agreement.objects.filter(cooperation=cooperation)


@part(AgreementParty, identity=("agreement", "organisation"))
def parties(cooperation) -> QuerySet[AgreementParty]:
    return AgreementParty.objects.filter(agreement__cooperation=cooperation)


@part(Signatory, identity=("party", "name_as_written"))
def signatories(cooperation) -> QuerySet[Signatory]:
    return Signatory.objects.filter(party__agreement__cooperation=cooperation)


@part(Version, identity=("agreement", "number"))
def versions(cooperation) -> QuerySet[Version]:
    return Version.objects.filter(agreement__cooperation=cooperation)


@part(Section, identity=("version", "number"))
def sections(cooperation) -> QuerySet[Section]:
    return Section.objects.filter(version__agreement__cooperation=cooperation)


# A signed scan stays with the installation that received it; the case file says who signed when.
@part(Signature, identity=("version", "signatory"), exclude=("evidence",))
def signatures(cooperation) -> QuerySet[Signature]:
    return Signature.objects.filter(version__agreement__cooperation=cooperation)


@part(Annex, identity=("agreement", "number"))
def annexes(cooperation) -> QuerySet[Annex]:
    return Annex.objects.filter(agreement__cooperation=cooperation)


@part(AnnexVersion, identity=("annex", "number"))
def annex_versions(cooperation) -> QuerySet[AnnexVersion]:
    return AnnexVersion.objects.filter(annex__agreement__cooperation=cooperation)


@part(Notice, identity=("agreement", "from_party", "dated_on"))
def notices(cooperation) -> QuerySet[Notice]:
    return Notice.objects.filter(agreement__cooperation=cooperation)


@part(NoticeDelivery, identity=("notice", "to_party"))
def deliveries(cooperation) -> QuerySet[NoticeDelivery]:
    return NoticeDelivery.objects.filter(notice__agreement__cooperation=cooperation)


@part(Dispute, identity=("agreement", "requested_by", "requested_on"))
def disputes(cooperation) -> QuerySet[Dispute]:
    return Dispute.objects.filter(agreement__cooperation=cooperation)
