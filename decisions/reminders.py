"""What falls due on decisions (core/reminders.py): the last day of each appeal period (shown, not
sent: the parties were told in the appeal instructions), the day a decision becomes final, when
the secretary hears that its personal data is off the public page (Kuntalaki § 140), each meeting
in the calendar at its time and place, and a published agenda's invitation to the body's members
(#29 item 6)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.reminders import Audience, Due, Remind, Text, declares, kind
from decisions import agendas, appeals
from decisions.models import AgendaItem, Claim, Meeting

APPEAL_PERIOD_ENDS = kind("appeal_period_ends", _("appeal period ends"))
DECISION_FINAL = kind("decision_final", _("decision became final"))
CLAIM_TO_DECIDE = kind("claim_to_decide", _("claim to decide"))
MEETING = kind("meeting", _("meeting"))
MEETING_INVITATION = kind("meeting_invitation", _("meeting invitation"))

# A meeting stays in the calendar feed (and the front page's list) this long after it was held.
MEETINGS_KEPT_DAYS = 90

# Every period of a decision published this long ago has ended, whatever the shifts (Act 150/1930).
RECENT_DAYS = 150


@declares("decisions.appeals")
def appeal_periods(today: datetime.date, cooperations: Any = None) -> Iterator[Due]:
    items = appeals.with_status_facts(
        AgendaItem.objects.filter(
            meeting__published_on__gte=today - datetime.timedelta(days=RECENT_DAYS)
        ).select_related("body__area"),
        as_lists=True,
    )
    if cooperations is not None:
        items = items.filter(body__area__cooperation__in=cooperations)
    for item in items:
        status = appeals.status(item)
        link = reverse("item-detail", args=[item.pk])
        names = {"section": item.section, "body": item.body}
        for n, period in enumerate(status.periods):
            yield Due(
                kind=APPEAL_PERIOD_ENDS,
                key=f"decisions.agendaitem:{item.pk}:{n}",
                on=period.computation.last_day,
                text=Text(
                    _("%(section)s %(body)s: last day of the appeal period (%(who)s)"),
                    {**names, "who": period.who},
                ),
                link=link,
                cooperation_id=item.body.area.cooperation_id,
                remind=Remind.NEVER,
            )
        if status.final_on is not None:
            yield Due(
                kind=DECISION_FINAL,
                key=f"decisions.agendaitem:{item.pk}",
                on=status.final_on,
                text=Text(
                    _(
                        "%(section)s of %(body)s became final on %(day)s; its personal data is off "
                        "the public page."
                    ),
                    {**names, "day": f"{status.final_on:%d.%m.%Y}"},
                ),
                title=Text(_("%(section)s of %(body)s becomes final"), names),
                link=link,
                cooperation_id=item.body.area.cooperation_id,
                remind=Remind.REACHED,
            )


@declares("decisions.claims")
def claims_to_decide(today: datetime.date, cooperations: Any = None) -> Iterator[Due]:
    """Every claim received is decided, also a late one or one without standing (dismissed without
    examination): the secretary hears of it weekly until its outcome is recorded (#13 item 6)."""
    claims = Claim.objects.filter(outcome=Claim.Outcome.PENDING).select_related("item__body__area")
    if cooperations is not None:
        claims = claims.filter(item__body__area__cooperation__in=cooperations)
    for claim in claims:
        item = claim.item
        yield Due(
            kind=CLAIM_TO_DECIDE,
            key=f"decisions.claim:{claim.pk}",
            on=claim.received_on,
            text=Text(
                _("%(section)s %(body)s: the claim by %(claimant)s received on %(day)s awaits its decision"),
                {
                    "section": item.section,
                    "body": item.body,
                    "claimant": claim.claimant,
                    "day": f"{claim.received_on:%d.%m.%Y}",
                },
            ),
            link=reverse("claim-decide", args=[claim.pk]),  # straight to the form (#29 item 6)
            cooperation_id=item.body.area.cooperation_id,
            remind=Remind.WEEKLY,
        )


def _when(meeting: Meeting) -> tuple[datetime.datetime | None, datetime.datetime | None]:
    """The meeting's start and end in the local time zone; no start when its time is not recorded."""
    if meeting.date is None or meeting.starts_at is None:
        return None, None
    zone = timezone.get_current_timezone()
    starts = datetime.datetime.combine(meeting.date, meeting.starts_at, tzinfo=zone)
    ends_at = getattr(meeting, "ends_at", None)
    ends = datetime.datetime.combine(meeting.date, ends_at, tzinfo=zone) if ends_at else None
    return starts, ends


def _place(meeting: Meeting) -> str:
    return " ".join(
        part for part in (str(_("remote meeting")) if meeting.remote else "", meeting.place) if part
    )


@declares("decisions.meetings")
def meetings(today: datetime.date, cooperations: Any = None) -> Iterator[Due]:
    """Each meeting of the bodies a reader sees, in their calendar at its time and place (shown, not
    sent: the invitation below tells the members)."""
    found = Meeting.objects.filter(
        date__gte=today - datetime.timedelta(days=MEETINGS_KEPT_DAYS)
    ).select_related("body__area", "agenda_publication")
    if cooperations is not None:
        found = found.filter(body__area__cooperation__in=cooperations)
    for meeting in found:
        assert meeting.date is not None  # noqa: S101  (filtered above)
        starts, ends = _when(meeting)
        published = hasattr(meeting, "agenda_publication")
        yield Due(
            kind=MEETING,
            key=f"decisions.meeting:{meeting.pk}",
            on=meeting.date,
            text=Text(_("Meeting of %(body)s"), {"body": meeting.body}),
            link=reverse("meeting-pack" if published else "meeting-detail", args=[meeting.pk]),
            cooperation_id=meeting.body.area.cooperation_id,
            remind=Remind.NEVER,
            starts=starts,
            ends=ends,
            location=_place(meeting),
        )


@declares(agendas.AGENDAS)
def invitations(today: datetime.date, cooperations: Any = None) -> Iterator[Due]:
    """A published agenda's invitation to the body's members (decisions/agendas.py), with the link to
    the meeting pack: sent when the agenda is published (core.reminders.announce), and again at the
    lead times before the meeting that are still ahead (30 days, then none: REMINDER_LEAD_DAYS)."""
    found = Meeting.objects.filter(agenda_publication__isnull=False, date__gte=today).select_related(
        "body__area"
    )
    if cooperations is not None:
        found = found.filter(body__area__cooperation__in=cooperations)
    found_list = list(found)
    members = agendas.invited_to(found_list)
    for meeting in found_list:
        assert meeting.date is not None  # noqa: S101  (filtered above)
        yield Due(
            kind=MEETING_INVITATION,
            key=f"decisions.meeting:{meeting.pk}:agenda",
            on=meeting.date,
            text=Text(
                _(
                    "Invitation: %(body)s meets on %(day)s, %(place)s. The agenda and its annexes are "
                    "in the meeting pack."
                ),
                {
                    "body": meeting.body,
                    "day": f"{meeting.date:%d.%m.%Y} {meeting.starts_at:%H.%M}"
                    if meeting.starts_at
                    else f"{meeting.date:%d.%m.%Y}",
                    "place": _place(meeting) or "–",
                },
            ),
            title=Text(_("Meeting of %(body)s"), {"body": meeting.body}),
            link=reverse("meeting-pack", args=[meeting.pk]),
            cooperation_id=meeting.body.area.cooperation_id,
            audience=Audience(secretaries=False, users=tuple(members[meeting.pk])),
            remind=Remind.AHEAD,
            in_calendar=False,  # the meeting itself is (decisions.meetings)
        )
