"""The compliance mechanism: named rules, each with its citation and severity, evaluated per
steering group. Apps add their rules with @rule in their own module (imported in AppConfig.ready),
so the agreement, objectives and staffing checks join the same report."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from governance.models import LeadershipAppointment, Membership, Nomination, SteeringGroup
from organisations.models import Organisation


class Severity(models.TextChoices):
    ERROR = "error", _("error")
    WARNING = "warning", _("warning")
    INFO = "info", _("note")


SEVERITY_ORDER: dict[str, int] = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    title: str
    message: str
    citation: str
    # The front page's plain words for all of one rule's findings (e.g. "waiting for 3 of 7
    # signatures"), and whether they mean work in progress rather than something wrong (#29 item 3).
    summary: str = ""
    waiting: bool = False

    def as_dict(self) -> dict[str, str]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "title": self.title,
            "message": self.message,
            "citation": self.citation,
        }


Check = Callable[["GroupFacts"], Iterable[str]]


class Citation(Protocol):
    """A citation made per cooperation when the rule is evaluated (governance.citations.Cite)."""

    def render(self, facts: GroupFacts) -> str: ...


@dataclass(frozen=True)
class Rule:
    code: str
    title: Promise | str  # a lazy translation
    citation: str | Citation  # as written, or made from the cooperation's own agreement
    severity: str
    check: Check
    # For the front page: one line for all the rule's findings of a group, and whether a finding is
    # something awaited (a signature not yet given) rather than wrong (#29 item 3).
    summary: Callable[[GroupFacts, list[str]], str] | None = None
    waiting: bool = False

    def cite(self, facts: GroupFacts) -> str:
        return self.citation if isinstance(self.citation, str) else self.citation.render(facts)


REGISTRY: dict[str, Rule] = {}


def rule(
    code: str,
    title: Promise | str,
    *,
    citation: str | Citation,
    severity: str,
    summary: Callable[[GroupFacts, list[str]], str] | None = None,
    waiting: bool = False,
) -> Callable[[Check], Check]:
    """Register CHECK as rule CODE. CHECK(facts) yields one message per problem it finds."""

    def register(check: Check) -> Check:
        REGISTRY[code] = Rule(code, title, citation, severity, check, summary, waiting)
        return check

    return register


SEAT_RELATIONS = (
    "person",
    "organisation",
    "deputy_of",
    "role_named_in__organisation",
    "represents",
    "employer",
)


@dataclass
class GroupFacts:
    """What the rules read about one group as it stood on one day, loaded with a fixed number of
    queries. Every dated record is judged by its dates on that day (each model's in_force_on() and
    on(), core.periods), never by whether an end is recorded: a seat ending next month still counts."""

    group: SteeringGroup
    # The day the facts describe: today for a page (the default), 31.12.Y for year Y's annual report.
    today: datetime.date = field(default_factory=timezone.localdate)
    # What other apps' rules load once and keep here (e.g. the agreement), by name.
    extra: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def seats(self) -> list[Membership]:
        """Every seat, past, present and future (the history and the timeline show them all)."""
        return list(
            self.group.memberships.select_related(*SEAT_RELATIONS).order_by("organisation__name_fi", "pk")
        )

    @cached_property
    def current_seats(self) -> list[Membership]:
        """The seats held on the day."""
        return [s for s in self.seats if s.in_force_on(self.today)]

    @cached_property
    def current_members(self) -> list[Membership]:
        return [s for s in self.current_seats if s.capacity == "member"]

    @cached_property
    def nominations(self) -> list[Nomination]:
        """The nomination decisions taken by the day."""
        return list(self.group.nominations.on(self.today).select_related("organisation", "decided_by"))

    @cached_property
    def leadership(self) -> list[LeadershipAppointment]:
        """The leading person and deputy in office on the day."""
        return list(self.group.leadership.on(self.today).select_related("person"))

    @cached_property
    def parties(self) -> list[Organisation]:
        """The parties taking part on the day."""
        return list(self.group.cooperation.parties(self.today))


def evaluate(
    group: SteeringGroup,
    today: datetime.date | None = None,
    *,
    facts: GroupFacts | None = None,
    prefix: str = "",
) -> list[Finding]:
    """Every registered rule's findings for GROUP, or those whose code starts with PREFIX (a page that
    shows only the agreement's rules reads only their facts); pass FACTS a page has already loaded to
    reuse them."""
    facts = facts or GroupFacts(group, today or timezone.localdate())
    found = []
    for rule_ in REGISTRY.values():
        if rule_.code.startswith(prefix):
            messages = [str(message) for message in rule_.check(facts)]
            if messages:
                found.append((rule_, messages))
    # Cited after every check has run: the rules that read the agreement have loaded it by then.
    findings = [
        Finding(rule_.code, rule_.severity, str(rule_.title), message, cited, summary, rule_.waiting)
        for rule_, messages in found
        for cited in [rule_.cite(facts)]
        for summary in [rule_.summary(facts, messages) if rule_.summary else ""]
        for message in messages
    ]
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.rule))


# Apps whose rules read facts of their own register a loader that fills facts.extra for many groups
# at once; evaluate_many() runs them, so a list of groups costs the queries of one (#15).
BulkLoader = Callable[[list[GroupFacts]], None]
BULK_LOADERS: list[BulkLoader] = []


def loads_facts(loader: BulkLoader) -> BulkLoader:
    """Register LOADER(facts): it puts into each facts.extra what the app's rules would read alone."""
    BULK_LOADERS.append(loader)
    return loader


def day_of(facts: list[GroupFacts]) -> datetime.date:
    """The one day a bulk loader's FACTS describe: evaluate_many() gives every group the same day."""
    days = {f.today for f in facts}
    if len(days) != 1:
        raise ValueError(f"facts of several days loaded together: {sorted(days)}")
    return days.pop()


def evaluate_many(
    groups: Iterable[SteeringGroup], today: datetime.date | None = None
) -> dict[int, list[Finding]]:
    """evaluate() for each of GROUPS, by group id, their facts loaded for all of them at once: the
    same number of queries for one group and for a page of a hundred."""
    day = today or timezone.localdate()
    facts = [GroupFacts(group, day) for group in groups]
    if facts:
        _load_common(facts)
        for loader in BULK_LOADERS:
            loader(facts)
    return {f.group.pk: evaluate(f.group, facts=f) for f in facts}


def _load_common(facts: list[GroupFacts]) -> None:
    """The GroupFacts properties (seats, nominations, leadership, parties) for every group at once."""
    ids = [f.group.pk for f in facts]
    day = day_of(facts)
    seats: dict[int, list[Membership]] = defaultdict(list)
    nominations: dict[int, list[Nomination]] = defaultdict(list)
    leadership: dict[int, list[LeadershipAppointment]] = defaultdict(list)
    for seat in (
        Membership.objects.filter(group__in=ids)
        .select_related(*SEAT_RELATIONS)
        .order_by("organisation__name_fi", "pk")
    ):
        seats[seat.group_id].append(seat)
    for nomination in (
        Nomination.objects.on(day).filter(group__in=ids).select_related("organisation", "decided_by")
    ):
        nominations[nomination.group_id].append(nomination)
    for appointment in LeadershipAppointment.objects.on(day).filter(group__in=ids).select_related("person"):
        leadership[appointment.group_id].append(appointment)
    parties = Organisation.objects.parties_by_cooperation((f.group.cooperation_id for f in facts), day)
    for f in facts:
        pk = f.group.pk
        # what the cached properties would have read, put where functools.cached_property keeps it
        f.__dict__.update(
            seats=seats[pk],
            nominations=nominations[pk],
            leadership=leadership[pk],
            parties=parties[f.group.cooperation_id],
        )


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == Severity.ERROR for f in findings)
