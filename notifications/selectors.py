"""Reads for notifications: which unsent ones can still be e-mailed."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from notifications.models import Notification

# How long an unsent e-mail is retried (after a broker outage, a mail server that refused it). Older
# ones are not sent late: the portal shows them, and a burst of stale reminders helps nobody.
RETRY_DAYS = 14


def deliverable() -> QuerySet[Notification]:
    """Unsent notifications that can be e-mailed: to an active user with an address who has not
    turned e-mail off, made within RETRY_DAYS. The one statement of who gets mail: services.deliver()
    sends only these, and services.deliver_pending() picks from them, so those that can never be sent
    do not fill its batch (500 of them held back everyone else's mail for ever, #15)."""
    since = timezone.now() - datetime.timedelta(days=RETRY_DAYS)
    return (
        Notification.objects.filter(emailed_at__isnull=True, created_at__gte=since, recipient__is_active=True)
        .exclude(recipient__email="")
        .exclude(recipient__notification_preference__email_enabled=False)
    )
