"""The daily sweep: every reminder that falls due today, as the apps declare them (core/reminders.py),
becomes one notification per recipient, in the recipient's language, and its e-mail goes out once.

Idempotent: a notification is unique on (recipient, kind, object, due date), so a sweep run twice,
late, or on two workers at once creates each once. One declaration that fails is logged and the
others still go out."""

from __future__ import annotations

import datetime
import logging
from collections import Counter
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import reminders
from core.jobs import daily
from notifications.models import Notification
from notifications.services import Pending, deliver_pending, notify, notify_many, preference
from organisations import access

log = logging.getLogger(__name__)

WEEKLY_DIGEST = reminders.kind("weekly_digest", gettext_lazy("weekly digest"))


class Recipients:
    """Who an Audience is, and each user's language; looked up once per sweep."""

    def __init__(self) -> None:
        self._secretaries: list | None = None
        self._acting_for: dict[tuple[int, int], list] = {}
        self._sees: dict[tuple[int, int], bool] = {}
        self._secretaries_of: dict[int, list] = {}
        self._languages: dict[int, str] = {}

    def of(self, audience: reminders.Audience, cooperation_id: int | None = None) -> list:
        users = []
        if audience.secretaries:
            if self._secretaries is None:
                self._secretaries = list(access.secretaries())
            users += self._secretaries
            if cooperation_id is not None:
                if cooperation_id not in self._secretaries_of:
                    self._secretaries_of[cooperation_id] = access.secretaries_of(cooperation_id)
                users += self._secretaries_of[cooperation_id]
        # An organisation's editors are those of the cooperation the reminder belongs to (#26): Kela's
        # editors in one cooperation hear nothing of another's.
        if cooperation_id is not None:
            for organisation in audience.organisations:
                key = (organisation.pk, cooperation_id)
                if key not in self._acting_for:
                    self._acting_for[key] = access.users_acting_for(organisation, cooperation_id)
                users += self._acting_for[key]
        users += [user for user in audience.users if user.is_active and self._may_see(user, cooperation_id)]
        return list({user.pk: user for user in users}.values())

    def _may_see(self, user, cooperation_id: int | None) -> bool:
        """A user named in an audience hears of a cooperation's matter only while they see it."""
        if cooperation_id is None:
            return True
        key = (user.pk, cooperation_id)
        if key not in self._sees:
            self._sees[key] = access.rights_of(user).sees(cooperation_id)
        return self._sees[key]

    def language(self, user) -> str:
        if user.pk not in self._languages:
            self._languages[user.pk] = preference(user).language
        return self._languages[user.pk]


def send_reminders(today: datetime.date, only: Iterable[str] | None = None) -> dict[str, int]:
    """Notify everyone of what falls due TODAY; the number created, by kind."""
    created: Counter[str] = Counter()
    recipients = Recipients()
    names = reminders.declaration_names() if only is None else list(only)
    for name in names:
        try:
            pending = []
            for due in reminders.collect(today, only=[name], isolate=False):
                reminder = reminders.reminder_for(due, today)
                if reminder is None:
                    continue
                for user in recipients.of(due.audience, due.cooperation_id):
                    with translation.override(recipients.language(user)):
                        message = str(due.text)
                    pending.append(
                        Pending(user, due.kind, reminder.object_key, reminder.due_date, message, due.link)
                    )
            # One declaration's notifications at once: its failure leaves the others' made.
            for notification in notify_many(pending):
                created[notification.kind] += 1
        except Exception:
            log.exception("reminders of %s failed for %s; the others go on", name, today)
            created["failed_declarations"] += 1
    return dict(created)


def weekly_digest(today: datetime.date) -> int:
    """Monday: users who asked for it get one e-mail listing their unread notifications."""
    if today.weekday() != 0:
        return 0
    created = 0
    for user in get_user_model().objects.filter(is_active=True, notification_preference__weekly_digest=True):
        unread = list(
            Notification.objects.filter(recipient=user, read_at=None).exclude(kind=WEEKLY_DIGEST)[:50]
        )
        if not unread:
            continue
        with translation.override(preference(user).language):
            text = _("Unread reminders:") + "\n" + "\n".join(f"- {n.message}" for n in unread)
        created += (
            notify(
                recipient=user,
                kind=WEEKLY_DIGEST,
                object_key="digest",
                due_date=reminders.week_of(today),
                message=text,
                link=reverse("notification-list"),
            )
            is not None
        )
    return created


@reminders.delivers_now
def deliver_now(names: tuple[str, ...]) -> dict[str, int]:
    """What NAMES declare today, now (an agenda published): notifications made in the caller's
    transaction, their e-mail queued when it commits (notifications/tasks.py)."""
    return send_reminders(timezone.localdate(), only=names)


@daily("notifications.reminders")
def daily_reminders(today: datetime.date) -> dict[str, int]:
    """The notifications app's daily job: reminders, the Monday digest, then every unsent e-mail."""
    result = send_reminders(today)
    result[WEEKLY_DIGEST] = weekly_digest(today)
    result["emails_sent"] = deliver_pending()
    return result
