"""The steering group's section on the cooperation page, and its rows on the front page
(core/sections.py)."""

from dataclasses import dataclass, field
from functools import partial

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.sections import Change, Section, adds_rows, contributes
from governance import compliance
from governance.models import Membership, SteeringGroup
from organisations.access import rights_of
from organisations.models import Person


@contributes("cooperation", order=10)
def cooperation_groups(request, cooperation) -> Section:
    groups = cooperation.steering_groups.order_by("-term_start", "pk")
    return Section("governance/_cooperation_section.html", {"groups": groups})


# The front page (organisations.my_work): the rules found broken in the reader's own cooperations, each
# with a link to where it is put right, and the changes to the steering groups since the last visit.

# Where a finding of each rule family is put right.
FIX_AT = {
    "SG": lambda group: reverse("group-detail", args=[group.pk]) + "#composition-heading",
    "AG": lambda group: reverse("cooperation-detail", args=[group.cooperation.code]),
    "ST": lambda group: reverse("staffing-year", args=[group.pk, timezone.localdate().year]),
    "CO": lambda group: reverse("cooperation-detail", args=[group.cooperation.code]),
    "DE": lambda group: reverse("cooperation-detail", args=[group.cooperation.code]),
}
MAX_GROUPS = 10  # the front page stays quick: more groups are checked on their own pages


def _own_cooperations(user) -> set[int]:
    """The cooperations whose rules are the reader's to watch: where they are secretary or act for a
    party. A national administrator watches them all in the compliance report, not here."""
    rights = rights_of(user)
    own = set(rights.secretary_of)
    own |= {cooperation_id for cooperation_id, _organisation in rights.acting_for}
    return {pk for pk in own if rights.sees(pk)}


@dataclass
class FrontFinding:
    """One rule's findings for one steering group, as one line of the front page (#29 item 3)."""

    group: SteeringGroup
    rule: str
    severity: str
    title: str
    citation: str
    fix: str
    waiting: bool  # awaited from someone (e.g. a signature), not something wrong
    summary: str  # the plain-words line, or empty: then the messages speak for themselves
    messages: list[str] = field(default_factory=list)


@contributes("dashboard", order=10)
def dashboard_findings(request, _obj) -> Section | None:
    own = _own_cooperations(request.user)
    if not own:
        return None
    today = timezone.localdate()
    groups = list(
        SteeringGroup.objects.filter(cooperation__in=own)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=today))
        .select_related("cooperation")
        .order_by("cooperation__name_fi", "-term_start")[:MAX_GROUPS]
    )
    lines: dict[tuple[int, str], FrontFinding] = {}
    found = compliance.evaluate_many(groups, today)  # their facts at once (#15)
    for group in groups:
        for finding in found[group.pk]:
            if finding.severity == compliance.Severity.INFO:
                continue
            line = lines.get((group.pk, finding.rule))
            if line is None:
                fix = FIX_AT.get(finding.rule.split("-")[0], FIX_AT["SG"])(group)
                line = lines[group.pk, finding.rule] = FrontFinding(
                    group,
                    finding.rule,
                    finding.severity,
                    finding.title,
                    finding.citation,
                    fix,
                    finding.waiting,
                    finding.summary,
                )
            line.messages.append(finding.message)
    # What is wrong first, what is awaited last; within each, the cooperations in order.
    # By group (in the cooperations' order); in each, what is wrong first and what is awaited last.
    order = {group.pk: n for n, group in enumerate(groups)}
    rows = sorted(
        lines.values(),
        key=lambda f: (order[f.group.pk], f.waiting, compliance.SEVERITY_ORDER[f.severity]),
    )
    rights = rights_of(request.user)
    return Section(
        "governance/_dashboard_findings.html",
        {
            "rows": rows,
            "groups": groups,
            # Rule codes and their sources are for those who run the cooperation (#29 item 3).
            "shows_rules": rights.administrator or bool(rights.secretary_of),
        },
    )


@adds_rows("dashboard-changes")
def seat_changes(request, since) -> list[Change]:
    rights = rights_of(request.user)
    history = Membership.history.filter(history_date__gt=since).select_related("history_user")
    if rights.cooperations is not None:
        history = history.filter(group__cooperation__in=rights.cooperations)
    changes = []
    for row in history.order_by("-history_date")[:30]:
        text = {
            "+": _("%(person)s seated in %(group)s"),
            "~": _("The seat of %(person)s in %(group)s changed"),
            "-": _("The seat of %(person)s in %(group)s removed"),
        }[row.history_type]
        if row.history_type == "~" and row.end_date:
            text = _("The seat of %(person)s in %(group)s ended")
        changes.append((row, text, row.person_id))
    people = {p.pk: p for p in Person.objects.filter(pk__in=[c[2] for c in changes])}
    seats_of = SteeringGroup.objects.select_related("cooperation")  # a group is named with its cooperation
    groups = {g.pk: g for g in seats_of.filter(pk__in=[c[0].group_id for c in changes])}
    return [
        Change(
            at=row.history_date,
            text=text % {"person": people.get(person_id, "?"), "group": groups.get(row.group_id, "?")},
            link=reverse("group-detail", args=[row.group_id]),
            by=_who(row.history_user),
            alike=f"seat{kind}:{row.group_id}",
            summary=partial(_seats_summary, kind, groups.get(row.group_id, "?")),
        )
        for row, text, person_id in changes
        for kind in [_ended(row)]
    ]


def _ended(row) -> str:
    return "ended" if row.history_type == "~" and row.end_date else row.history_type


def _seats_summary(kind: str, group, count: int) -> str:
    """The front page's line for COUNT seat changes of one KIND in GROUP (#29 item 3)."""
    texts = {
        "+": ngettext("%(count)d seat added to %(group)s", "%(count)d seats added to %(group)s", count),
        "~": ngettext("%(count)d seat changed in %(group)s", "%(count)d seats changed in %(group)s", count),
        "-": ngettext(
            "%(count)d seat removed from %(group)s", "%(count)d seats removed from %(group)s", count
        ),
        "ended": ngettext("%(count)d seat ended in %(group)s", "%(count)d seats ended in %(group)s", count),
    }
    return texts[kind] % {"count": count, "group": group}


def _who(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""
