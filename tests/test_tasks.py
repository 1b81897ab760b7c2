from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from core import tasks


@pytest.mark.django_db
def test_clear_expired_sessions_removes_only_expired_ones():
    now = timezone.now()
    Session.objects.create(session_key="old", session_data="", expire_date=now - timedelta(days=1))
    Session.objects.create(session_key="new", session_data="", expire_date=now + timedelta(days=1))
    tasks.clear_expired_sessions.delay()
    assert list(Session.objects.values_list("session_key", flat=True)) == ["new"]


def test_the_beat_schedule_names_only_tasks_that_exist(settings):
    from tym.celery import app

    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks
