"""What falls due under the cooperation agreement (core/reminders.py): signatures still missing
(every Monday while the agreement is out for signature), the end date after a notice (agreement § 11),
the agreement having ended, and day 60 of a dispute negotiation (agreement § 12)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agreements import selectors
from agreements.models import Agreement, Dispute
from core.reminders import Audience, Due, Remind, Text, declares, kind, week_of

SIGNATURES_PENDING = kind("signatures_pending", _("signatures pending"))
AGREEMENT_ENDING = kind("agreement_ending", _("agreement ending"))
AGREEMENT_ENDED = kind("agreement_ended", _("agreement ended"))
DISPUTE_DAY_60 = kind("dispute_day_60", _("dispute: day 60 reached"))

# An agreement that ended longer ago than this is history, not news.
ENDED_NEWS_DAYS = 30


@declares("agreements.signatures")
def signatures(today: datetime.date, cooperations: Any = None) -> Iterator[Due]:
    agreements = Agreement.objects.filter(
        status__in=[Agreement.Status.APPROVED, Agreement.Status.OUT_FOR_SIGNATURE]
    )
    if cooperations is not None:
        agreements = agreements.filter(cooperation__in=cooperations)
    for agreement in selectors.signing(agreements):
        states = selectors.version_states(agreement)
        if not states:
            continue
        parties = states[0].parties
        for progress in parties:
            if progress.complete:
                continue
            yield Due(
                kind=SIGNATURES_PENDING,
                key=f"agreements.party:{progress.party.pk}",
                on=week_of(today),
                text=Text(
                    _("%(party)s has not yet signed %(agreement)s."),
                    {"party": progress.party, "agreement": agreement.title},
                ),
                # the signature form, opened (#29 item 6)
                link=reverse("agreement-detail", args=[agreement.pk]) + "#sign",
                cooperation_id=agreement.cooperation_id,
                audience=Audience(organisations=(progress.party.organisation,)),
                remind=Remind.WEEKLY,
                in_calendar=False,
                together=Text(
                    _("%(agreement)s: %(count)s of %(total)s parties have not yet signed: %(subjects)s."),
                    {"agreement": agreement.title, "total": len(parties)},
                ),
                subject=str(progress.party),
            )


@declares("agreements.endings")
def endings(today: datetime.date, cooperations: Any = None) -> Iterator[Due]:
    agreements = (
        Agreement.objects.filter(status__in=[Agreement.Status.NOTICE_GIVEN, Agreement.Status.ENDED])
        .filter(ends_on__gte=today - datetime.timedelta(days=ENDED_NEWS_DAYS))
        .prefetch_related("parties__organisation")
    )
    if cooperations is not None:
        agreements = agreements.filter(cooperation__in=cooperations)
    for agreement in agreements:
        assert agreement.ends_on is not None  # noqa: S101  (the filter above)
        values = {"agreement": agreement.title, "day": f"{agreement.ends_on:%d.%m.%Y}"}
        ending = Due(
            kind=AGREEMENT_ENDING,
            key=f"agreements.agreement:{agreement.pk}",
            on=agreement.ends_on,
            text=Text(_("%(agreement)s ends on %(day)s after a notice."), values),
            link=reverse("agreement-detail", args=[agreement.pk]),
            cooperation_id=agreement.cooperation_id,
            audience=Audience(organisations=tuple(p.organisation for p in agreement.parties.all())),
        )
        if agreement.status == Agreement.Status.ENDED:
            yield replace(
                ending,
                kind=AGREEMENT_ENDED,
                text=Text(_("%(agreement)s ended on %(day)s."), values),
                remind=Remind.AFTER,
                in_calendar=False,
            )
        else:
            yield ending


@declares("agreements.disputes")
def disputes(today: datetime.date, cooperations: Any = None) -> Iterator[Due]:
    open_disputes = Dispute.objects.filter(resolved_on=None).select_related(
        "agreement", "requested_by__organisation", "requested_to__organisation"
    )
    if cooperations is not None:
        open_disputes = open_disputes.filter(agreement__cooperation__in=cooperations)
    for dispute in open_disputes:
        yield Due(
            kind=DISPUTE_DAY_60,
            key=f"agreements.dispute:{dispute.pk}",
            on=dispute.day_60,
            text=Text(
                _(
                    "Day 60 of the negotiation requested on %(day)s has passed: from %(court)s the "
                    "dispute may go to %(forum)s."
                ),
                {
                    "day": f"{dispute.requested_on:%d.%m.%Y}",
                    "court": f"{dispute.court_from:%d.%m.%Y}",
                    "forum": dispute.forum or "–",
                },
            ),
            title=Text(
                _("Dispute: day 60 of the negotiation (%(by)s – %(to)s)"),
                {"by": dispute.requested_by, "to": dispute.requested_to},
            ),
            link=reverse("agreement-detail", args=[dispute.agreement_id]),
            cooperation_id=dispute.agreement.cooperation_id,
            audience=Audience(
                organisations=(dispute.requested_by.organisation, dispute.requested_to.organisation)
            ),
            remind=Remind.REACHED,
        )
