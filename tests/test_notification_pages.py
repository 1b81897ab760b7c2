import datetime

from django.urls import reverse

from notifications import services, tasks
from notifications.models import Notification
from notifications.services import preference

D = datetime.date


def test_a_user_sees_only_their_notifications_and_marks_them_read(world, as_editor_a):
    mine = Notification.objects.create(
        recipient=world.editor_a,
        kind="invoice_overdue",
        object_key="a",
        due_date=D(2025, 1, 1),
        message="Oma muistutus",
    )
    Notification.objects.create(
        recipient=world.editor_b,
        kind="invoice_overdue",
        object_key="b",
        due_date=D(2025, 1, 1),
        message="Toisen muistutus",
    )
    page = as_editor_a.get(reverse("notification-list")).text
    assert "Oma muistutus" in page
    assert "Toisen muistutus" not in page
    as_editor_a.post(reverse("notification-read", args=[mine.pk]))
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_a_user_cannot_mark_someone_elses_notification(world, as_editor_a):
    other = Notification.objects.create(
        recipient=world.editor_b, kind="invoice_overdue", object_key="b", due_date=D(2025, 1, 1), message="m"
    )
    assert as_editor_a.post(reverse("notification-read", args=[other.pk])).status_code == 404


def test_the_calendar_feed_lists_deadlines_behind_a_renewable_token(group_world, world, client, as_member):
    token = preference(world.member).calendar_token
    feed = client.get(reverse("calendar-feed", args=[token]))
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")
    body = feed.content.decode()
    assert "BEGIN:VEVENT" in body
    assert "DTSTART;VALUE=DATE:20300331" in body
    as_member.post(reverse("calendar-renew"))
    assert client.get(reverse("calendar-feed", args=[token])).status_code == 404
    assert client.get(reverse("calendar-feed", args=["guess"])).status_code == 404


def test_the_calendar_shows_only_deadlines_of_visible_areas(group_world, world, client):
    body = client.get(
        reverse("calendar-feed", args=[preference(world.outsider).calendar_token])
    ).content.decode()
    assert "BEGIN:VEVENT" not in body


def test_preferences_are_saved(world, as_editor_a):
    as_editor_a.post(
        reverse("notification-preferences"), {"language": "sv", "weekly_digest": "on", "email_enabled": "on"}
    )
    pref = preference(world.editor_a)
    assert pref.language == "sv"
    assert pref.weekly_digest


def test_when_the_broker_is_down_the_portal_serves_and_the_next_run_sends(world, settings, as_secretary):
    from django.core import mail

    from tym.celery import app

    world.secretary.email = "s@example.fi"
    world.secretary.save()

    def fresh_connections():
        # Earlier tests may have left a pooled connection to the old broker behind.
        app.close()
        app.amqp._producer_pool = None

    app.conf.task_always_eager = False
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    fresh_connections()
    try:
        assert as_secretary.get(reverse("dashboard")).status_code == 200
        notification = Notification.objects.create(
            recipient=world.secretary,
            kind="invoice_overdue",
            object_key="x",
            due_date=D(2025, 1, 1),
            message="m",
        )
        assert tasks.enqueue_delivery(notification.pk) is False
        assert mail.outbox == []
    finally:
        app.conf.task_always_eager = True
        app.conf.broker_url = settings.CELERY_BROKER_URL
        fresh_connections()
    assert services.deliver_pending() == 1
    assert len(mail.outbox) == 1


def test_the_list_shows_fifty_a_page_unread_first_with_the_same_queries_for_any_number(world, as_editor_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def notify(n: int, read: bool) -> Notification:
        return Notification.objects.create(
            recipient=world.editor_a,
            kind="invoice_overdue",
            object_key=f"k{n}",
            due_date=D(2025, 1, 1),
            message=f"Muistutus numero {n}.",
            read_at=datetime.datetime(2025, 1, 2, tzinfo=datetime.UTC) if read else None,
        )

    for n in range(10):
        notify(n, read=True)
    url = reverse("notification-list")
    as_editor_a.get(url)
    with CaptureQueriesContext(connection) as few:
        as_editor_a.get(url)
    for n in range(10, 70):
        notify(n, read=False)
    with CaptureQueriesContext(connection) as many:
        first = as_editor_a.get(url).text
    assert len(many) == len(few)
    assert "Muistutus numero 69." in first
    assert "Muistutus numero 5." not in first
    assert "Sivu 1/2" in first
    second = as_editor_a.get(url, {"page": 2}).text
    assert "Muistutus numero 5." in second
    assert as_editor_a.get(url, {"page": "x" * 500}).status_code == 200


def test_refused_preferences_come_back_with_the_error_and_nothing_is_saved(world, as_editor_a):
    response = as_editor_a.post(
        reverse("notification-preferences"), {"language": "xx", "email_enabled": "on"}
    )
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.text or "error-summary" in response.text
    assert preference(world.editor_a).language != "xx"
