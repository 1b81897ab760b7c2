"""Whether the cooperation covers its ground: the municipalities of its employment areas and the
wellbeing services counties taking part must match, and with several counties the record must say
which one names the vice-chair.

Citations: Laki 381/2023 = Act on organising employment services (the cooperation model of
multi-sectoral support: the employment authority, the wellbeing services county of the area and Kela);
VNA 388/2024 = the Government Decree on the cooperation model (the steering group, its chair and
vice-chair); Laki 611/2021 = Act on wellbeing services counties (each municipality belongs to one).
"""

from __future__ import annotations

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


@dataclass(frozen=True)
class Coverage:
    municipalities: list[tuple[Municipality, list[Organisation]]]  # each with its counties on the day
    counties: list[Organisation]  # the counties taking part on the day
    vice_chair_by: list[Organisation]  # the counties recorded as naming the vice-chair


def coverage(facts: GroupFacts) -> Coverage:
    """Loaded once per evaluation (three queries), kept with the facts."""
    if "coverage" not in facts.extra:
        _all_coverage([facts])
    result: Coverage = facts.extra["coverage"]
    return result


@loads_facts
def _all_coverage(facts: list[GroupFacts]) -> None:
    """Every group's coverage in three queries, however many groups."""
    ids = {f.group.cooperation_id for f in facts}
    found = EmploymentArea.objects.filter(cooperation_id__in=ids).prefetch_related(
        Prefetch(
            "municipalities",
            queryset=Municipality.objects.order_by("name_fi").prefetch_related(
                Prefetch("counties", queryset=CountyOfMunicipality.objects.select_related("county"))
            ),
        )
    )
    areas = list(found)
    participations = list(
        Participation.objects.on(day_of(facts))
        .filter(cooperation_id__in=ids, organisation__kind=Organisation.Kind.WELLBEING_COUNTY)
        .select_related("organisation")
    )
    for f in facts:
        cooperation_id = f.group.cooperation_id
        municipalities = [
            (m, [link.county for link in m.counties.all() if link.valid_on(f.today)])
            for area in areas
            if area.cooperation_id == cooperation_id
            for m in area.municipalities.all()
        ]
        taking_part = [p for p in participations if p.cooperation_id == cooperation_id]
        f.extra["coverage"] = Coverage(
            municipalities,
            [p.organisation for p in taking_part],
            [p.organisation for p in taking_part if p.names_vice_chair],
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
            if county.pk not in taking_part:
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
    serving = {county.pk for _m, counties in facts_coverage.municipalities for county in counties}
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
