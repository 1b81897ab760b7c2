"""National-scale data for performance work (#15): N cooperations over Y years of the model, shaped
like the real case (one employment authority, one or two wellbeing services counties and Kela per
cooperation; a steering group per five-year term with members, personal deputies and mid-term
changes; about ten board meetings a year of about fifteen sections, each with its appeal part and
notifications, some claims; an agreement with an amendment; objectives and staffing figures per
party and municipality; development days with costs and registrations).

Deterministic for a seed; bulk writes, no history rows (the history pages are measured apart); every
row passes the database's own constraints. The years end with this one, as in a deployment that has run
for Y years: nothing is dated after today (meetings in the future would swell every "upcoming" list
beyond anything real), so for more than two years the first ones lie before 2025, when Act 381/2023
took effect; for volumes that does not matter."""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from agreements.models import Agreement, AgreementParty, Section, Signatory, Signature, Version
from costs.models import CostItem, DevelopmentDay, Registration
from decisions.models import AgendaItem, AppealPart, Body, Claim, Meeting, Notification
from devdata.national_names import FIRST_NAMES, LAST_NAMES, TITLES
from governance.models import Membership, Nomination, SteeringGroup
from organisations.models import (
    Cooperation,
    EmploymentArea,
    Municipality,
    Organisation,
    Participation,
    Person,
)
from staffing.models import ClientLine, Objective, StaffingReview, StaffLine

BATCH = 2000
# Objectives are set from the Act's first year (Act 381/2023; the model's own constraint).
OBJECTIVES_FROM = 2025


def business_id(number: int) -> str:
    """A valid Finnish business ID (Y-tunnus) from a running number: the check digit is computed."""
    body = f"{2900000 + number:07d}"
    total = sum(int(d) * w for d, w in zip(body, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    if total == 1:  # no valid check digit for this body: take the next number
        return business_id(number + 50000)
    return f"{body}-{0 if total == 0 else 11 - total}"


def _day(value: datetime.date | None) -> datetime.date:
    if value is None:  # every generated meeting and term has its dates
        raise ValueError("a generated row lost its date")
    return value


def _bulk(model: type[models.Model], rows: list[Any]) -> list[Any]:
    for start in range(0, len(rows), BATCH):
        model.objects.bulk_create(rows[start : start + BATCH])  # type: ignore[attr-defined]
    return rows


class Generator:
    def __init__(
        self,
        *,
        cooperations: int,
        years: int,
        seed: int,
        progress: Callable[[str, int, int], None],
        today: datetime.date | None = None,
    ):
        self.today = today or timezone.localdate()
        self.first_year = self.today.year - years + 1
        # Not for secrets: a seeded generator, so the same seed gives the same data.
        self.count, self.years, self.random, self.progress = (
            cooperations,
            years,
            random.Random(seed),  # noqa: S311
            progress,
        )
        self.counts: dict[str, int] = {}

    def _note(self, model: type[models.Model], rows: Iterable[Any]) -> None:
        self.counts[model._meta.label] = self.counts.get(model._meta.label, 0) + len(list(rows))

    def run(self) -> dict[str, int]:
        kela = Organisation.objects.filter(
            kind=Organisation.Kind.KELA
        ).first() or Organisation.objects.create(
            kind=Organisation.Kind.KELA,
            name_fi="Kansaneläkelaitos (kansallinen aineisto)",
            business_id="0246246-0",
        )
        existing = Cooperation.objects.filter(code__startswith="kansallinen-").count()
        for n in range(existing, existing + self.count):
            with transaction.atomic():  # one cooperation at a time: an interruption leaves whole ones
                self._cooperation(n, kela)
            self.progress("cooperations", n - existing + 1, self.count)
        return self.counts

    # One cooperation and everything in it

    def _cooperation(self, n: int, kela: Organisation) -> None:
        rnd = self.random
        cooperation = Cooperation.objects.create(
            code=f"kansallinen-{n:03d}", name_fi=f"Yhteistoiminta-alue {n:03d}"
        )
        authority = Organisation.objects.create(
            kind=Organisation.Kind.EMPLOYMENT_AUTHORITY,
            name_fi=f"Työllisyysalue {n:03d} (kaupunki)",
            business_id=business_id(n * 3),
        )
        counties = [
            Organisation.objects.create(
                kind=Organisation.Kind.WELLBEING_COUNTY,
                name_fi=f"Hyvinvointialue {n:03d}-{k}",
                business_id=business_id(n * 3 + 1 + k),
            )
            for k in range(1 + (n % 4 == 0))
        ]
        area = EmploymentArea.objects.create(
            code=f"kansallinen-alue-{n:03d}",
            name_fi=f"Työllisyysalue {n:03d}",
            cooperation=cooperation,
            employment_authority=authority,
        )
        municipalities = _bulk(
            Municipality,
            [
                Municipality(code=f"{(n * 7 + m) % 1000:03d}", name_fi=f"Kunta {n:03d}-{m}", area=area)
                for m in range(rnd.randint(3, 9))
                if not Municipality.objects.filter(code=f"{(n * 7 + m) % 1000:03d}").exists()
            ],
        )
        parties = [authority, *counties]
        _bulk(
            Participation,
            [
                Participation(
                    cooperation=cooperation,
                    organisation=o,
                    joined_on=datetime.date(self.first_year, 1, 1),
                    names_vice_chair=(o == counties[0]),
                )
                for o in parties
            ],
        )
        people = {
            o.pk: _bulk(
                Person,
                [
                    Person(
                        organisation=o,
                        first_name=rnd.choice(FIRST_NAMES),
                        # by position, not database id: ids differ between runs on PostgreSQL
                        last_name=f"{rnd.choice(LAST_NAMES)} {n}-{position}-{p}",
                    )
                    for p in range(14)
                ],
            )
            for position, o in enumerate([*parties, kela])
        }
        self._note(Person, [p for ps in people.values() for p in ps])
        self._groups(cooperation, [*parties, kela], people)
        board = Body.objects.create(
            area=area,
            code=f"lautakunta-{n:03d}",
            name_fi=f"Työllisyysaluelautakunta {n:03d}",
            kind=Body.Kind.MUNICIPAL,
        )
        self._meetings(board, people[authority.pk])
        self._agreement(cooperation, [*parties, kela], people)
        self._year_work(cooperation, parties, municipalities)

    def _groups(self, cooperation, organisations, people) -> None:
        rnd = self.random
        for start_year in range(self.first_year, self.first_year + self.years, 5):
            start = datetime.date(start_year, 4, 1)
            group = SteeringGroup.objects.create(
                cooperation=cooperation,
                set_up_by="Työllisyysaluelautakunta",
                set_up_on=start - datetime.timedelta(days=20),
                set_up_reference=f"§ {rnd.randint(1, 40)}/{start_year}",
                term_start=start,
                term_end=start.replace(year=start_year + 5) - datetime.timedelta(days=1),
            )
            seats = []
            for index, organisation in enumerate(organisations):
                nomination = Nomination.objects.create(
                    group=group,
                    organisation=organisation,
                    decided_by_body="Hallitus",
                    decided_on=start - datetime.timedelta(days=30),
                    reference=f"§ {rnd.randint(1, 99)}/{start_year}",
                )
                pool = people[organisation.pk][(start_year - self.first_year) % 2 * 6 :][:6]
                role = {0: Membership.Role.CHAIR, 1: Membership.Role.VICE_CHAIR}.get(
                    index, Membership.Role.MEMBER
                )
                for k in range(2):
                    member = Membership.objects.create(
                        group=group,
                        organisation=organisation,
                        nomination=nomination,
                        person=pool[2 * k],
                        capacity=Membership.Capacity.MEMBER,
                        role=role if k == 0 else Membership.Role.MEMBER,
                        start_date=start,
                    )
                    seats.append(member)
                    seats.append(
                        Membership.objects.create(
                            group=group,
                            organisation=organisation,
                            nomination=nomination,
                            person=pool[2 * k + 1],
                            capacity=Membership.Capacity.DEPUTY,
                            deputy_of=member,
                            start_date=start,
                        )
                    )
                if rnd.random() < 0.5:  # a mid-term change: a member leaves, a successor takes the seat
                    leaving = (
                        Membership.objects.filter(nomination=nomination, role=Membership.Role.MEMBER)
                        .order_by("pk")
                        .first()
                    )
                    if leaving is not None:
                        ends = start + datetime.timedelta(days=rnd.randint(200, 1500))
                        Membership.objects.filter(pk=leaving.pk).update(end_date=ends, end_reason="resigned")
                        Membership.objects.filter(deputy_of=leaving).update(
                            end_date=ends, end_reason="resigned"
                        )
                        successor = Membership.objects.create(
                            group=group,
                            organisation=organisation,
                            nomination=nomination,
                            person=pool[4],
                            capacity=Membership.Capacity.MEMBER,
                            role=Membership.Role.MEMBER,
                            start_date=ends + datetime.timedelta(days=1),
                        )
                        seats.append(successor)
                        seats.append(
                            Membership.objects.create(
                                group=group,
                                organisation=organisation,
                                nomination=nomination,
                                person=pool[5],
                                capacity=Membership.Capacity.DEPUTY,
                                deputy_of=successor,
                                start_date=ends + datetime.timedelta(days=1),
                            )
                        )
            self._note(Membership, seats)

    def _meetings(self, board: Body, people: list[Person]) -> None:
        rnd = self.random
        meetings, items, parts, notes, claims = [], [], [], [], []
        for year in range(self.first_year, self.first_year + self.years):
            for number, month in enumerate((1, 2, 3, 4, 5, 6, 8, 9, 10, 11), start=1):  # no meetings in July
                day = datetime.date(year, month, rnd.randint(2, 25))
                if day + datetime.timedelta(days=3) > self.today:  # held and published by today
                    continue
                meetings.append(
                    Meeting(
                        body=board,
                        number=f"{number}/{year}",
                        date=day,
                        place="Kaupungintalo",
                        checked_on=day + datetime.timedelta(days=2),
                        published_on=day + datetime.timedelta(days=3),
                    )
                )
        _bulk(Meeting, meetings)
        numbers: dict[int, int] = {}
        decided: dict[int, datetime.date] = {}  # each section's decision date, by position
        for meeting in meetings:
            day = _day(meeting.date)
            year = day.year
            for _k in range(rnd.randint(12, 18)):
                numbers[year] = numbers.get(year, 0) + 1
                title = f"{rnd.choice(TITLES)} {numbers[year]}/{year}"
                items.append(
                    AgendaItem(
                        meeting=meeting,
                        body=board,
                        year=year,
                        number=numbers[year],
                        title=title,
                        proposal=f"Esitys: {title}.",
                        decision=f"Päätös: {title}.",
                        outcome=AgendaItem.Outcome.AS_PROPOSED,
                        decided_on=day,
                        personal_data=rnd.choice(people).last_name,
                    )
                )
                decided[len(items) - 1] = day
        _bulk(AgendaItem, items)
        for position, item in enumerate(items):
            parts.append(AppealPart(item=item, order=1, kind=AppealPart.Kind.RECTIFICATION))
            for _r in range(rnd.choice((0, 1, 1, 2))):
                notes.append(
                    Notification(
                        item=item,
                        recipient=rnd.choice(people).last_name,
                        method="letter",
                        consent="unknown",
                        sent_on=decided[position] + datetime.timedelta(days=2),
                    )
                )
        _bulk(AppealPart, parts)
        _bulk(Notification, notes)
        for position, (item, part) in enumerate(zip(items, parts, strict=True)):
            if rnd.random() < 0.01:
                claims.append(
                    Claim(
                        item=item,
                        part=part,
                        claimant=rnd.choice(people).last_name,
                        received_on=decided[position] + datetime.timedelta(days=10),
                    )
                )
        _bulk(Claim, claims)
        for model, rows in (
            (Meeting, meetings),
            (AgendaItem, items),
            (AppealPart, parts),
            (Notification, notes),
            (Claim, claims),
        ):
            self._note(model, rows)

    def _agreement(self, cooperation, organisations, people) -> None:
        agreement = Agreement.objects.create(
            cooperation=cooperation,
            title="Yhteistyösopimus",
            copies_stated=len(organisations),
            status=Agreement.Status.IN_FORCE,
            in_force_from=datetime.date(self.first_year, 3, 1),
        )
        original = Version.objects.create(
            agreement=agreement,
            number=1,
            kind=Version.Kind.ORIGINAL,
            created_on=datetime.date(self.first_year, 1, 15),
        )
        amendment = Version.objects.create(
            agreement=agreement,
            number=2,
            kind=Version.Kind.AMENDMENT,
            description="Kustannusten jako",
            created_on=datetime.date(self.first_year + 1, 5, 1),
        )
        _bulk(
            Section,
            [
                Section(version=original, number=k, title=f"Pykälä {k}", text="Sopimusteksti.")
                for k in range(1, 14)
            ],
        )
        signatures = []
        for order, organisation in enumerate(organisations, start=1):
            party = AgreementParty.objects.create(agreement=agreement, organisation=organisation, order=order)
            person = people[organisation.pk][0]
            signatory = Signatory.objects.create(
                party=party, person=person, name_as_written=str(person), title_as_written="johtaja"
            )
            for version, day in (
                (original, datetime.date(self.first_year, 2, 1 + order)),
                (amendment, datetime.date(self.first_year + 1, 6, 1 + order)),
            ):
                signatures.append(
                    Signature(
                        version=version,
                        signatory=signatory,
                        signed_on=day,
                        esignature_reference=f"E-{agreement.pk}-{version.number}-{order}",
                    )
                )
        _bulk(Signature, signatures)
        self._note(Signature, signatures)

    def _year_work(self, cooperation, parties, municipalities) -> None:
        rnd = self.random
        objectives, lines, clients, days, costs, registrations = [], [], [], [], [], []
        for group in SteeringGroup.objects.filter(cooperation=cooperation):
            first, last = _day(group.term_start).year, _day(group.term_end).year
            for year in range(first, min(last, self.first_year + self.years - 1) + 1):
                objectives += [
                    Objective(
                        group=group,
                        year=year,
                        title=f"Tavoite {k} vuodelle {year}",
                        status=Objective.Status.PLANNED,
                        set_on=datetime.date(year, 3, 15),
                    )
                    for k in range(1, 4)
                    if year >= OBJECTIVES_FROM
                ]
                review = StaffingReview.objects.create(group=group, year=year)
                for party in parties:
                    for municipality in municipalities:
                        count = rnd.randint(1, 12)
                        lines.append(
                            StaffLine(
                                review=review,
                                organisation=party,
                                job_title="Työvalmentaja",
                                municipality=municipality,
                                headcount=count,
                                fte=Decimal(count) - Decimal("0.5"),
                            )
                        )
                        clients.append(
                            ClientLine(
                                review=review,
                                organisation=party,
                                municipality=municipality,
                                clients=rnd.randint(20, 900),
                            )
                        )
                for k in range(2):
                    days.append(
                        DevelopmentDay(
                            group=group,
                            date=datetime.date(year, 5 + 4 * k, 12),
                            title=f"Kehittämispäivä {year}/{k + 1}",
                        )
                    )
        _bulk(Objective, objectives)
        _bulk(StaffLine, lines)
        _bulk(ClientLine, clients)
        _bulk(DevelopmentDay, days)
        for day in days:
            costs.append(
                CostItem(
                    day=day,
                    description="Tilavuokra",
                    amount=Decimal(rnd.randint(300, 3000)),
                    paid_by=parties[0],
                )
            )
            registrations += [
                Registration(day=day, organisation=party, count=rnd.randint(1, 15)) for party in parties
            ]
        _bulk(CostItem, costs)
        _bulk(Registration, registrations)
        for model, rows in (
            (Objective, objectives),
            (StaffLine, lines),
            (ClientLine, clients),
            (DevelopmentDay, days),
            (CostItem, costs),
            (Registration, registrations),
        ):
            self._note(model, rows)
