"""A real Celery worker process executes a task: against Redis (production's broker) and on the
embedded filesystem transport that `make run` uses."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from celery import Celery

from tests.tools import require

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("CELERY_TEST_BROKER_URL", "redis://127.0.0.1:6379/15")


def _redis_is_up() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.exceptions.ConnectionError:
        return False


def _start_worker(env: dict) -> subprocess.Popen:
    # Each test worker listens on a queue of its own (CELERY_QUEUE), so messages left in a shared
    # Redis by another run can never reach it.
    full_env = {**os.environ, "SECRET_KEY": "worker-test", **env}
    full_env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "tym",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _stop(worker: subprocess.Popen) -> str:
    worker.terminate()
    try:
        output, _ = worker.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()
        output, _ = worker.communicate()
    return output.decode(errors="replace")


@pytest.mark.broker
def test_a_real_worker_executes_a_task_through_redis():
    require(
        _redis_is_up(), f"a Redis broker at {REDIS_URL} (or set CELERY_TEST_BROKER_URL)", "REQUIRE_BROKER"
    )
    queue = f"test-{uuid.uuid4().hex}"
    worker = _start_worker(
        {"CELERY_BROKER_URL": REDIS_URL, "CELERY_RESULT_BACKEND": REDIS_URL, "CELERY_QUEUE": queue}
    )
    client = Celery(broker=REDIS_URL, backend=REDIS_URL)
    try:
        assert client.send_task("core.tasks.ping", queue=queue).get(timeout=60) == "pong"
    finally:
        log = _stop(worker)
        client.close()
    assert "Traceback" not in log, log


def test_a_real_worker_executes_a_task_on_the_embedded_filesystem_broker(tmp_path):
    results = tmp_path / "results"
    results.mkdir()
    backend = f"file://{results}"
    queue = "celery"  # the broker folder is this test's own, so nothing is shared
    worker = _start_worker(
        {"TYM_VAR_DIR": str(tmp_path), "CELERY_RESULT_BACKEND": backend, "CELERY_QUEUE": queue}
    )
    queue = str(tmp_path / "celery" / "queue")
    (tmp_path / "celery" / "queue").mkdir(parents=True, exist_ok=True)
    (tmp_path / "celery" / "processed").mkdir(parents=True, exist_ok=True)
    client = Celery(broker="filesystem://", backend=backend)
    client.conf.broker_transport_options = {
        "data_folder_in": queue,
        "data_folder_out": queue,
        "processed_folder": str(tmp_path / "celery" / "processed"),
        "control_folder": str(tmp_path / "celery" / "control"),
    }
    try:
        assert client.send_task("core.tasks.ping").get(timeout=60) == "pong"
    finally:
        log = _stop(worker)
        client.close()
    assert "Traceback" not in log, log


@pytest.mark.broker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_a_job_end_to_end_through_redis(tmp_path, world):
    """Job → notification row → e-mail in the outbox, executed by a worker process through Redis."""
    import datetime

    from django.db import connection
    from django.utils import timezone

    from governance.models import SteeringGroup
    from notifications.models import Notification

    # The worker process must share the test database: the in-memory SQLite one cannot be shared.
    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)", "REQUIRE_POSTGRESQL")
    require(_redis_is_up(), f"a Redis broker at {REDIS_URL}", "REQUIRE_BROKER")
    world.secretary.email = "sihteeri@example.fi"
    world.secretary.save()
    due = timezone.localdate() + datetime.timedelta(days=30)
    SteeringGroup.objects.create(
        cooperation=world.area.cooperation, term_start=due - datetime.timedelta(days=1000), term_end=due
    )

    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    outbox = tmp_path / "outbox"
    queue = f"test-{uuid.uuid4().hex}"
    worker = _start_worker(
        {
            "CELERY_BROKER_URL": REDIS_URL,
            "CELERY_RESULT_BACKEND": REDIS_URL,
            "DATABASE_URL": database_url,
            "EMAIL_FILE_PATH": str(outbox),
            "TYM_VAR_DIR": str(tmp_path / "var"),
            "CELERY_QUEUE": queue,
        }
    )
    client = Celery(broker=REDIS_URL, backend=REDIS_URL)
    try:
        result = client.send_task("core.tasks.run_daily_jobs", queue=queue).get(timeout=90)
        assert result["group_term_ending"] >= 1
        deadline = time.monotonic() + 60
        expected = Notification.objects.filter(recipient=world.secretary).count()
        while time.monotonic() < deadline and not (
            outbox.exists() and len(list(outbox.iterdir())) >= expected
        ):
            time.sleep(0.5)
        time.sleep(1)  # a duplicate, if there were one, would have time to arrive
    finally:
        log = _stop(worker)
        client.close()
    assert Notification.objects.filter(recipient=world.secretary, kind="group_term_ending").count() == 1
    mails = [m.read_text() for m in outbox.iterdir()]
    # one e-mail for each reminder the job created (the term ending, and whatever else is due today)
    kinds = list(Notification.objects.filter(recipient=world.secretary).values_list("kind", "emailed_at"))
    subjects = [line for m in mails for line in m.splitlines() if line.startswith("Subject:")]
    # On a failure, say which reminders and which mails there were (a CI run once saw them differ).
    assert len(mails) == len(kinds), f"notifications {kinds}\nmails {subjects}\n{log}"
    assert all("sihteeri@example.fi" in m for m in mails)
    assert any("TYM-johtoryhmä" in m for m in mails)
