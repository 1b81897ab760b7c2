"""The appeal instructions of the cooperation's bodies, in the steering group's compliance report.

Kuntalaki 410/2015 § 134: a rectification claim against a body's decision is made to that same body
(against an officer's decision, to the body above the officer). A source that names another authority
is kept as written and flagged here; a claim sent to the wrong authority is transferred to the right
one (Hallintolaki 434/2003 § 21), but the instructions mislead the reader (#13 item 2).
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from decisions.models import AppealPart, Body
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
    citation="Kuntalaki 410/2015 § 134; Hallintolaki 434/2003 § 21",
    severity=Severity.WARNING,
)
def claims_go_to_the_deciding_body(facts: GroupFacts) -> Iterator[str]:
    if "rectifying_bodies" not in facts.extra:
        _all_bodies([facts])
    for body in facts.extra["rectifying_bodies"]:
        if names_another_authority(body):
            yield _(
                "The appeal instructions of %(body)s direct rectification claims to %(named)s; a claim "
                "against the body's own decision is made to the body itself (a claim sent elsewhere is "
                "transferred)."
            ) % {"body": body.name_fi, "named": body.claim_authority_fi}
