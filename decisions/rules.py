"""What makes a meeting, a decision, a notification or a claim valid on its own; checked before
every save (the database holds what it can: see the constraints on the models)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from core.validation import Errors

if TYPE_CHECKING:
    from decisions.models import AgendaItem, Claim, Meeting, Notification


def _fmt(day: datetime.date) -> str:
    return f"{day:%d.%m.%Y}"


@dataclass(frozen=True)
class Quorum:
    known: bool  # False when the number of members is not recorded
    present: int
    members: int | None = None
    reached: bool | None = None


def quorum(meeting: Meeting) -> Quorum:
    """More than the body's share of its members present (Kuntalaki § 103: more than half); a deputy
    substituting for a member counts for that member."""
    present = sum(1 for a in meeting.attendances.all() if a.capacity in ("member", "deputy"))
    if not meeting.member_count:
        return Quorum(known=False, present=present)
    return Quorum(
        known=True,
        present=present,
        members=meeting.member_count,
        reached=present > meeting.member_count * meeting.body.quorum_share,
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
    if decided and notification.sent_on < decided:
        errors.add(
            "sent_on", _("A decision cannot be notified before it is made (%(day)s)."), day=_fmt(decided)
        )
    if notification.proven_receipt_on and notification.proven_receipt_on < notification.sent_on:
        errors.add("proven_receipt_on", _("A letter cannot be received before it is sent."))
    errors.raise_if_any()


def check_claim(claim: Claim) -> None:
    errors = Errors()
    if claim.part_id and claim.item_id and claim.part.item_id != claim.item_id:
        errors.add("part", _("The part belongs to another decision."))
    elif claim.part_id and claim.part.kind == "no_appeal":
        errors.add("part", _("This part of the decision cannot be appealed (Kuntalaki § 136)."))
    decided = decision_date(claim.item) if claim.item_id else None
    if decided and claim.received_on and claim.received_on < decided:
        errors.add(
            "received_on", _("A claim cannot be received before the decision (%(day)s)."), day=_fmt(decided)
        )
    errors.raise_if_any()


def appeal_kinds(body_kind: str) -> list[str]:
    """The appeal instructions a body's decisions can carry. Any decision that concerns only preparation
    or implementation carries a no-appeal notice (Kuntalaki § 136); a municipal body's own decision goes
    first to a rectification claim (§ 134, § 138); a cooperation body is no municipal authority, so its
    decisions carry no municipal appeal: only an appeal under a special act, to the court."""
    if body_kind == "municipal":
        return ["no_appeal", "rectification", "court_appeal"]
    return ["no_appeal", "court_appeal"]


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
    errors.raise_if_any()
