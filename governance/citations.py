"""What a rule cites of the cooperation's own documents, read per cooperation (#26 item 5).

Every cooperation has its own agreement with its own numbering: one writes the steering group in § 8,
another in § 5. A rule therefore names the TOPIC it rests on (`Cite(law, topics=...)`), and the
citation is made when the rule is evaluated, from the sections the cooperation's agreement records
for its topics (agreements.TopicSection). A topic the agreement does not map is cited without a
number ("the agreement's section on termination"), and the agreements app reports the missing
mapping as a finding of its own (AG-CITATIONS). The parties' own approving decisions are cited as
each party recorded them (agreements.PartyApproval).

The agreement lives in an app above this one; it provides its facts through provides_agreement()."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from governance.compliance import GroupFacts


class Topic(models.TextChoices):
    """What the rules and pages cite of an agreement. Each agreement records the section holding each."""

    PARTIES = "parties", gettext_lazy("parties")
    OBJECTIVES = "objectives", gettext_lazy("objectives")
    STAFFING = "staffing", gettext_lazy("staffing")
    STEERING_GROUP = "steering_group", gettext_lazy("steering group and leading person")
    COSTS = "costs", gettext_lazy("costs")
    ACCESS_RIGHTS = "access_rights", gettext_lazy("customer register and access rights")
    ENTRY_INTO_FORCE = "entry_into_force", gettext_lazy("entry into force")
    AMENDMENTS = "amendments", gettext_lazy("amendments")
    COPIES = "copies", gettext_lazy("copies")
    TERMINATION = "termination", gettext_lazy("termination")
    DISPUTES = "disputes", gettext_lazy("disputes")
    SIGNATURES = "signatures", gettext_lazy("signatures")


@dataclass(frozen=True)
class AgreementFacts:
    """What citations read of a cooperation's agreement: the section of each topic it maps, and the
    approving decisions its parties recorded, each as one line ("Body § 16/2025, 18.3.2025")."""

    sections: Mapping[str, int] = field(default_factory=dict)
    approvals: tuple[str, ...] = ()


Provider = Callable[["GroupFacts"], "AgreementFacts | None"]
_PROVIDERS: list[Provider] = []


def provides_agreement(provider: Provider) -> Provider:
    """Register PROVIDER(facts): the cooperation's agreement facts, or None without an agreement."""
    _PROVIDERS.append(provider)
    return provider


def agreement_facts(facts: GroupFacts) -> AgreementFacts | None:
    """The agreement facts of the group's cooperation, read once per evaluation."""
    if "agreement_facts" not in facts.extra:
        found = None
        for provider in _PROVIDERS:
            found = provider(facts)
            if found is not None:
                break
        facts.extra["agreement_facts"] = found
    result: AgreementFacts | None = facts.extra["agreement_facts"]
    return result


def section_citation(sections: Mapping[str, int], topics: Iterable[str]) -> str:
    """The agreement's sections holding TOPICS as the agreement numbers them ("agreement §§ 2, 8");
    a topic not mapped is named instead of numbered ("the agreement's section on disputes")."""
    numbers = sorted({sections[t] for t in topics if t in sections})
    unmapped = [t for t in topics if t not in sections]
    parts = []
    if len(numbers) == 1:
        parts.append(_("agreement § %(number)s") % {"number": numbers[0]})
    elif numbers:
        parts.append(_("agreement §§ %(numbers)s") % {"numbers": ", ".join(str(n) for n in numbers)})
    for topic in unmapped:
        parts.append(_("the agreement's section on %(topic)s") % {"topic": Topic(topic).label})
    return "; ".join(parts)


@dataclass(frozen=True)
class Cite:
    """A rule's citation: the law it rests on (as written, e.g. "VNA 388/2024 (kokoonpano)"), the
    agreement's TOPICS, and with APPROVALS the parties' own approving decisions."""

    law: str = ""
    topics: tuple[str, ...] = ()
    approvals: bool = False

    def render(self, facts: GroupFacts) -> str:
        parts = [self.law] if self.law else []
        if self.topics or self.approvals:
            found = agreement_facts(facts) or AgreementFacts()
            if self.topics:
                parts.append(section_citation(found.sections, self.topics))
            if self.approvals:
                parts.append(
                    _("approving decisions: %(decisions)s") % {"decisions": ", ".join(found.approvals)}
                    if found.approvals
                    else _("the parties' approving decisions (not recorded)")
                )
        return "; ".join(parts)

    def __str__(self) -> str:
        """Without a cooperation (a list of the rules): the topics named, never numbered."""
        return "; ".join(filter(None, [self.law, section_citation({}, self.topics)]))
