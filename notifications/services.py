"""Creating notifications exactly once and delivering their e-mail exactly once.

- notify(): the unique row (recipient, kind, object, due date) is the guarantee; a second call, a
  second run of a job or a racing worker finds the row and does nothing.
- deliver(): a worker claims the e-mail with one conditional UPDATE (emailed_at from NULL to now);
  only the worker whose UPDATE changed the row sends. A failed send releases the claim for a retry.
  (A crash after the SMTP server accepted the message and before the claim was kept cannot be told
  apart from a failure; the claim is kept before sending, so such a crash loses, never doubles, a mail.)
"""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.template.loader import render_to_string
from django.utils import timezone, translation

from notifications.models import Notification, Preference

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

log = logging.getLogger(__name__)

# Sent when notify() created a notification; notifications/tasks.py queues its e-mail after commit.
# (A signal keeps this module free of the task module, which imports it.)
notification_created = Signal()


def preference(user: AbstractBaseUser) -> Preference:
    pref, _ = Preference.objects.get_or_create(user=user)
    return pref


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
    try:
        with transaction.atomic():
            notification, created = Notification.objects.get_or_create(
                recipient=recipient,
                kind=kind,
                object_key=object_key,
                due_date=due_date,
                defaults={"message": message, "link": link},
            )
    except IntegrityError:  # another worker created it between our read and our insert
        return None
    if created:
        notification_created.send(sender=Notification, notification=notification)
        return notification
    return None


def deliver(notification_id: int) -> bool:
    """Send the notification's e-mail if nobody has; True when this call sent it."""
    notification = Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    if notification is None or notification.emailed_at is not None:
        return False
    user = notification.recipient
    pref = preference(user)
    if not user.email or not pref.email_enabled or not user.is_active:
        return False
    claimed = Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if claimed != 1:
        return False
    try:
        _send(notification, pref.language)
    except Exception:
        Notification.objects.filter(pk=notification_id).update(emailed_at=None)
        raise
    return True


def deliver_pending(limit: int = 500) -> int:
    """Send every e-mail still unsent (after a broker outage, or when run from cron)."""
    sent = 0
    for pk in (
        Notification.objects.filter(emailed_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    ):
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
