"""Celery tasks of the notifications app: thin wrappers that take ids, re-read the data and call a
service. The daily run itself is core.tasks.run_daily_jobs."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import transaction

from notifications import services
from notifications.models import Notification

log = logging.getLogger(__name__)


@shared_task
def deliver_notification(notification_id: int) -> bool:
    return services.deliver(notification_id)


def enqueue_delivery(notification_id: int) -> bool:
    """Ask a worker to send the e-mail; if the broker is down, the next daily run sends it."""
    try:
        deliver_notification.delay(notification_id)
    except Exception:
        log.warning("broker unavailable; notification %s will be sent by the next run", notification_id)
        return False
    return True


def _queue_after_commit(sender, notification: Notification, **kwargs) -> None:
    transaction.on_commit(lambda: enqueue_delivery(notification.pk))


services.notification_created.connect(_queue_after_commit, dispatch_uid="tym_queue_notification_email")
