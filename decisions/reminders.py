"""What falls due on decisions (core/reminders.py): the last day of each appeal period (shown, not
sent: the parties were told in the appeal instructions), and the day a decision becomes final, when
the secretary hears that its personal data is off the public page (Kuntalaki § 140)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.reminders import Due, Remind, Text, declares, kind
from decisions import appeals
from decisions.models import AgendaItem, Claim

APPEAL_PERIOD_ENDS = kind("appeal_period_ends", _("appeal period ends"))
DECISION_FINAL = kind("decision_final", _("decision became final"))
CLAIM_TO_DECIDE = kind("claim_to_decide", _("claim to decide"))

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
            link=reverse("item-detail", args=[item.pk]),
            cooperation_id=item.body.area.cooperation_id,
            remind=Remind.WEEKLY,
        )
