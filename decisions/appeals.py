"""Where a decision stands: each appeal period (municipal members' from publication, each notified
party's from receipt), when personal data comes off the public network, and when it becomes final."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from decisions import deadlines, personal_names, rules
from decisions.models import AgendaItem, AppealPart, Body, Claim, Notification


def with_status_facts(items: QuerySet[AgendaItem], *, as_lists: bool = False) -> QuerySet[AgendaItem]:
    """ITEMS with everything status() reads, in a constant number of queries however many
    notifications and claims there are; a decided claim brings the facts of the decision on it.

    AS_LISTS loads each section's facts as plain lists (facts() reads them) instead of into its
    related managers: Django then builds no queryset per section and relation, a third of the time
    when thousands of sections are read at once (the daily reminders, #15). Templates that read
    `item.notifications.all` want the default."""
    deciding = ("appeal_parts", "notifications", "claims__part", "decided_claims")
    claims = Claim.objects.select_related("part", "decided_in__meeting", "decided_in__body").prefetch_related(
        *(f"decided_in__{name}" for name in deciding)
    )
    loaded = {"claims": claims}
    if as_lists:
        lookups = [Prefetch(name, loaded.get(name), to_attr=_LISTS[name]) for name in STATUS_FACTS]
    else:
        lookups = [Prefetch(name, loaded.get(name)) for name in STATUS_FACTS]
    return items.select_related("meeting", "body").prefetch_related(*lookups)


# The relations status() reads, and where with_status_facts(as_lists=True) puts them.
STATUS_FACTS = ("appeal_parts", "notifications", "decided_claims", "claims")
_LISTS = {name: f"{name}_loaded" for name in STATUS_FACTS}


def facts(item: AgendaItem, relation: str) -> list[Any]:
    """ITEM's RELATION (one of STATUS_FACTS) as loaded by with_status_facts, either way."""
    loaded = item.__dict__.get(_LISTS[relation])
    return list(loaded) if loaded is not None else list(getattr(item, relation).all())


@dataclass
class Period:
    part: AppealPart
    who: str
    computation: deadlines.Computation


@dataclass
class ClaimReview:
    """A received claim against the law: whether it came in time and may be examined (#13 item 6).
    None means it cannot be told yet from what is recorded."""

    claim: Claim
    last_day: datetime.date | None = None
    timely: bool | None = None
    admissible: bool | None = None
    reasons: list[str] = field(default_factory=list)

    @property
    def stops_finality(self) -> bool:
        # Only a timely, admissible claim keeps the decision from becoming final; one that cannot be
        # told yet is treated as if it were, until it is assessed.
        return self.timely is not False and self.admissible is not False


@dataclass
class Status:
    periods: list[Period] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)  # what keeps the decision from becoming final
    warnings: list[str] = field(default_factory=list)  # what to check, without stopping finality
    personal_data_removed_on: datetime.date | None = None
    final_on: datetime.date | None = None
    claims: list[Claim] = field(default_factory=list)
    reviews: list[ClaimReview] = field(default_factory=list)
    member_part_ids: set[int] = field(default_factory=set)  # parts municipal members may claim against

    @property
    def last_day(self) -> datetime.date | None:
        return max((p.computation.last_day for p in self.periods), default=None)

    def is_final_on(self, day: datetime.date) -> bool:
        return self.final_on is not None and day >= self.final_on


def _notification_period(kind: str, notification: Notification) -> deadlines.Computation | None:
    if notification.proven_receipt_on:
        return deadlines.compute(kind, deadlines.Method.RECEIVED, notification.proven_receipt_on)
    if notification.no_deemed_receipt:
        return None
    return deadlines.compute(kind, notification.method, notification.sent_on)


def _current(notifications: list[Notification]) -> list[Notification]:
    """The notifications whose periods run: one re-issued with corrected instructions replaces the
    earlier one, and the period runs from the new notification (Hallintolaki § 49 (3); #13 item 6)."""
    superseded = {n.reissue_of_id for n in notifications if n.reissue_of_id}
    return [n for n in notifications if n.pk not in superseded]


def _fmt(day: datetime.date) -> str:
    return f"{day:%d.%m.%Y}"


def review_claim(claim: Claim, item: AgendaItem, notifications: list[Notification]) -> ClaimReview:
    """Whether CLAIM came in time and may be examined: its part must be open to appeal (Kuntalaki § 136),
    the claimant must have standing (§ 137), and it must reach the registry at the latest on the
    claimant's last day before the registry closes (§ 138, Act 150/1930)."""
    review = ClaimReview(claim)
    part, body = claim.part, item.body
    if part.kind == AppealPart.Kind.NO_APPEAL:
        review.admissible = False
        review.reasons.append(
            _("No appeal lies against this part of the decision (Kuntalaki § 136).")
            if body.kind == Body.Kind.MUNICIPAL
            else _("No appeal lies against this part of the decision (Act 808/2019 § 6 (2)).")
        )
        return review
    standing = claim.standing
    members = standing in (Claim.Standing.MUNICIPAL_MEMBER, Claim.Standing.MEMBER_MUNICIPALITY)
    upheld = any(c.outcome == Claim.Outcome.UPHELD for c in facts(item, "decided_claims"))
    if standing == Claim.Standing.NONE:
        review.admissible = False
        review.reasons.append(_("The claimant has no standing (Kuntalaki § 137)."))
    elif members and not rules.members_have_standing(part, item, claim_upheld=upheld):
        review.admissible = False
        review.reasons.append(_("Municipal members have no standing against this part of the decision."))
    elif standing == Claim.Standing.UNASSESSED:
        review.reasons.append(_("The claimant's standing has not been assessed."))
    else:
        review.admissible = True
    kind = part.deadline_kind or deadlines.Kind.RECTIFICATION  # a no-appeal part returned above
    computation: deadlines.Computation | None = None
    started = True
    if claim.notification_id:
        notification = next((n for n in notifications if n.pk == claim.notification_id), None)
        if notification is None:
            notification = Notification.objects.get(pk=claim.notification_id)
        # A later notification with corrected instructions restarts the period.
        while (
            newer := next((n for n in notifications if n.reissue_of_id == notification.pk), None)
        ) is not None:
            notification = newer
        computation = _notification_period(kind, notification)
        started = computation is not None
        if not started:
            review.reasons.append(_("The claimant's period has not started: no receipt is proven."))
    elif members:
        if item.meeting.published_on:
            computation = deadlines.compute(kind, deadlines.Method.PUBLICATION, item.meeting.published_on)
        else:
            started = False
            review.reasons.append(_("The minutes are not on the public network: the period has not started."))
    elif standing == Claim.Standing.PARTY:
        started = False
        review.reasons.append(_("The claimant has not been notified: the period has not started."))
    if computation is None:
        review.timely = True if not started else None
        return review
    last = review.last_day = computation.last_day
    received = claim.received_on
    if received < last:
        review.timely = True
    elif received > last:
        review.timely = False
        review.reasons.append(_("Received after the last day, %(day)s.") % {"day": _fmt(last)})
    elif body.registry_closes_at is None:
        review.timely = True
    elif claim.received_at is None:
        review.reasons.append(
            _("Received on the last day; the time is not recorded, and the registry closes at %(time)s.")
            % {"time": body.registry_closes_at.strftime("%H:%M")}
        )
    elif claim.received_at <= body.registry_closes_at:
        review.timely = True
    else:
        review.timely = False
        review.reasons.append(
            _("Received on the last day after the registry closed at %(time)s.")
            % {"time": body.registry_closes_at.strftime("%H:%M")}
        )
    return review


def status(item: AgendaItem, *, _depth: int = 0) -> Status:
    """ITEM's appeal periods and legal state. Reads parts, notifications and claims (prefetch them, with
    decided_claims); a decided claim also reads the status of the decision on it."""
    result = Status(claims=facts(item, "claims"))
    meeting = item.meeting
    parts = [(p, kind) for p in facts(item, "appeal_parts") if (kind := p.deadline_kind)]
    all_notifications = facts(item, "notifications")
    notifications = _current(all_notifications)
    decided_claims = facts(item, "decided_claims")
    upheld = any(c.outcome == Claim.Outcome.UPHELD for c in decided_claims)
    for part, kind in parts:
        # Municipal members' period runs from the publication of the minutes (Kuntalaki § 140), where they
        # have standing (§ 137): see rules.members_have_standing.
        if rules.members_have_standing(part, item, claim_upheld=upheld):
            result.member_part_ids.add(part.pk)
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
                gap = _(
                    "The minutes have not been put on the public network: the municipal "
                    "members' period has not started."
                )
                if gap not in result.gaps:
                    result.gaps.append(gap)
        for notification in notifications:
            computation = _notification_period(kind, notification)
            if computation is None:
                # No recorded consent to electronic service: no deemed receipt (Act 13/2003 § 19).
                if notification.consent == "unknown":
                    gap = _(
                        "%(recipient)s: consent to electronic service is not recorded, so the e-mail "
                        "gives no deemed receipt and no finality can be certified (Act 13/2003 § 19). "
                        "Record the consent if it was given, or the receipt the recipient acknowledges, "
                        "or notify by letter."
                    ) % {"recipient": notification.recipient}
                else:
                    gap = _(
                        "%(recipient)s: the e-mail gives no deemed receipt without consent to electronic "
                        "service. Notify again by letter, or record the receipt the recipient acknowledges."
                    ) % {"recipient": notification.recipient}
                if gap not in result.gaps:
                    result.gaps.append(gap)
                continue
            result.periods.append(Period(part, notification.recipient, computation))
    if parts and not notifications:
        # Finality holds for the recipients recorded only (#13 item 8): a party never notified still
        # has its period ahead of it.
        result.warnings.append(
            _(
                "No party of the decision has been notified: it becomes final only with respect to the "
                "recipients recorded here."
            )
        )
    for claim in decided_claims:
        # The decision on a claim is given to the claimant, whose appeal period runs from it (§ 137 (3)).
        if not any(
            n.recipient.strip().casefold() == claim.claimant.strip().casefold() for n in notifications
        ):
            result.warnings.append(
                _("%(claimant)s, who made the claim decided here, has no notification of this decision.")
                % {"claimant": claim.claimant}
            )
    members_last = [p.computation.last_day for p in result.periods if p.computation.method == "publication"]
    parties_last = [p.computation.last_day for p in result.periods]
    if members_last:
        # Personal data comes off the public network when the appeal period ends (Kuntalaki § 140).
        result.personal_data_removed_on = max(members_last) + datetime.timedelta(days=1)
    elif parties_last and not result.gaps:
        # No members' period (an appeal, or the claim Hallintolaki ch. 7 a requires, under a special
        # act): the period that ends is the parties', once every party's has started.
        result.personal_data_removed_on = max(parties_last) + datetime.timedelta(days=1)
    waits_for: list[datetime.date] = []
    for claim in result.claims:
        review = review_claim(claim, item, all_notifications)
        result.reviews.append(review)
        if not review.stops_finality:
            if claim.outcome == Claim.Outcome.PENDING:
                result.warnings.append(
                    _(
                        "The claim by %(claimant)s does not stop the decision from becoming final (%(why)s); "
                        "it is still decided, dismissed without examination."
                    )
                    % {"claimant": claim.claimant, "why": " ".join(review.reasons)}
                )
            continue
        if claim.outcome == Claim.Outcome.PENDING:
            result.gaps.append(
                _("A claim by %(claimant)s is pending: the decision is not final until it is decided.")
                % {"claimant": claim.claimant}
            )
        elif (deciding := claim.decided_in) is not None and _depth < 3:
            decided = status(deciding, _depth=_depth + 1)
            if decided.final_on is None:
                result.gaps.append(
                    _("The decision on the claim by %(claimant)s (%(section)s) is not final yet.")
                    % {"claimant": claim.claimant, "section": deciding.section}
                )
            else:
                waits_for.append(decided.final_on)
        else:
            result.gaps.append(
                _("The claim by %(claimant)s was decided by %(reference)s: follow that decision's finality.")
                % {"claimant": claim.claimant, "reference": claim.decision_reference or "?"}
            )
    if parts and result.periods and not result.gaps and (last_day := result.last_day) is not None:
        # Final (lainvoimainen) when the last period has ended without a claim that stops it, and any
        # decision on such a claim is itself final.
        result.final_on = max([last_day + datetime.timedelta(days=1), *waits_for])
    return result


PLACEHOLDER = personal_names.PLACEHOLDER


def public_text(
    item: AgendaItem,
    text: str,
    on: datetime.date,
    removal_on: datetime.date | None,
    memo: dict[str, Any] | None = None,
) -> str:
    """TEXT as the public network may show it on ON: every personal name removed once the period has
    ended (Kuntalaki § 140 (2)), by the one rule of decisions.personal_names. MEMO, shared by the
    texts of one page, reads the names once per body."""
    if removal_on is None or on < removal_on or not text:
        return text
    return personal_names.index_for(item, memo).redact(text)


def redact(text: str, personal_data: str) -> str:
    """TEXT without the names listed in PERSONAL_DATA (one per line), in any inflection."""
    return personal_names.Names.build([], own=personal_data.splitlines()).redact(text)
