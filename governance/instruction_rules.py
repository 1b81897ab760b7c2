"""The appeal instructions of the cooperation's bodies, in the steering group's compliance report.

Kuntalaki 410/2015 § 134: a rectification claim against a body's decision is made to that same body
(against an officer's decision, to the body above the officer). The printed instructions state the law
and name the body itself; a source that names another authority survives only as the body's recorded
note and as a finding here, with the re-issue rule: instructions given with the wrong authority are
re-issued, and the period runs from the new notification (Hallintolaki 434/2003 § 49 (3); #28).

The steering group's set-up decision is read too (#28): naming the members and the chair is a final
decision, so a no-appeal notice on it is wrong (Kuntalaki § 136; Hallintolaki § 49 (1)); and the
vice-chair is named by the wellbeing services county (VNA 388/2024), not chosen by the board.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from decisions.models import AgendaItem, AppealPart, Body
from governance.compliance import GroupFacts, Severity, loads_facts, rule


def names_another_authority(body: Body) -> bool:
    """Whether BODY's recorded claim authority is some other body than BODY itself."""
    named = " ".join(body.claim_authority_fi.split()).casefold()
    own = " ".join(body.name_fi.split()).casefold()
    return bool(named) and named != own and named not in own


@loads_facts
def _all_bodies(facts: list[GroupFacts]) -> None:
    """The municipal bodies that decide rectification claims, of every group's cooperation at once."""
    # EXISTS stops at a body's first rectification part; a join with DISTINCT read every section the
    # bodies ever decided (68 ms at national scale, #15).
    rectifiable = AppealPart.objects.filter(item__body=OuterRef("pk"), kind="rectification")
    bodies = list(
        Body.objects.filter(
            Exists(rectifiable),
            area__cooperation_id__in={f.group.cooperation_id for f in facts},
            kind=Body.Kind.MUNICIPAL,
        )
        .select_related("area")
        .order_by("name_fi")
    )
    for f in facts:
        f.extra["rectifying_bodies"] = [b for b in bodies if b.area.cooperation_id == f.group.cooperation_id]


@rule(
    "DE-CLAIM-AUTHORITY",
    gettext_lazy("Rectification claims go to the body whose decision it is"),
    citation="Kuntalaki 410/2015 § 134; Hallintolaki 434/2003 § 49 (3)",
    severity=Severity.WARNING,
)
def claims_go_to_the_deciding_body(facts: GroupFacts) -> Iterator[str]:
    if "rectifying_bodies" not in facts.extra:
        _all_bodies([facts])
    for body in facts.extra["rectifying_bodies"]:
        if names_another_authority(body):
            yield _(
                "The source's appeal instructions of %(body)s direct rectification claims to %(named)s; a "
                "claim against the body's own decision is made to the body itself, and the printed "
                "instructions say so. Instructions already given with the source's wording must be "
                "re-issued: the period runs from the new notification (Hallintolaki § 49 (3))."
            ) % {"body": body.name_fi, "named": body.claim_authority_fi}


@loads_facts
def _all_set_up_decisions(facts: list[GroupFacts]) -> None:
    """Each group's set-up decision by a municipal body, with whether it carries a no-appeal notice."""
    ids = {f.group.set_up_decision_id for f in facts if f.group.set_up_decision_id}
    found: dict[int, AgendaItem] = {}
    if ids:
        no_appeal = AppealPart.objects.filter(item=OuterRef("pk"), kind=AppealPart.Kind.NO_APPEAL)
        found = {
            item.pk: item
            for item in AgendaItem.objects.filter(pk__in=ids, body__kind=Body.Kind.MUNICIPAL)
            .annotate(has_no_appeal=Exists(no_appeal))
            .select_related("body")
            .only("year", "number", "proposal", "decision", "body__name_fi", "body__kind")
        }
    for f in facts:
        f.extra["set_up_decision"] = found.get(f.group.set_up_decision_id or 0)


def _set_up_decision(facts: GroupFacts) -> AgendaItem | None:
    if "set_up_decision" not in facts.extra:
        _all_set_up_decisions([facts])
    item: AgendaItem | None = facts.extra["set_up_decision"]
    return item


@rule(
    "DE-NAMING-APPEALABLE",
    gettext_lazy("Naming the steering group's members and chair is open to a rectification claim"),
    citation="Kuntalaki 410/2015 §§ 134, 136; Hallintolaki 434/2003 § 49 (1), (3)",
    severity=Severity.WARNING,
)
def naming_is_not_mere_preparation(facts: GroupFacts) -> Iterator[str]:
    item = _set_up_decision(facts)
    if item is not None and getattr(item, "has_no_appeal", False):
        yield _(
            "%(section)s of %(body)s carries a no-appeal notice on the part that names the steering "
            "group's members and chair. Naming them is a final decision, not mere preparation or "
            "implementation: a rectification claim lies against it. The instructions must be corrected "
            "and re-issued, and the period runs from the new notification (Hallintolaki § 49 (1), (3))."
        ) % {"section": item.section, "body": item.body.name_fi}


@rule(
    "SG-VICE-CHAIR-CHOSEN",
    gettext_lazy("The board does not choose the vice-chair"),
    citation="VNA 388/2024 (varapuheenjohtaja)",
    severity=Severity.WARNING,
)
def the_board_does_not_choose_the_vice_chair(facts: GroupFacts) -> Iterator[str]:
    item = _set_up_decision(facts)
    if item is not None and "varapuheenjohtaja" in f"{item.proposal} {item.decision}".casefold():
        yield _(
            "%(section)s of %(body)s also chooses the vice-chair, whom the wellbeing services county "
            "names: the county's own naming decision is what counts, and the board's choice has no effect."
        ) % {"section": item.section, "body": item.body.name_fi}
