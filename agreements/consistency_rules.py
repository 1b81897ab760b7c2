"""The agreement's consistency, added to the steering group's compliance report. Each rule cites the
topics it rests on; the citation names the sections of the cooperation's own agreement
(governance/citations.py).

The business IDs of parties that also take part in the area are reported once, by SG-BUSINESS-ID;
AG-BUSINESS-ID reports only parties of the agreement outside the area.
"""

import datetime
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from agreements import selectors
from agreements.models import Agreement
from governance.citations import Cite, Topic
from governance.compliance import GroupFacts, Severity, day_of, loads_facts, rule


def _not_ended(cooperation_ids: Iterable[int], day: datetime.date) -> QuerySet[Agreement]:
    """The agreements of COOPERATION_IDS that have not ended by DAY, oldest first: a cooperation's
    agreement on DAY is the first of them."""
    return Agreement.objects.current_on(day).filter(cooperation__in=cooperation_ids)


def current_agreement_id(cooperation_id: int, day: datetime.date | None = None) -> int | None:
    """The cooperation's agreement on DAY (today when not given, for a page about now): the first that
    has not ended by then."""
    found: int | None = (
        _not_ended([cooperation_id], day or timezone.localdate()).values_list("pk", flat=True).first()
    )
    return found


@loads_facts
def _all_agreements(facts: list[GroupFacts]) -> None:
    """Every group's agreement on the day with its parties, versions and signatures, and the decisions
    approving them, at once."""
    from decisions import appeals
    from decisions.models import AgendaItem

    current: dict[int, Agreement] = {}
    # Every agreement not ended, in one go: a cooperation has one or two (the next one drafted).
    day = day_of(facts)
    for agreement in selectors.signing(_not_ended({f.group.cooperation_id for f in facts}, day)):
        current.setdefault(agreement.cooperation_id, agreement)  # the first, as current_agreement_id()
    approving = [a.approving_decision_id for a in current.values() if a.approving_decision_id]
    items = AgendaItem.objects.filter(pk__in=approving)
    decisions = appeals.with_status_facts(items, as_lists=True) if approving else []
    by_pk = {d.pk: d for d in decisions}
    for f in facts:
        f.extra["agreement"] = current.get(f.group.cooperation_id)
        f.extra["approving_decisions"] = by_pk


def agreement_of(facts: GroupFacts) -> Agreement | None:
    """The area's current agreement, loaded once per evaluation and kept with the facts."""
    if "agreement" not in facts.extra:
        _all_agreements([facts])
    agreement: Agreement | None = facts.extra["agreement"]
    return agreement


@rule(
    "AG-EXISTS",
    gettext_lazy("A cooperation agreement is recorded"),
    citation="VNA 388/2024 (yhteistyösopimus)",
    severity=Severity.WARNING,
)
def agreement_is_recorded(facts: GroupFacts) -> Iterator[str]:
    if agreement_of(facts) is None:
        yield _("No cooperation agreement is recorded for the area.")


@rule(
    "AG-SIGNATORY",
    gettext_lazy("Every party has a named signatory"),
    citation=Cite(topics=(Topic.SIGNATURES,)),
    severity=Severity.ERROR,
)
def every_party_has_a_named_signatory(facts: GroupFacts) -> Iterator[str]:
    agreement = agreement_of(facts)
    if agreement is None:
        return
    for party in agreement.parties.all():
        signatories = list(party.signatories.all())
        if not signatories:
            yield _("%(party)s has no signatory.") % {"party": party}
        for signatory in signatories:
            if signatory.is_placeholder:
                yield _("The signatory of %(party)s is not named (%(written)s).") % {
                    "party": party,
                    "written": signatory,
                }


def signatures_awaited(facts: GroupFacts, _messages: list[str]) -> str:
    """The front page's line for AG-SIGNED: how many of the signatures the original version needs
    have been given (#29 item 3)."""
    agreement = agreement_of(facts)
    states = selectors.version_states(agreement)[:1] if agreement else []
    if not states:
        return ""
    needed = sum(len(p.signatories) for p in states[0].parties)
    missing = sum(len(p.missing) for p in states[0].parties)
    return ngettext(
        "Waiting for %(missing)d of %(needed)d signatures: "
        "the agreement is in force once every party has signed.",
        "Waiting for %(missing)d of %(needed)d signatures: "
        "the agreement is in force once every party has signed.",
        missing,
    ) % {"missing": missing, "needed": needed}


@rule(
    "AG-SIGNED",
    gettext_lazy("Every party has signed: the agreement is in force"),
    citation=Cite(topics=(Topic.ENTRY_INTO_FORCE,)),
    severity=Severity.ERROR,
    summary=signatures_awaited,
    waiting=True,
)
def every_party_has_signed(facts: GroupFacts) -> Iterator[str]:
    agreement = agreement_of(facts)
    if agreement is None:
        return
    original = selectors.version_states(agreement)[:1]
    if not original:
        yield _("The agreement has no text recorded.")
        return
    for progress in original[0].parties:
        for signatory in progress.missing:
            yield _("%(signatory)s has not signed for %(party)s.") % {
                "signatory": signatory,
                "party": progress.party,
            }


@rule(
    "AG-AMENDMENT",
    gettext_lazy("An amendment signed by only some parties is void"),
    citation=Cite(topics=(Topic.AMENDMENTS,)),
    severity=Severity.WARNING,
)
def amendments_signed_by_all(facts: GroupFacts) -> Iterator[str]:
    agreement = agreement_of(facts)
    if agreement is None:
        return
    for state in selectors.version_states(agreement)[1:]:
        if state.void:
            yield _("Amendment %(number)s is not signed by every party and is void.") % {
                "number": state.version.number
            }


@rule(
    "AG-COPIES",
    gettext_lazy("The stated number of copies matches the parties"),
    citation=Cite(topics=(Topic.COPIES,)),
    severity=Severity.WARNING,
)
def copies_match_parties(facts: GroupFacts) -> Iterator[str]:
    agreement = agreement_of(facts)
    if agreement is None or agreement.copies_stated is None:
        return
    parties = len(agreement.parties.all())
    if agreement.copies_stated != parties:
        yield _(
            "The agreement states %(copies)s copies, one for each party, but it has %(parties)s parties."
        ) % {"copies": agreement.copies_stated, "parties": parties}


@rule(
    "AG-PARTIES",
    gettext_lazy("The parties match the steering group's organisations"),
    citation=Cite(topics=(Topic.PARTIES, Topic.STEERING_GROUP)),
    severity=Severity.WARNING,
)
def parties_match_the_group(facts: GroupFacts) -> Iterator[str]:
    agreement = agreement_of(facts)
    if agreement is None:
        return
    parties = {p.organisation_id: p.organisation for p in agreement.parties.all()}
    seated = {s.organisation_id: s.organisation for s in facts.current_members if s.role != "municipal"}
    for pk, organisation in seated.items():
        if pk not in parties:
            yield _("%(organisation)s sits in the steering group but is not a party.") % {
                "organisation": organisation
            }
    for pk, organisation in parties.items():
        if pk not in seated:
            yield _("%(organisation)s is a party but has no member in the steering group.") % {
                "organisation": organisation
            }


@rule(
    "AG-BUSINESS-ID",
    gettext_lazy("Every party's business ID passes its check digit"),
    citation=Cite(topics=(Topic.PARTIES,)),
    severity=Severity.ERROR,
)
def agreement_parties_business_ids(facts: GroupFacts) -> Iterator[str]:
    agreement = agreement_of(facts)
    if agreement is None:
        return
    in_area = {p.pk for p in facts.parties}
    for party in agreement.parties.all():
        organisation = party.organisation
        if organisation.pk not in in_area and not organisation.business_id_is_valid:
            yield _("The business ID %(value)s of %(organisation)s fails its check digit.") % {
                "value": organisation.business_id or "–",
                "organisation": organisation,
            }


@rule(
    "AG-BEFORE-FINAL",
    gettext_lazy("Signed after the approving decision became final"),
    citation="Kuntalaki 410/2015 § 143",
    severity=Severity.WARNING,
)
def signed_after_the_decision_is_final(facts: GroupFacts) -> Iterator[str]:
    """A decision may be carried out before it is final only if it may be (Kuntalaki § 143): signing an
    agreement whose approval can still be rectified or appealed is worth a warning (#13 item 8)."""
    from decisions import appeals
    from decisions.models import AgendaItem

    agreement = agreement_of(facts)
    if agreement is None or agreement.approving_decision_id is None:
        return
    decision = facts.extra.get("approving_decisions", {}).get(agreement.approving_decision_id)
    if decision is None:  # a page handed the rules its own agreement (agreements.views)
        decision = appeals.with_status_facts(AgendaItem.objects.all()).get(pk=agreement.approving_decision_id)
    final_on = appeals.status(decision).final_on
    original = selectors.version_states(agreement)[:1]
    for progress in original[0].parties if original else []:
        for signature in progress.signed:
            if final_on is None or signature.signed_on < final_on:
                message = _(
                    "%(signatory)s signed on %(day)s, before the approving decision %(section)s was "
                    "final%(when)s."
                )
                yield message % {
                    "signatory": signature.signatory,
                    "day": signature.signed_on.strftime("%d.%m.%Y"),
                    "section": decision.section,
                    "when": f" ({final_on:%d.%m.%Y})" if final_on else "",
                }
