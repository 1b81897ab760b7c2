"""The cooperation's own agreement as the rules cite it, and each party's own approving decision, in the
steering group's compliance report (#26 items 5 and 6).

- The citations of every rule are made from the sections this agreement records for its topics
  (TopicSection); a topic it does not map is cited without a number, and AG-CITATIONS says so.
- Every party approves the agreement by a decision of its own (PartyApproval); AG-APPROVALS names the
  parties that have not recorded it once the agreement has been approved, and AG-APPROVAL-BEFORE-SIGNING
  a signature dated before its own party's approval.
"""

from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements import selectors
from agreements.consistency_rules import agreement_of
from agreements.models import Agreement
from governance.citations import AgreementFacts, Cite, Topic, provides_agreement
from governance.compliance import GroupFacts, Severity, rule


@provides_agreement
def _agreement_facts(facts: GroupFacts) -> AgreementFacts | None:
    """The sections and approvals of the group's current agreement, read from the agreement the rules
    loaded (no query of its own once it is loaded)."""
    agreement = agreement_of(facts)
    if agreement is None:
        return None
    recorded = selectors.approvals(agreement).recorded
    return AgreementFacts(selectors.topic_sections(agreement), tuple(str(a) for _p, a in recorded))


def _written_numbers(agreement: Agreement) -> set[int]:
    return {s.number for v in agreement.versions.all() for s in v.sections.all()}


@rule(
    "AG-CITATIONS",
    gettext_lazy("The agreement records the section of each topic the rules cite"),
    citation="VNA 388/2024 (yhteistyösopimus)",
    severity=Severity.WARNING,
)
def every_cited_topic_has_its_section(facts: GroupFacts) -> Iterator[str]:
    agreement = agreement_of(facts)
    if agreement is None:
        return
    sections = selectors.topic_sections(agreement)
    written = _written_numbers(agreement)
    unmapped = [str(topic.label) for topic in Topic if topic.value not in sections]
    if unmapped:
        yield _(
            "The agreement does not record which of its sections covers %(topics)s: the rules cite "
            "them without a section number."
        ) % {"topics": ", ".join(unmapped)}
    for topic in Topic:
        if topic.value in sections and written and sections[topic.value] not in written:
            yield _("§ %(number)s, recorded as the section on %(topic)s, is not in the agreement's text.") % {
                "number": sections[topic.value],
                "topic": topic.label,
            }


@rule(
    "AG-APPROVALS",
    gettext_lazy("Every party has recorded its decision approving the agreement"),
    citation=Cite(topics=(Topic.SIGNATURES,)),
    severity=Severity.WARNING,
)
def every_party_has_recorded_its_approval(facts: GroupFacts) -> Iterator[str]:
    agreement = agreement_of(facts)
    if agreement is None or agreement.status == Agreement.Status.DRAFT:
        return  # a draft is still to be approved: nobody's decision is missing yet
    for party in selectors.approvals(agreement).missing:
        yield _("%(party)s has not recorded its decision approving the agreement.") % {
            "party": party.organisation
        }


@rule(
    "AG-APPROVAL-BEFORE-SIGNING",
    gettext_lazy("Each party signs after its own approving decision"),
    citation=Cite(topics=(Topic.SIGNATURES,), approvals=True),
    severity=Severity.ERROR,
)
def signed_after_the_partys_approval(facts: GroupFacts) -> Iterator[str]:
    agreement = agreement_of(facts)
    if agreement is None:
        return
    for state in selectors.version_states(agreement)[:1]:
        for progress in state.parties:
            approval = selectors.approval_of(progress.party)
            if approval is None or approval.decided_on is None:
                continue
            for signature in progress.signed:
                if signature.signed_on < approval.decided_on:
                    yield _(
                        "%(signatory)s signed for %(party)s on %(day)s, before the party approved the "
                        "agreement on %(approved)s."
                    ) % {
                        "signatory": signature.signatory,
                        "party": progress.party.organisation,
                        "day": signature.signed_on.strftime("%d.%m.%Y"),
                        "approved": approval.decided_on.strftime("%d.%m.%Y"),
                    }
