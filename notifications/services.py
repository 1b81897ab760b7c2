"""Creating notifications exactly once and delivering their e-mail exactly once.

- notify() / notify_many(): the unique row (recipient, kind, object, due date) is the guarantee; a
  second call, a second run of a job or a racing worker finds the row (or the constraint skips it)
  and makes nothing.
- deliver(): a worker claims the e-mail with one conditional UPDATE (emailed_at from NULL to now);
  only the worker whose UPDATE changed the row sends. A failed send releases the claim for a retry.
  (A crash after the SMTP server accepted the message and before the claim was kept cannot be told
  apart from a failure; the claim is kept before sending, so such a crash loses, never doubles, a mail.)
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.dispatch import Signal
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.writes import Actor, save_validated, update_fields
from notifications import selectors
from notifications.models import Notification, Preference, new_token

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

log = logging.getLogger(__name__)

# Sent when notify() created a notification; notifications/tasks.py queues its e-mail after commit.
# (A signal keeps this module free of the task module, which imports it.)
notification_created = Signal()


def preference(user: AbstractBaseUser) -> Preference:
    pref, _ = Preference.objects.get_or_create(user=user)
    return pref


PREFERENCE_FIELDS = ("language", "email_enabled", "weekly_digest")


@transaction.atomic
def update_preferences(
    *, user: AbstractBaseUser, language: str, email_enabled: bool, weekly_digest: bool, actor: Actor
) -> list[str]:
    """The user's own notification settings, validated; the names that changed."""
    data = {"language": language, "email_enabled": email_enabled, "weekly_digest": weekly_digest}
    return update_fields(preference(user), actor=actor, allowed=PREFERENCE_FIELDS, data=data)


@transaction.atomic
def renew_calendar_token(*, user: AbstractBaseUser, actor: Actor) -> Preference:
    """A new address for the user's calendar feed: the old one stops working at once."""
    pref = preference(user)
    pref.calendar_token = new_token()
    return save_validated(pref, actor)


@transaction.atomic
def toggle_read(*, notification: Notification, actor: Actor) -> Notification:
    """Read becomes unread and unread read, as the reader marks it in the list."""
    notification.read_at = None if notification.read_at else timezone.now()
    return save_validated(notification, actor)


def notify(
    *,
    recipient: AbstractBaseUser,
    kind: str,
    object_key: str,
    due_date: datetime.date,
    message: str,
    link: str = "",
) -> Notification | None:
    """Create the notification unless it exists; returns it when created now, else None."""
    made = notify_many([Pending(recipient, kind, object_key, due_date, message, link)])
    return made[0] if made else None


Key = tuple[int, str, str, datetime.date]  # (recipient, kind, object, due date): unique


@dataclass(frozen=True)
class Pending:
    """A notification to make unless it exists (the unique row of notify())."""

    recipient: AbstractBaseUser
    kind: str
    object_key: str
    due_date: datetime.date
    message: str
    link: str = ""

    def key(self) -> Key:
        return (self.recipient.pk, self.kind, self.object_key, self.due_date)


def notify_many(pending: Iterable[Pending]) -> list[Notification]:
    """notify() for many at once, in a fixed number of queries (#15: a day's sweep over the whole
    country): those that already exist are left alone, the others are made in bulk, and a racing
    worker's rows are skipped by the unique constraint. Returns the notifications made now (a row a
    racing worker made in the same instant may be among them: its e-mail is still sent once)."""
    wanted = {p.key(): p for p in pending}
    if not wanted:
        return []
    keys = set(wanted)
    existing = _existing(keys)
    new = [p for key, p in wanted.items() if key not in existing]
    Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=p.recipient.pk,
                kind=p.kind,
                object_key=p.object_key,
                due_date=p.due_date,
                message=p.message,
                link=p.link,
            )
            for p in new
        ],
        batch_size=500,
        ignore_conflicts=True,
    )
    made = list(_existing({p.key() for p in new}).values())
    for notification in made:
        notification_created.send(sender=Notification, notification=notification)
    return made


def _existing(keys: set[Key]) -> dict[Key, Notification]:
    """The notifications with these (recipient, kind, object, due date) keys, in one query."""
    if not keys:
        return {}
    rows = Notification.objects.filter(
        recipient_id__in={k[0] for k in keys},
        kind__in={k[1] for k in keys},
        object_key__in={k[2] for k in keys},
        due_date__in={k[3] for k in keys},
    )
    found = {}
    for row in rows:
        key = (row.recipient_id, row.kind, row.object_key, row.due_date)
        if key in keys:
            found[key] = row
    return found


def deliver(notification_id: int) -> bool:
    """Send the notification's e-mail if it can be sent and nobody has; True when this call sent it."""
    notification = selectors.deliverable().select_related("recipient").filter(pk=notification_id).first()
    if notification is None:
        return False
    claimed = Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if claimed != 1:
        return False
    try:
        _send(notification, preference(notification.recipient).language)
    except Exception:
        Notification.objects.filter(pk=notification_id).update(emailed_at=None)
        raise
    return True


def deliver_pending(limit: int = 500) -> int:
    """Send every e-mail still unsent that can be sent (after a broker outage, or when run from cron)."""
    sent = 0
    for pk in selectors.deliverable().order_by("pk").values_list("pk", flat=True)[:limit]:
        try:
            sent += deliver(pk)
        except Exception:
            # One address the mail server refuses must not hold back everyone else's mail.
            log.exception("notification %s could not be e-mailed; it is retried on the next run", pk)
    return sent


def _send(notification: Notification, language: str) -> None:
    with translation.override(language):
        context = {"notification": notification, "site_root": settings.SITE_ROOT.rstrip("/")}
        subject = render_to_string("notifications/email_subject.txt", context).strip()
        text = render_to_string("notifications/email.txt", context)
        html = render_to_string("notifications/email.html", context)
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [notification.recipient.email]
    )
    message.attach_alternative(html, "text/html")
    message.send()
