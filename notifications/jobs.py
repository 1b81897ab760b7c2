"""The scheduled jobs. Each is a sweep over the data for TODAY: idempotent (notifications are unique,
status changes are guarded by the transition table), so running it twice, late or after an outage
does the right thing once. Every job returns the number of notifications it created."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from notifications.models import Notification
from notifications.services import language_of, notify, secretaries, users_acting_for


def _send_all(users: Iterable, kind: str, key: str, due: datetime.date, link: str, message) -> int:
    created = 0
    for user in {u.pk: u for u in users}.values():
        with translation.override(language_of(user)):
            text = message()
        created += (
            notify(recipient=user, kind=kind, object_key=key, due_date=due, message=text, link=link)
            is not None
        )
    return created


def _lead_days() -> list[int]:
    return sorted(settings.REMINDER_LEAD_DAYS, reverse=True)


def _due_reminder(today: datetime.date, due: datetime.date | None) -> int | None:
    """The lead time (e.g. 180, 90, 30 days) whose window TODAY is in, for a deadline on DUE."""
    if due is None or due < today:
        return None
    remaining = (due - today).days
    for days in sorted(settings.REMINDER_LEAD_DAYS):
        if remaining <= days:
            return days
    return None


def term_endings(today: datetime.date) -> int:
    """Steering-group terms and leading persons' terms ending within the lead times."""
    from governance.models import LeadershipAppointment, SteeringGroup

    created = 0
    for group in SteeringGroup.objects.select_related("area").exclude(term_end=None):
        lead = _due_reminder(today, group.term_end)
        if lead is None:
            continue
        seated = [
            s.person.user for s in group.memberships.current().select_related("person__user") if s.person.user
        ]
        created += _send_all(
            [*secretaries(), *seated],
            Notification.Kind.GROUP_TERM_ENDING,
            f"governance.steeringgroup:{group.pk}:{lead}",
            group.term_end,
            reverse("group-detail", args=[group.pk]),
            lambda group=group: (
                _("The term of %(group)s, %(area)s ends on %(day)s.")
                % {"group": group.name, "area": group.area, "day": group.term_end.strftime("%d.%m.%Y")}
            ),
        )
    for appointment in LeadershipAppointment.objects.filter(ended_on=None).select_related(
        "person__user", "group"
    ):
        lead = _due_reminder(today, appointment.term_end)
        if lead is None:
            continue
        users = [*secretaries(), *([appointment.person.user] if appointment.person.user else [])]
        created += _send_all(
            users,
            Notification.Kind.LEADER_TERM_ENDING,
            f"governance.leadership:{appointment.pk}:{lead}",
            appointment.term_end,
            reverse("group-detail", args=[appointment.group_id]),
            lambda a=appointment: (
                _("The term of %(person)s as %(capacity)s ends on %(day)s.")
                % {
                    "person": a.person,
                    "capacity": a.get_capacity_display(),
                    "day": a.term_end.strftime("%d.%m.%Y"),
                }
            ),
        )
    return created


def pending_signatures(today: datetime.date) -> int:
    """Weekly: each party that has not signed an agreement out for signature is reminded."""
    from agreements import selectors
    from agreements.models import Agreement

    created = 0
    week = today - datetime.timedelta(days=today.weekday())
    for row in Agreement.objects.filter(status__in=["approved", "out_for_signature"]):
        agreement = selectors.load(row.pk)
        states = selectors.version_states(agreement)
        if not states:
            continue
        for progress in states[0].parties:
            if progress.complete:
                continue
            created += _send_all(
                [*users_acting_for(progress.party.organisation), *secretaries()],
                Notification.Kind.SIGNATURES_PENDING,
                f"agreements.party:{progress.party.pk}",
                week,
                reverse("agreement-detail", args=[agreement.pk]),
                lambda p=progress, a=agreement: (
                    _("%(party)s has not yet signed %(agreement)s.")
                    % {"party": p.party, "agreement": a.title}
                ),
            )
    return created


def agreement_endings(today: datetime.date) -> int:
    """Termination end dates approaching; an agreement past its end date is moved to ended."""
    from agreements import services
    from agreements.models import Agreement

    created = 0
    for agreement in Agreement.objects.filter(status="notice_given").exclude(ends_on=None):
        users = [*secretaries()]
        for party in agreement.parties.select_related("organisation"):
            users += users_acting_for(party.organisation)
        link = reverse("agreement-detail", args=[agreement.pk])
        if services.end_if_due(agreement=agreement, today=today, actor=None):
            created += _send_all(
                users,
                Notification.Kind.AGREEMENT_ENDED,
                f"agreements.agreement:{agreement.pk}",
                agreement.ends_on,
                link,
                lambda a=agreement: (
                    _("%(agreement)s ended on %(day)s.")
                    % {"agreement": a.title, "day": a.ends_on.strftime("%d.%m.%Y")}
                ),
            )
            continue
        lead = _due_reminder(today, agreement.ends_on)
        if lead is not None:
            created += _send_all(
                users,
                Notification.Kind.AGREEMENT_ENDING,
                f"agreements.agreement:{agreement.pk}:{lead}",
                agreement.ends_on,
                link,
                lambda a=agreement: (
                    _("%(agreement)s ends on %(day)s after a notice.")
                    % {"agreement": a.title, "day": a.ends_on.strftime("%d.%m.%Y")}
                ),
            )
    return created


def dispute_deadlines(today: datetime.date) -> int:
    from agreements.models import Dispute

    created = 0
    for dispute in Dispute.objects.filter(resolved_on=None).select_related(
        "agreement", "requested_by__organisation", "requested_to__organisation"
    ):
        if today < dispute.day_60:
            continue
        users = [
            *secretaries(),
            *users_acting_for(dispute.requested_by.organisation),
            *users_acting_for(dispute.requested_to.organisation),
        ]
        created += _send_all(
            users,
            Notification.Kind.DISPUTE_DAY_60,
            f"agreements.dispute:{dispute.pk}",
            dispute.day_60,
            reverse("agreement-detail", args=[dispute.agreement_id]),
            lambda d=dispute: (
                _(
                    "Day 60 of the negotiation requested on %(day)s has passed: from %(court)s the "
                    "dispute may go to %(forum)s."
                )
                % {
                    "day": d.requested_on.strftime("%d.%m.%Y"),
                    "court": d.court_from.strftime("%d.%m.%Y"),
                    "forum": d.forum or "–",
                }
            ),
        )
    return created


def decisions_final(today: datetime.date) -> int:
    """Appeal periods ended without a claim: the secretary is told the decision is final and that its
    personal data is off the public page (the page hides it from that day on; the archive keeps it)."""
    from decisions import appeals
    from decisions.models import AgendaItem

    created = 0
    window = today - datetime.timedelta(days=90)
    items = (
        AgendaItem.objects.filter(meeting__published_on__gte=window - datetime.timedelta(days=60))
        .select_related("meeting", "body")
        .prefetch_related("appeal_parts", "notifications", "claims")
    )
    for item in items:
        status = appeals.status(item)
        if status.final_on is None or not (window <= status.final_on <= today):
            continue
        created += _send_all(
            secretaries(),
            Notification.Kind.DECISION_FINAL,
            f"decisions.agendaitem:{item.pk}",
            status.final_on,
            reverse("item-detail", args=[item.pk]),
            lambda i=item, s=status: (
                _(
                    "%(section)s of %(body)s became final on %(day)s; its personal data is off "
                    "the public page."
                )
                % {"section": i.section, "body": i.body, "day": s.final_on.strftime("%d.%m.%Y")}
            ),
        )
    return created


def overdue_invoices(today: datetime.date) -> int:
    from costs.models import Invoice

    created = 0
    for invoice in Invoice.objects.filter(status="sent", due_date__lt=today).select_related(
        "debtor", "creditor"
    ):
        users = [*secretaries(), *users_acting_for(invoice.debtor), *users_acting_for(invoice.creditor)]
        created += _send_all(
            users,
            Notification.Kind.INVOICE_OVERDUE,
            f"costs.invoice:{invoice.pk}",
            invoice.due_date,
            reverse("day-detail", args=[invoice.day_id]),
            lambda i=invoice: (
                _("Invoice basis %(number)s to %(debtor)s (%(amount)s €) was due on %(day)s.")
                % {
                    "number": i.number,
                    "debtor": i.debtor,
                    "amount": i.amount,
                    "day": i.due_date.strftime("%d.%m.%Y"),
                }
            ),
        )
    return created


def objectives_and_staffing(today: datetime.date) -> int:
    """After the due date, the secretary and the group's chair hear once a year if objectives are not set;
    likewise if last year's staffing has not been assessed (the same conditions as ST-OBJECTIVES and
    ST-ASSESSED)."""
    from governance.models import SteeringGroup
    from staffing.adequacy_rules import objectives_due

    created = 0
    due = objectives_due(today.year)
    last_year = today.year - 1
    for group in SteeringGroup.objects.select_related("area"):
        chair = [
            s.person.user
            for s in group.memberships.current().filter(role="chair").select_related("person__user")
            if s.person.user
        ]
        users = [*secretaries(), *chair]
        link = reverse("staffing-year", args=[group.pk, today.year])
        if today >= due and not group.objectives.filter(year=today.year).exists():
            created += _send_all(
                users,
                Notification.Kind.OBJECTIVES_DUE,
                f"governance.steeringgroup:{group.pk}",
                due,
                link,
                lambda g=group: (
                    _("%(group)s, %(area)s has not set its objectives for %(year)s.")
                    % {"group": g.name, "area": g.area, "year": today.year}
                ),
            )
        review = group.staffing_reviews.filter(year=last_year).first()
        started = group.term_start is None or group.term_start.year <= last_year
        if today >= due and started and (review is None or review.adequate is None):
            created += _send_all(
                users,
                Notification.Kind.STAFFING_REVIEW_DUE,
                f"governance.steeringgroup:{group.pk}",
                due,
                link,
                lambda g=group: (
                    _("%(group)s, %(area)s has not assessed the adequacy of staffing in %(year)s.")
                    % {"group": g.name, "area": g.area, "year": last_year}
                ),
            )
    return created


def weekly_digests(today: datetime.date) -> int:
    """Monday: users who asked for it get one e-mail listing their unread notifications."""
    from django.contrib.auth import get_user_model

    week = today - datetime.timedelta(days=today.weekday())
    created = 0
    for user in get_user_model().objects.filter(is_active=True, notification_preference__weekly_digest=True):
        unread = list(
            Notification.objects.filter(recipient=user, read_at=None).exclude(
                kind=Notification.Kind.WEEKLY_DIGEST
            )[:50]
        )
        if not unread:
            continue
        with translation.override(language_of(user)):
            text = _("Unread reminders:") + "\n" + "\n".join(f"- {n.message}" for n in unread)
        created += (
            notify(
                recipient=user,
                kind=Notification.Kind.WEEKLY_DIGEST,
                object_key="digest",
                due_date=week,
                message=text,
                link=reverse("notification-list"),
            )
            is not None
        )
    return created


DAILY = [
    term_endings,
    agreement_endings,
    dispute_deadlines,
    decisions_final,
    overdue_invoices,
    objectives_and_staffing,
]
WEEKLY = [pending_signatures, weekly_digests]


def run_daily(today: datetime.date) -> dict[str, int]:
    from notifications.services import deliver_pending

    result = {job.__name__: job(today) for job in DAILY}
    if today.weekday() == 0:
        result.update({job.__name__: job(today) for job in WEEKLY})
    result["emails_sent"] = deliver_pending()
    return result
