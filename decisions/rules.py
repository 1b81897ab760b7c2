"""What makes a meeting, a decision, a notification or a claim valid on its own; checked before
every save (the database holds what it can: see the constraints on the models)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.validation import Errors

if TYPE_CHECKING:
    from decisions.models import AgendaItem, AppealPart, Attendance, Body, Claim, Meeting, Notification


def _fmt(day: datetime.date) -> str:
    return f"{day:%d.%m.%Y}"


@dataclass(frozen=True)
class Quorum:
    known: bool  # False when the number of members is not recorded
    present: int
    members: int | None = None
    reached: bool | None = None


def quorum(meeting: Meeting, attendances: list[Attendance] | None = None) -> Quorum:
    """More than the body's share of its members present (Kuntalaki § 103: more than half); a deputy
    substituting for a member counts for that member, an absent member does not. ATTENDANCES: the
    meeting's rows when already read."""
    rows = meeting.attendances.all() if attendances is None else attendances
    present = sum(1 for a in rows if a.capacity in ("member", "deputy"))
    members = meeting.member_count
    if not members:
        return Quorum(known=False, present=present)
    return Quorum(
        known=True,
        present=present,
        members=members,
        reached=present > members * meeting.body.quorum_share,
    )


def check_substitution(meeting: Meeting, *, person: Any, capacity: str, substitutes_for: Any) -> None:
    """A deputy counts for the quorum only in place of a member who is not there (Kuntalaki § 103): a
    deputy for a member recorded present, a second deputy for one member, and a member whose deputy
    already stands in for them are refused. Called under the meeting's lock (services)."""
    rows = meeting.attendances.all()
    if capacity == "deputy" and substitutes_for is not None:
        if rows.filter(person=substitutes_for, capacity="member").exists():
            raise ValidationError(
                _("%(member)s is present: a deputy cannot substitute for them.") % {"member": substitutes_for}
            )
        if rows.filter(substitutes_for=substitutes_for, capacity="deputy").exists():
            raise ValidationError(
                _("A deputy already substitutes for %(member)s at this meeting.")
                % {"member": substitutes_for}
            )
    if capacity == "member" and rows.filter(substitutes_for=person, capacity="deputy").exists():
        raise ValidationError(
            _(
                "A deputy substitutes for %(member)s at this meeting: record them as other person "
                "present, or remove the deputy first."
            )
            % {"member": person}
        )


def check_meeting(meeting: Meeting) -> None:
    errors = Errors()
    if meeting.published_on and not meeting.checked_on and not meeting.checked_undated:
        errors.add(
            "published_on", _("The minutes must be checked before they are put on the public network.")
        )
    elif meeting.published_on and meeting.checked_on and meeting.published_on < meeting.checked_on:
        errors.add("published_on", _("The minutes cannot be published before they are checked."))
    if meeting.checked_on and meeting.date and meeting.checked_on < meeting.date:
        errors.add("checked_on", _("The minutes cannot be checked before the meeting."))
    if (first := meeting.opening_number) and meeting.date and meeting.body_id:
        # The opening §§ (legality and quorum, minute-checkers) share the body's numbering of the year.
        taken = meeting.body.items.filter(year=meeting.date.year, number__in=(first, first + 1))
        if taken.exists():
            errors.add(
                "opening_number",
                _("§ %(first)s or § %(second)s is already a section of this body this year."),
                first=first,
                second=first + 1,
            )
    errors.raise_if_any()


def decision_date(item: AgendaItem) -> datetime.date | None:
    return item.decided_on or (item.meeting.date if item.meeting_id else None)


def check_item(item: AgendaItem) -> None:
    errors = Errors()
    if item.meeting_id and item.body_id and item.meeting.body_id != item.body_id:
        errors.add("body", _("The section belongs to the body whose meeting decided it."))
    if item.meeting_id and item.meeting.date and item.year != item.meeting.date.year:
        errors.add(
            "year",
            _("The section is numbered in the year of its meeting (%(year)s)."),
            year=item.meeting.date.year,
        )
    if item.decided_on and item.meeting_id and item.meeting.date and item.decided_on != item.meeting.date:
        errors.add("decided_on", _("The decision date is the date of the meeting."))
    errors.raise_if_any()


def check_notification(notification: Notification) -> None:
    errors = Errors()
    decided = decision_date(notification.item) if notification.item_id else None
    # clean() runs even when a field failed (no sent_on): compare only what is there.
    if decided and notification.sent_on and notification.sent_on < decided:
        errors.add(
            "sent_on", _("A decision cannot be notified before it is made (%(day)s)."), day=_fmt(decided)
        )
    if (
        notification.proven_receipt_on
        and notification.sent_on
        and notification.proven_receipt_on < notification.sent_on
    ):
        errors.add("proven_receipt_on", _("A letter cannot be received before it is sent."))
    if (earlier := notification.reissue_of) is not None:
        if earlier.item_id != notification.item_id:
            errors.add("reissue_of", _("The notification re-issued belongs to another decision."))
        elif notification.sent_on and notification.sent_on < earlier.sent_on:
            errors.add(
                "sent_on",
                _("Corrected instructions are sent after the notification they correct (%(day)s)."),
                day=_fmt(earlier.sent_on),
            )
        if not notification.reissue_reason.strip():
            errors.add("reissue_reason", _("Say why the appeal instructions are re-issued."))
    errors.raise_if_any()


def check_claim(claim: Claim) -> None:
    """What a claim's record must hold together. A claim is recorded whatever it is (late, without
    standing, against a no-appeal part): those are grounds to dismiss it, not to refuse to record it."""
    errors = Errors()
    if claim.part_id and claim.item_id and claim.part.item_id != claim.item_id:
        errors.add("part", _("The part belongs to another decision."))
    if (notified := claim.notification) is not None and notified.item_id != claim.item_id:
        errors.add("notification", _("The notification belongs to another decision."))
    decided = decision_date(claim.item) if claim.item_id else None
    if decided and claim.received_on and claim.received_on < decided:
        errors.add(
            "received_on", _("A claim cannot be received before the decision (%(day)s)."), day=_fmt(decided)
        )
    if (deciding := claim.decided_in) is not None and claim.item_id:
        if deciding.pk == claim.item_id:
            errors.add(
                "decided_in", _("A claim is decided in a later section, not in the decision claimed against.")
            )
        elif (
            claim.part_id
            and claim.part.kind in ("rectification", "admin_rectification", "no_appeal")
            and deciding.body_id != claim.item.body_id
        ):
            # A rectification claim is decided by the body whose decision it is (Kuntalaki § 134;
            # under a special act, Hallintolaki § 49 d (1)).
            errors.add("decided_in", _("A rectification claim is decided by the body whose decision it is."))
        deciding_day = decision_date(deciding)
        if deciding_day and claim.received_on and deciding_day < claim.received_on:
            errors.add("decided_in", _("A claim cannot be decided before it is received."))
    if claim.outcome != "pending" and not claim.decided_in_id and not claim.decision_reference.strip():
        errors.add("outcome", _("An outcome is recorded with the decision that gave it."))
    errors.raise_if_any()


def appeal_kinds(body: Body, *, decides_claim: bool = False) -> list[str]:
    """The appeal instructions a body's decisions can carry (#13 item 4).

    Any decision that concerns only preparation or implementation carries a no-appeal notice (Kuntalaki
    § 136). A municipal body's own decision goes first to a rectification claim (§ 134, § 138); the
    municipal appeal to the court (§ 135) lies only against a council's decision and against a decision
    on a rectification claim. A decision under a special act is appealed as that act says (hallintovalitus).
    A cooperation body is no municipal authority: no rectification claim, no municipal appeal.
    Where the special act requires a rectification claim before the appeal, the claim follows
    Hallintolaki 434/2003 ch. 7 a (§ 49 b (1): no appeal before it; § 49 c: 30 days; § 49 d: to the
    authority that decided), and only the decision on it goes to the administrative court."""
    if body.kind == "municipal":
        kinds = ["no_appeal"]
        if not body.council:
            kinds.append("rectification")
        if body.council or decides_claim:
            kinds.append("municipal_appeal")
        return [*kinds, "admin_rectification", "court_appeal"]
    return ["no_appeal", "admin_rectification", "court_appeal"]


MUNICIPAL_APPEAL_REFUSED = _(
    "A municipal appeal lies only against a council's decision or a decision on a rectification claim "
    "(Kuntalaki § 134, § 135); a board's own decision goes first to a rectification claim."
)


def check_appeal_part(part: AppealPart) -> None:
    errors = Errors()
    if part.item_id:
        item = part.item
        decides_claim = item.pk is not None and item.decided_claims.exists()
        if part.kind not in appeal_kinds(item.body, decides_claim=decides_claim):
            if part.kind == "municipal_appeal":
                errors.add("kind", MUNICIPAL_APPEAL_REFUSED)
            else:
                errors.add("kind", _("These appeal instructions do not apply to this body."))
    errors.raise_if_any()


def members_have_standing(part: AppealPart, item: AgendaItem, *, claim_upheld: bool = False) -> bool:
    """Whether municipal members (and a joint body's member municipalities) may claim or appeal against
    PART, so that a period runs for them from the publication of the minutes (Kuntalaki § 137, § 140).

    - rectification claim: yes (§ 137 (1), (2));
    - municipal appeal against a council's decision: yes (§ 137 (1));
    - municipal appeal against a decision on a claim: only the claimant, unless the claim changed the
      decision, when also the parties and the members (§ 137 (3));
    - appeal under a special act, and the rectification claim it requires first (Hallintolaki
      § 49 b (2)): standing follows that act, not municipal membership."""
    if item.body.kind != "municipal":
        return False
    if part.kind == "rectification":
        return True
    if part.kind == "municipal_appeal":
        return item.body.council or claim_upheld
    return False


def publish_problems(meeting: Meeting, items: list[AgendaItem]) -> list[str]:
    """What check_publishable would refuse, as sentences for the confirmation page (none when ready)."""
    try:
        check_publishable(meeting, items)
    except ValidationError as error:
        return list(error.messages)
    return []


def check_publishable(meeting: Meeting, items: list[AgendaItem]) -> None:
    """What must be true before minutes go on the public network: checked (Kuntalaki § 140), and every
    section has its outcome and, unless tabled, its appeal instructions (Kuntalaki § 136-138)."""
    errors = Errors()
    if not meeting.checked_on and not meeting.checked_undated:
        errors.add("__all__", _("The minutes must be checked before they are put on the public network."))
    if not items:
        errors.add("__all__", _("The minutes have no sections."))
    for item in items:
        if not item.outcome:
            errors.add("__all__", _("%(section)s has no decision recorded."), section=item.section)
        elif item.outcome != "tabled" and not item.appeal_parts.all():
            errors.add("__all__", _("%(section)s has no appeal instructions."), section=item.section)
        elif any(p.kind in ("municipal_appeal", "court_appeal") for p in item.appeal_parts.all()) and not (
            meeting.body.court_recorded
        ):
            # The court appeal instructions name the court and how to reach it (Hallintolaki § 47).
            errors.add(
                "__all__",
                _(
                    "%(section)s can be appealed to the administrative court: record the court's name, "
                    "postal address and e-mail or e-service on the body first."
                ),
                section=item.section,
            )
    errors.raise_if_any()
