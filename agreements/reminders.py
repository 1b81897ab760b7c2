"""What falls due under the cooperation agreement (core/reminders.py): signatures still missing
(every Monday while the agreement is out for signature), the end date after a notice (agreement § 11),
the agreement having ended, and day 60 of a dispute negotiation (agreement § 12)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements import selectors
from agreements.models import Agreement, Dispute
from core.reminders import Audience, Due, Remind, declares, kind, week_of

SIGNATURES_PENDING = kind("signatures_pending", gettext_lazy("signatures pending"))
AGREEMENT_ENDING = kind("agreement_ending", gettext_lazy("agreement ending"))
AGREEMENT_ENDED = kind("agreement_ended", gettext_lazy("agreement ended"))
DISPUTE_DAY_60 = kind("dispute_day_60", gettext_lazy("dispute: day 60 reached"))

# An agreement that ended longer ago than this is history, not news.
ENDED_NEWS_DAYS = 30


def _parties(agreement: Agreement) -> tuple:
    return tuple(party.organisation for party in agreement.parties.all())


@declares("agreements.signatures")
def signatures(today: datetime.date, areas=None):
    agreements = Agreement.objects.filter(
        status__in=[Agreement.Status.APPROVED, Agreement.Status.OUT_FOR_SIGNATURE]
    )
    if areas is not None:
        agreements = agreements.filter(area__in=areas)
    for pk in agreements.values_list("pk", flat=True):
        agreement = selectors.load(pk)
        states = selectors.version_states(agreement)
        if not states:
            continue
        for progress in states[0].parties:
            if progress.complete:
                continue
            yield Due(
                kind=SIGNATURES_PENDING,
                key=f"agreements.party:{progress.party.pk}",
                on=week_of(today),
                text=lambda p=progress, a=agreement: (
                    _("%(party)s has not yet signed %(agreement)s.")
                    % {"party": p.party, "agreement": a.title}
                ),
                link=reverse("agreement-detail", args=[agreement.pk]),
                area_id=agreement.area_id,
                audience=Audience(organisations=(progress.party.organisation,)),
                remind=Remind.WEEKLY,
                in_calendar=False,
            )


@declares("agreements.endings")
def endings(today: datetime.date, areas=None):
    agreements = (
        Agreement.objects.exclude(ends_on=None)
        .filter(status__in=[Agreement.Status.NOTICE_GIVEN, Agreement.Status.ENDED])
        .filter(ends_on__gte=today - datetime.timedelta(days=ENDED_NEWS_DAYS))
        .prefetch_related("parties__organisation")
    )
    if areas is not None:
        agreements = agreements.filter(area__in=areas)
    for agreement in agreements:
        link = reverse("agreement-detail", args=[agreement.pk])
        audience = Audience(organisations=_parties(agreement))
        key = f"agreements.agreement:{agreement.pk}"
        if agreement.status == Agreement.Status.ENDED:
            yield Due(
                kind=AGREEMENT_ENDED,
                key=key,
                on=agreement.ends_on,
                text=lambda a=agreement: (
                    _("%(agreement)s ended on %(day)s.")
                    % {"agreement": a.title, "day": f"{a.ends_on:%d.%m.%Y}"}
                ),
                link=link,
                area_id=agreement.area_id,
                audience=audience,
                remind=Remind.AFTER,
                in_calendar=False,
            )
        else:
            yield Due(
                kind=AGREEMENT_ENDING,
                key=key,
                on=agreement.ends_on,
                text=lambda a=agreement: (
                    _("%(agreement)s ends on %(day)s after a notice.")
                    % {"agreement": a.title, "day": f"{a.ends_on:%d.%m.%Y}"}
                ),
                link=link,
                area_id=agreement.area_id,
                audience=audience,
            )


@declares("agreements.disputes")
def disputes(today: datetime.date, areas=None):
    open_disputes = Dispute.objects.filter(resolved_on=None).select_related(
        "agreement", "requested_by__organisation", "requested_to__organisation"
    )
    if areas is not None:
        open_disputes = open_disputes.filter(agreement__area__in=areas)
    for dispute in open_disputes:
        yield Due(
            kind=DISPUTE_DAY_60,
            key=f"agreements.dispute:{dispute.pk}",
            on=dispute.day_60,
            text=lambda d=dispute: (
                _(
                    "Day 60 of the negotiation requested on %(day)s has passed: from %(court)s the "
                    "dispute may go to %(forum)s."
                )
                % {
                    "day": f"{d.requested_on:%d.%m.%Y}",
                    "court": f"{d.court_from:%d.%m.%Y}",
                    "forum": d.forum or "–",
                }
            ),
            link=reverse("agreement-detail", args=[dispute.agreement_id]),
            area_id=dispute.agreement.area_id,
            audience=Audience(
                organisations=(dispute.requested_by.organisation, dispute.requested_to.organisation)
            ),
            remind=Remind.REACHED,
            title=lambda d=dispute: (
                _("Dispute: day 60 of the negotiation (%(by)s – %(to)s)")
                % {"by": d.requested_by, "to": d.requested_to}
            ),
        )
