"""The e-mail fallback (notifications.services.deliver_pending, in the daily job): it sends what can be
sent, and what can never be sent does not hold it back (#15)."""

import datetime

import time_machine
from django.core import mail
from django.utils import timezone

from notifications import selectors, services
from notifications.models import Notification, Preference
from tests.factories import UserFactory

D = datetime.date


def _unsent(recipient, count: int, key: str) -> None:
    Notification.objects.bulk_create(
        Notification(
            recipient=recipient, kind="invoice_overdue", object_key=f"{key}:{n}", due_date=D(2026, 1, 1)
        )
        for n in range(count)
    )


def test_mail_that_can_never_be_sent_does_not_hold_back_the_rest(db):
    # Before: the oldest 500 unsent rows were tried every day; a user without an address has rows
    # that stay unsent for good, so nobody after them was ever mailed by the fallback.
    no_address = UserFactory(username="ei-osoitetta", email="")
    turned_off = UserFactory(username="ei-sahkopostia", email="pois@example.fi")
    Preference.objects.create(user=turned_off, email_enabled=False)
    left = UserFactory(username="lahtenyt", email="lahti@example.fi", is_active=False)
    for user in (no_address, turned_off, left):
        _unsent(user, 300, user.username)
    reader = UserFactory(username="lukija", email="lukija@example.fi")
    _unsent(reader, 2, "lukija")

    assert services.deliver_pending(limit=500) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["lukija@example.fi", "lukija@example.fi"]
    assert services.deliver_pending(limit=500) == 0  # sent once


def test_mail_older_than_the_retry_period_is_not_sent_late(db):
    reader = UserFactory(username="lukija", email="lukija@example.fi")
    with time_machine.travel(timezone.now() - datetime.timedelta(days=selectors.RETRY_DAYS + 1)):
        _unsent(reader, 1, "vanha")
    _unsent(reader, 1, "uusi")
    assert services.deliver_pending() == 1
    assert Notification.objects.get(object_key="vanha:0").emailed_at is None
