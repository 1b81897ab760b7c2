"""Whether the cooperation covers its ground: the municipalities of its employment areas and the
wellbeing services counties taking part must match, and with several counties the record must say
which one names the vice-chair.

Citations: Laki 381/2023 = Act on organising employment services (the cooperation model of
multi-sectoral support: the employment authority, the wellbeing services county of the area and Kela);
VNA 388/2024 = the Government Decree on the cooperation model (the steering group, its chair and
vice-chair); Laki 611/2021 = Act on wellbeing services counties (each municipality belongs to one).

Which county serves a municipality on a day comes from the national register (registers, #27), read
in the same query as the municipalities; the county is matched to an organisation taking part by its
business ID, or by its Finnish name where the register has no business ID. A municipality the register
does not know on that day (a date before its first edition, a row whose code and name are not the
register's, as a test's made-up ones) falls back to
the counties recorded for it (organisations.CountyOfMunicipality), which also travel in case files; a
recorded county that the register contradicts is reported.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.compliance import GroupFacts, Severity, day_of, loads_facts, rule
from organisations.models import (
    CountyOfMunicipality,
    EmploymentArea,
    Municipality,
    Organisation,
    Participation,
)
from registers.selectors import county_fields_on


@dataclass(frozen=True)
class County:
    """The county serving a municipality, and the organisation that is that county, when one takes
    part or is recorded."""

    name: str
    organisation: Organisation | None

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Coverage:
    municipalities: list[tuple[Municipality, list[County]]]  # each with its counties on the day
    counties: list[Organisation]  # the counties taking part on the day
    vice_chair_by: list[Organisation]  # the counties recorded as naming the vice-chair
    contradicted: list[tuple[Municipality, Organisation, str]]  # recorded county, the register's


def coverage(facts: GroupFacts) -> Coverage:
    """Loaded once per evaluation (three queries), kept with the facts."""
    if "coverage" not in facts.extra:
        _all_coverage([facts])
    result: Coverage = facts.extra["coverage"]
    return result


def _same(organisation: Organisation, m: Municipality) -> bool:
    business_id = getattr(m, "register_county_business_id", "") or ""
    if business_id and organisation.business_id:
        return organisation.business_id == business_id
    return organisation.name_fi == m.register_county_name  # type: ignore[attr-defined]


def _in_register(m: Municipality) -> bool:
    """The register knows this municipality on the day: its code, under its name (a row whose name is
    another municipality's was never checked against the register, and the register cannot speak for it)."""
    return bool(getattr(m, "register_county_code", None)) and m.name_fi == getattr(m, "register_name", None)


def _counties_of(m: Municipality, day: datetime.date, known: list[Organisation]) -> list[County]:
    recorded = [link.county for link in m.counties.all() if link.valid_on(day)]
    if not _in_register(m):
        return [County(str(o), o) for o in recorded]
    candidates = [*known, *recorded]
    match = next((o for o in candidates if _same(o, m)), None)
    return [County(m.register_county_name, match)]  # type: ignore[attr-defined]


@loads_facts
def _all_coverage(facts: list[GroupFacts]) -> None:
    """Every group's coverage in three queries, however many groups."""
    ids = {f.group.cooperation_id for f in facts}
    day = day_of(facts)
    found = EmploymentArea.objects.filter(cooperation_id__in=ids).prefetch_related(
        Prefetch(
            "municipalities",
            queryset=Municipality.objects.order_by("name_fi")
            .annotate(**county_fields_on("code", day))
            .prefetch_related(
                Prefetch("counties", queryset=CountyOfMunicipality.objects.select_related("county"))
            ),
        )
    )
    areas = list(found)
    # Every party taking part: Helsinki's services are organised by the city itself (Act 616/2021).
    participations = list(
        Participation.objects.on(day).filter(cooperation_id__in=ids).select_related("organisation")
    )
    for f in facts:
        cooperation_id = f.group.cooperation_id
        taking_part = [p for p in participations if p.cooperation_id == cooperation_id]
        known = [p.organisation for p in taking_part]
        municipalities = [
            (m, _counties_of(m, f.today, known))
            for area in areas
            if area.cooperation_id == cooperation_id
            for m in area.municipalities.all()
        ]
        contradicted = [
            (m, link.county, m.register_county_name)  # type: ignore[attr-defined]
            for m, _counties in municipalities
            if _in_register(m)
            for link in m.counties.all()
            if link.valid_on(f.today) and not _same(link.county, m)
        ]
        counties = [p for p in taking_part if p.organisation.kind == Organisation.Kind.WELLBEING_COUNTY]
        f.extra["coverage"] = Coverage(
            municipalities,
            [p.organisation for p in counties],
            [p.organisation for p in counties if p.names_vice_chair],
            contradicted,
        )


@rule(
    "CO-COUNTY-RECORDED",
    gettext_lazy("Each municipality's wellbeing services county is recorded"),
    citation="Laki 611/2021 (kunnat ja hyvinvointialueet); Laki 381/2023 (yhteistoimintamalli)",
    severity=Severity.WARNING,
)
def each_municipality_has_its_county(facts: GroupFacts) -> Iterator[str]:
    for municipality, counties in coverage(facts).municipalities:
        if not counties:
            yield _("No wellbeing services county is recorded for %(municipality)s.") % {
                "municipality": municipality
            }
    for municipality, recorded, register in coverage(facts).contradicted:
        yield _(
            "%(county)s is recorded as serving %(municipality)s; the national register names %(register)s."
        ) % {"county": recorded, "municipality": municipality, "register": register}


@rule(
    "CO-SERVED",
    gettext_lazy("Every municipality is served by a county taking part"),
    citation="Laki 381/2023 (yhteistoimintamalli: alueen hyvinvointialue); VNA 388/2024 (kokoonpano)",
    severity=Severity.ERROR,
)
def every_municipality_is_served_by_a_participating_county(facts: GroupFacts) -> Iterator[str]:
    taking_part = {county.pk for county in coverage(facts).counties}
    for municipality, counties in coverage(facts).municipalities:
        for county in counties:
            if county.organisation is None or county.organisation.pk not in taking_part:
                yield _(
                    "%(municipality)s belongs to %(county)s, which does not take part in the cooperation."
                ) % {"municipality": municipality, "county": county}


@rule(
    "CO-COUNTY-SERVES",
    gettext_lazy("Every county taking part serves a municipality of the areas"),
    citation="Laki 381/2023 (yhteistoimintamalli: alueen hyvinvointialue)",
    severity=Severity.WARNING,
)
def every_participating_county_serves_a_municipality(facts: GroupFacts) -> Iterator[str]:
    facts_coverage = coverage(facts)
    serving = {
        county.organisation.pk
        for _m, counties in facts_coverage.municipalities
        for county in counties
        if county.organisation is not None
    }
    for county in facts_coverage.counties:
        if county.pk not in serving:
            yield _("%(county)s takes part but serves none of the municipalities of the areas.") % {
                "county": county
            }


@rule(
    "CO-VICE-CHAIR-COUNTY",
    gettext_lazy("With several counties, the one that names the vice-chair is recorded"),
    citation="VNA 388/2024 (varapuheenjohtaja)",
    severity=Severity.WARNING,
)
def the_county_naming_the_vice_chair_is_recorded(facts: GroupFacts) -> Iterator[str]:
    facts_coverage = coverage(facts)
    if len(facts_coverage.counties) < 2:
        return
    if not facts_coverage.vice_chair_by:
        yield _("Several counties take part, and the record does not say which one names the vice-chair.")
    elif len(facts_coverage.vice_chair_by) > 1:
        yield _("More than one county is recorded as naming the vice-chair: %(counties)s.") % {
            "counties": ", ".join(str(c) for c in facts_coverage.vice_chair_by)
        }
