"""What makes a meeting, a decision, a notification or a claim valid on its own; checked before
every save (the database holds what it can: see the constraints on the models)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _fmt(day) -> str:
    return day.strftime("%d.%m.%Y")


@dataclass(frozen=True)
class Quorum:
    known: bool  # False when the number of members is not recorded
    present: int
    members: int | None = None
    reached: bool | None = None


def quorum(meeting) -> Quorum:
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


def check_meeting(meeting) -> None:
    errors = {}
    if meeting.published_on and not meeting.checked_on:
        errors["published_on"] = _("The minutes must be checked before they are put on the public network.")
    elif meeting.published_on and meeting.checked_on and meeting.published_on < meeting.checked_on:
        errors["published_on"] = _("The minutes cannot be published before they are checked.")
    if meeting.checked_on and meeting.date and meeting.checked_on < meeting.date:
        errors["checked_on"] = _("The minutes cannot be checked before the meeting.")
    _raise(errors)


def decision_date(item):
    return item.decided_on or (item.meeting.date if item.meeting_id else None)


def check_item(item) -> None:
    errors = {}
    if item.meeting_id and item.body_id and item.meeting.body_id != item.body_id:
        errors["body"] = _("The section belongs to the body whose meeting decided it.")
    if item.meeting_id and item.meeting.date and item.year != item.meeting.date.year:
        errors["year"] = _("The section is numbered in the year of its meeting (%(year)s).") % {
            "year": item.meeting.date.year
        }
    if item.decided_on and item.meeting_id and item.meeting.date and item.decided_on != item.meeting.date:
        errors["decided_on"] = _("The decision date is the date of the meeting.")
    _raise(errors)


def check_notification(notification) -> None:
    errors = {}
    decided = decision_date(notification.item) if notification.item_id else None
    if decided and notification.sent_on < decided:
        errors["sent_on"] = _("A decision cannot be notified before it is made (%(day)s).") % {
            "day": _fmt(decided)
        }
    if notification.method == "email" and not notification.consent_recorded:
        errors["consent_recorded"] = _(
            "Ordinary electronic notification needs the recipient's recorded consent."
        )
    if notification.proven_receipt_on and notification.proven_receipt_on < notification.sent_on:
        errors["proven_receipt_on"] = _("A letter cannot be received before it is sent.")
    _raise(errors)


def check_claim(claim) -> None:
    errors = {}
    if claim.part_id and claim.item_id and claim.part.item_id != claim.item_id:
        errors["part"] = _("The part belongs to another decision.")
    elif claim.part_id and claim.part.kind == "no_appeal":
        errors["part"] = _("This part of the decision cannot be appealed (Kuntalaki § 136).")
    decided = decision_date(claim.item) if claim.item_id else None
    if decided and claim.received_on and claim.received_on < decided:
        errors["received_on"] = _("A claim cannot be received before the decision (%(day)s).") % {
            "day": _fmt(decided)
        }
    _raise(errors)
