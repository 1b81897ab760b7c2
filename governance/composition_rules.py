"""The decree's and the agreement's rules on the steering group's composition, each a named rule.

Citations: VNA 388/2024 = Government Decree 388/2024 on organising the cooperation model (the
steering group's set-up, composition and the leading person); the agreement's sections are the
cooperation's own, cited by topic (governance/citations.py), and so are its parties' approving
decisions.
"""

from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance import parameters
from governance.citations import Cite, Topic
from governance.compliance import GroupFacts, Severity, day_of, loads_facts, rule
from governance.models import Membership
from organisations.models import Organisation, OrganisationKind, Participation

REQUIRED_KINDS = (
    OrganisationKind.EMPLOYMENT_AUTHORITY,
    OrganisationKind.WELLBEING_COUNTY,
    OrganisationKind.KELA,
)


@loads_facts
def _all_parameters(facts: list[GroupFacts]) -> None:
    from governance.models import StatutoryParameters

    rows = list(StatutoryParameters.objects.order_by("-valid_from"))
    for f in facts:
        f.extra["parameters"] = parameters.in_force_among(rows, f.group.term_start or f.today)


def _params(facts: GroupFacts) -> parameters.Parameters:
    """The decree's numbers in force when the term began, read once per evaluation."""
    if "parameters" not in facts.extra:
        _all_parameters([facts])
    found: parameters.Parameters = facts.extra["parameters"]
    return found


@rule(
    "SG-PARTIES",
    gettext_lazy("Every required party is represented"),
    citation=Cite("VNA 388/2024 (kokoonpano)", topics=(Topic.STEERING_GROUP,)),
    severity=Severity.ERROR,
)
def every_required_party_is_represented(facts: GroupFacts) -> Iterator[str]:
    represented = {seat.organisation_id for seat in facts.current_members}
    for party in facts.parties:
        if party.kind in REQUIRED_KINDS and party.pk not in represented:
            yield _("%(organisation)s has no member in the steering group.") % {"organisation": party}


@rule(
    "SG-DEPUTY",
    gettext_lazy("Every member has a personal deputy"),
    citation=Cite("VNA 388/2024 (kokoonpano)", topics=(Topic.STEERING_GROUP,)),
    severity=Severity.ERROR,
)
def every_member_has_a_personal_deputy(facts: GroupFacts) -> Iterator[str]:
    with_deputy = {
        seat.deputy_of_id for seat in facts.current_seats if seat.capacity == Membership.Capacity.DEPUTY
    }
    for member in facts.current_members:
        # Municipal representatives supplement the group (the agreement); the duty to name personal
        # deputies is on the employment authority, the wellbeing services counties and Kela.
        if member.role != Membership.Role.MUNICIPAL and member.pk not in with_deputy:
            yield _("%(person)s (%(organisation)s) has no personal deputy.") % {
                "person": member.person,
                "organisation": member.organisation,
            }


def _role_rule(facts: GroupFacts, role: str, named_by_kind: str, names: dict[str, str]) -> Iterator[str]:
    holders = [seat for seat in facts.current_members if seat.role == role]
    if not holders:
        yield names["missing"]
        return
    seat = holders[0]
    if seat.organisation.kind != named_by_kind:
        yield names["wrong_party"] % {"person": seat.person, "organisation": seat.organisation}
    if seat.role_named_in is None:
        yield names["no_designation"] % {"person": seat.person}
    elif seat.role_named_in.organisation.kind != named_by_kind:
        yield names["wrong_designator"] % {
            "person": seat.person,
            "organisation": seat.role_named_in.organisation,
        }


@rule(
    "SG-CHAIR",
    gettext_lazy("The employment authority names the chair from its members"),
    citation=Cite("VNA 388/2024 (puheenjohtaja)", topics=(Topic.STEERING_GROUP,)),
    severity=Severity.ERROR,
)
def chair_is_an_employment_authority_member(facts: GroupFacts) -> Iterator[str]:
    yield from _role_rule(
        facts,
        Membership.Role.CHAIR,
        _params(facts).chair_named_by,
        {
            "missing": _("The steering group has no chair."),
            "wrong_party": _(
                "The chair %(person)s represents %(organisation)s, not the employment authority."
            ),
            "no_designation": _("The decision that named %(person)s chair is not recorded."),
            "wrong_designator": _(
                "%(person)s was named chair by %(organisation)s, not by the employment authority."
            ),
        },
    )


@loads_facts
def _all_chair_naming(facts: list[GroupFacts]) -> None:
    """Which employment authority names the chair, read only for cooperations with several of them (one
    query for all such groups, none when every cooperation has one authority)."""
    several = {
        f.group.cooperation_id: f
        for f in facts
        if sum(1 for p in f.parties if p.kind == OrganisationKind.EMPLOYMENT_AUTHORITY) > 1
    }
    naming: dict[int, list[int]] = {pk: [] for pk in several}
    if several:
        rows = (
            Participation.objects.on(day_of(facts))
            .filter(cooperation_id__in=several, names_chair=True)
            .filter(organisation__kind=OrganisationKind.EMPLOYMENT_AUTHORITY)
            .values_list("cooperation_id", "organisation_id")
        )
        for cooperation_id, organisation_id in rows:
            naming[cooperation_id].append(organisation_id)
    for f in facts:
        f.extra["chair_named_by"] = naming.get(f.group.cooperation_id)


def _chair_named_by(facts: GroupFacts) -> list[Organisation] | None:
    """The employment authorities recorded as naming the chair; None when only one takes part."""
    if "chair_named_by" not in facts.extra:
        _all_chair_naming([facts])
    ids: list[int] | None = facts.extra["chair_named_by"]
    if ids is None:
        return None
    return [p for p in facts.parties if p.pk in ids]


@rule(
    "SG-CHAIR-NAMED-BY",
    gettext_lazy("With several employment authorities, the one that names the chair is recorded"),
    citation=Cite("VNA 388/2024 (puheenjohtaja)", topics=(Topic.STEERING_GROUP,)),
    severity=Severity.WARNING,
)
def the_authority_naming_the_chair_is_recorded(facts: GroupFacts) -> Iterator[str]:
    naming = _chair_named_by(facts)
    if naming is None:
        return
    if not naming:
        yield _(
            "Several employment authorities take part, and the record does not say which one names the chair."
        )
    elif len(naming) > 1:
        yield _("More than one employment authority is recorded as naming the chair: %(authorities)s.") % {
            "authorities": ", ".join(str(o) for o in naming)
        }


@rule(
    "SG-CHAIR-AUTHORITY",
    gettext_lazy("The chair's seat belongs to the employment authority that names the chair"),
    citation=Cite("VNA 388/2024 (puheenjohtaja)", topics=(Topic.STEERING_GROUP,)),
    severity=Severity.ERROR,
)
def the_chair_sits_for_the_authority_naming_it(facts: GroupFacts) -> Iterator[str]:
    naming = _chair_named_by(facts)
    if not naming or len(naming) > 1:
        return  # one authority, or the record is missing (SG-CHAIR-NAMED-BY)
    authority = naming[0]
    for seat in facts.current_members:
        if seat.role != Membership.Role.CHAIR:
            continue
        if seat.organisation_id != authority.pk:
            yield _(
                "The chair %(person)s represents %(organisation)s, but %(authority)s names the chair."
            ) % {
                "person": seat.person,
                "organisation": seat.organisation,
                "authority": authority,
            }
        elif seat.role_named_in is not None and seat.role_named_in.organisation_id != authority.pk:
            yield _("%(person)s was named chair by %(organisation)s, but %(authority)s names the chair.") % {
                "person": seat.person,
                "organisation": seat.role_named_in.organisation,
                "authority": authority,
            }


@rule(
    "SG-VICE-CHAIR",
    gettext_lazy("The wellbeing services county names the vice-chair from its members"),
    citation=Cite("VNA 388/2024 (varapuheenjohtaja)", topics=(Topic.STEERING_GROUP,)),
    severity=Severity.ERROR,
)
def vice_chair_is_a_wellbeing_county_member(facts: GroupFacts) -> Iterator[str]:
    yield from _role_rule(
        facts,
        Membership.Role.VICE_CHAIR,
        _params(facts).vice_chair_named_by,
        {
            "missing": _("The steering group has no vice-chair."),
            "wrong_party": _(
                "The vice-chair %(person)s represents %(organisation)s, not a wellbeing services county."
            ),
            "no_designation": _("The decision that named %(person)s vice-chair is not recorded."),
            "wrong_designator": _(
                "%(person)s was named vice-chair by %(organisation)s, not by a wellbeing services county."
            ),
        },
    )


@rule(
    "SG-TERM",
    gettext_lazy("The term is recorded and within the limit"),
    citation=Cite("VNA 388/2024 (toimikausi 5 vuotta)", topics=(Topic.STEERING_GROUP,)),
    severity=Severity.ERROR,
)
def term_is_within_the_limit(facts: GroupFacts) -> Iterator[str]:
    group = facts.group
    if group.term_start is None or group.term_end is None:
        yield _("The steering group's term (start and end) is not recorded.")
        return
    years = _params(facts).term_years
    longest = parameters.term_end(group.term_start, years)
    if group.term_end > longest:
        yield _(
            "The term %(start)s–%(end)s is longer than %(years)s years (it may end on %(longest)s at the latest)."  # noqa: E501  (one translatable sentence)
        ) % {
            "start": group.term_start.strftime("%d.%m.%Y"),
            "end": group.term_end.strftime("%d.%m.%Y"),
            "years": years,
            "longest": longest.strftime("%d.%m.%Y"),
        }


@rule(
    "SG-GENDER-BALANCE",
    gettext_lazy("At least 40 per cent of the members are women and 40 per cent men"),
    citation="tasa-arvolaki 609/1986 § 4 a",
    severity=Severity.WARNING,
)
def gender_balance(facts: GroupFacts) -> Iterator[str]:
    """Only where the group says the Equality Act binds it, and only from recorded genders (#13 item 11)."""
    if not facts.group.gender_balance_checked:
        return
    members = facts.current_members
    unknown = [s.person for s in members if not s.person.gender]
    if unknown:
        yield _("The gender of %(count)s members is not recorded: the balance cannot be checked.") % {
            "count": len(unknown)
        }
        return
    counted = [s.person.gender for s in members if s.person.gender in ("female", "male")]
    if not counted:
        return
    for gender, label in (("female", _("women")), ("male", _("men"))):
        share = counted.count(gender) / len(counted)
        if share < 0.4:
            yield _("%(label)s are %(share)s per cent of the members (at least 40 per cent).") % {
                "label": label,
                "share": round(share * 100),
            }


@rule(
    "SG-TERM-SHORT",
    gettext_lazy("The term is the full five years"),
    citation="VNA 388/2024 (viideksi vuodeksi kerrallaan)",
    severity=Severity.WARNING,
)
def term_is_not_shorter(facts: GroupFacts) -> Iterator[str]:
    group = facts.group
    if group.term_start is None or group.term_end is None:
        return  # SG-TERM reports the missing term
    years = _params(facts).term_years
    full = parameters.term_end(group.term_start, years)
    if group.term_end < full:
        yield _(
            "The term %(start)s–%(end)s is shorter than %(years)s years (the full term ends on %(full)s)."
        ) % {
            "start": group.term_start.strftime("%d.%m.%Y"),
            "end": group.term_end.strftime("%d.%m.%Y"),
            "years": years,
            "full": full.strftime("%d.%m.%Y"),
        }


@rule(
    "SG-SEATS-AFTER-TERM",
    gettext_lazy("Nobody sits past the term without the organisation's word"),
    citation="VNA 388/2024 (toimikausi)",
    severity=Severity.WARNING,
)
def no_seat_outlives_the_term_unannounced(facts: GroupFacts) -> Iterator[str]:
    group = facts.group
    if group.term_end is None or facts.today <= group.term_end:
        return
    for seat in facts.current_seats:
        if not seat.serves_until_successor:
            yield _("The term ended on %(day)s but the seat of %(person)s is still open.") % {
                "day": group.term_end.strftime("%d.%m.%Y"),
                "person": seat.person,
            }


@rule(
    "SG-LEADER",
    gettext_lazy("A leading person and a deputy are named"),
    citation=Cite("VNA 388/2024 (johtava henkilö)", topics=(Topic.STEERING_GROUP,)),
    severity=Severity.ERROR,
)
def leading_person_and_deputy_are_named(facts: GroupFacts) -> Iterator[str]:
    capacities = {appointment.capacity for appointment in facts.leadership}
    if "leading" not in capacities:
        yield _("No leading person has been named.")
    if "deputy" not in capacities:
        yield _("No deputy for the leading person has been named.")


@rule(
    "SG-LEADER-APPROVAL",
    gettext_lazy("The leading person is named within the steering group's term"),
    citation=Cite("VNA 388/2024 (johtava henkilö)", topics=(Topic.STEERING_GROUP,)),
    severity=Severity.ERROR,
)
def leading_person_approved_and_within_term(facts: GroupFacts) -> Iterator[str]:
    # Approval before naming is also a database constraint (leader_approved_before_named): no row can
    # break it, so only the term is checked here.
    group = facts.group
    for appointment in facts.leadership:
        if group.term_end and appointment.term_end > group.term_end:
            yield _("The term of %(person)s goes past the steering group's term.") % {
                "person": appointment.person
            }
        if group.term_start and appointment.term_start < group.term_start:
            yield _("The term of %(person)s starts before the steering group's term.") % {
                "person": appointment.person
            }


@rule(
    "SG-BUSINESS-ID",
    gettext_lazy("Every party's business ID passes its check digit"),
    citation=Cite("Y-tunnus (PRH/Verohallinto)", topics=(Topic.PARTIES,)),
    severity=Severity.ERROR,
)
def every_business_id_passes(facts: GroupFacts) -> Iterator[str]:
    for party in facts.parties:
        if not party.business_id:
            yield _("The business ID of %(organisation)s is not recorded.") % {"organisation": party}
        elif not party.business_id_is_valid:
            yield _("The business ID %(value)s of %(organisation)s fails its check digit.") % {
                "value": party.business_id,
                "organisation": party,
            }


@rule(
    "SG-NOMINATION",
    gettext_lazy("Every seat rests on a recorded nomination decision"),
    citation=Cite("VNA 388/2024 (nimeäminen)", topics=(Topic.STEERING_GROUP,), approvals=True),
    severity=Severity.WARNING,
)
def every_seat_has_a_nomination(facts: GroupFacts) -> Iterator[str]:
    unnominated = sorted({str(seat.person) for seat in facts.current_seats if seat.nomination_id is None})
    for person in unnominated:
        yield _("The nomination decision behind the seat of %(person)s is not recorded.") % {"person": person}
    for nomination in facts.nominations:
        if nomination.decided_on is None:
            yield _("The date of the nomination decision of %(organisation)s is not recorded.") % {
                "organisation": nomination.organisation
            }
        if nomination.decided_by is None and not nomination.decided_by_body:
            yield _("Who decided the nomination of %(organisation)s is not recorded.") % {
                "organisation": nomination.organisation
            }


@rule(
    "SG-SET-UP",
    gettext_lazy("The set-up decision is recorded"),
    citation="VNA 388/2024 (asettaminen)",
    severity=Severity.WARNING,
)
def set_up_decision_is_recorded(facts: GroupFacts) -> Iterator[str]:
    group = facts.group
    decision = group.set_up_decision
    if decision is None and (not group.set_up_by or not group.set_up_reference):
        yield _("The body and section of the decision that set up the steering group are not recorded.")
    decided_on = group.set_up_on or (decision and (decision.decided_on or decision.meeting.date))
    if decided_on is None:
        yield _("The date of the decision that set up the steering group is not recorded.")
