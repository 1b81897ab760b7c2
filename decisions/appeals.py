"""Where a decision stands: each appeal period (municipal members' from publication, each notified
party's from receipt), when personal data comes off the public network, and when it becomes final."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from decisions import deadlines
from decisions.models import AgendaItem, AppealPart, Body, Claim


@dataclass
class Period:
    part: AppealPart
    who: str
    computation: deadlines.Computation


@dataclass
class Status:
    periods: list[Period] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)  # what keeps the decision from becoming final
    warnings: list[str] = field(default_factory=list)  # what to check, without stopping finality
    personal_data_removed_on: datetime.date | None = None
    final_on: datetime.date | None = None
    claims: list[Claim] = field(default_factory=list)

    @property
    def last_day(self) -> datetime.date | None:
        return max((p.computation.last_day for p in self.periods), default=None)

    def is_final_on(self, day: datetime.date) -> bool:
        return self.final_on is not None and day >= self.final_on


def status(item: AgendaItem) -> Status:
    """ITEM's appeal periods and legal state. Reads parts, notifications and claims (prefetch them)."""
    result = Status(claims=list(item.claims.all()))
    meeting = item.meeting
    parts = [(p, kind) for p in item.appeal_parts.all() if (kind := p.deadline_kind)]
    notifications = list(item.notifications.all())
    for part, kind in parts:
        # Municipal members may claim rectification of a municipal body's decision (Kuntalaki § 137);
        # their period runs from the publication of the minutes (§ 140).
        if item.body.kind == Body.Kind.MUNICIPAL:
            if meeting.published_on:
                result.periods.append(
                    Period(
                        part,
                        _("municipal members and the member municipalities")
                        if item.body.joint_members
                        else _("municipal members"),
                        deadlines.compute(kind, deadlines.Method.PUBLICATION, meeting.published_on),
                    )
                )
            else:
                result.gaps.append(
                    _(
                        "The minutes have not been put on the public network: the municipal "
                        "members' period has not started."
                    )
                )
        for notification in notifications:
            method, date = notification.method, notification.sent_on
            if notification.proven_receipt_on:
                method, date = deadlines.Method.RECEIVED, notification.proven_receipt_on
            elif notification.no_deemed_receipt:
                # No consent to electronic service: no deemed receipt (Act 13/2003 § 19).
                gap = _(
                    "%(recipient)s: the e-mail gives no deemed receipt without consent to electronic "
                    "service. Notify again by letter, or record the receipt the recipient acknowledges."
                ) % {"recipient": notification.recipient}
                if gap not in result.gaps:
                    result.gaps.append(gap)
                continue
            elif notification.method == "email" and notification.consent == "unknown":
                warning = _(
                    "%(recipient)s: consent to electronic service is not recorded; the 3-day rule is "
                    "applied as if it were given (Act 13/2003 § 19). Record the consent or notify by letter."
                ) % {"recipient": notification.recipient}
                if warning not in result.warnings:
                    result.warnings.append(warning)
            result.periods.append(Period(part, notification.recipient, deadlines.compute(kind, method, date)))
    if parts and not notifications:
        # Finality holds for the recipients recorded only (#13 item 8): a party never notified still
        # has its period ahead of it.
        result.warnings.append(
            _(
                "No party of the decision has been notified: it becomes final only with respect to the "
                "recipients recorded here."
            )
        )
    members_last = [p.computation.last_day for p in result.periods if p.computation.method == "publication"]
    if members_last:
        # Personal data comes off the public network when the appeal period ends (Kuntalaki § 140).
        result.personal_data_removed_on = max(members_last) + datetime.timedelta(days=1)
    if result.claims:
        result.gaps.append(_("A claim has been received: the decision is not final until it is resolved."))
    elif parts and result.periods and not result.gaps and (last_day := result.last_day) is not None:
        # Final (lainvoimainen) when the last period has ended without a claim.
        result.final_on = last_day + datetime.timedelta(days=1)
    return result


PLACEHOLDER = "[henkilötieto poistettu]"


def public_text(item: AgendaItem, text: str, on: datetime.date, removal_on: datetime.date | None) -> str:
    """TEXT as the public network may show it on ON: personal data replaced once the period has ended
    (Kuntalaki § 140)."""
    if removal_on is None or on < removal_on:
        return text
    return redact(text, item.personal_data)


def redact(text: str, personal_data: str) -> str:
    """TEXT with every listed term replaced: from a word's start, in any case, with any Finnish
    inflection suffix after the term (Jämsä → Jämsän, JÄMSÄLLÄ), the longest term first so a full name
    goes before its parts. A stem that changes (Uosukainen → Uosukaisen) needs its own line."""
    terms = sorted({t.strip() for t in personal_data.splitlines() if t.strip()}, key=len, reverse=True)
    if not terms or not text:
        return text
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(term)}\w*" for term in terms), re.IGNORECASE)
    return pattern.sub(PLACEHOLDER, text)
