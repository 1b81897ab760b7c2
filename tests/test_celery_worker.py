"""A real Celery worker process executes a task: against Redis (production's broker) and on the
embedded filesystem transport that `make run` uses."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery import Celery

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("CELERY_TEST_BROKER_URL", "redis://127.0.0.1:6379/15")


def _redis_is_up() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.exceptions.ConnectionError:
        return False


def _start_worker(env: dict) -> subprocess.Popen:
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
    if not _redis_is_up():
        if os.environ.get("REQUIRE_BROKER") == "1":
            pytest.fail(f"Redis is required here (REQUIRE_BROKER=1) but {REDIS_URL} does not answer")
        pytest.skip(f"no Redis broker at {REDIS_URL}: start redis-server or set CELERY_TEST_BROKER_URL")
    worker = _start_worker({"CELERY_BROKER_URL": REDIS_URL, "CELERY_RESULT_BACKEND": REDIS_URL})
    client = Celery(broker=REDIS_URL, backend=REDIS_URL)
    try:
        assert client.send_task("tym.tasks.ping").get(timeout=60) == "pong"
    finally:
        log = _stop(worker)
        client.close()
    assert "Traceback" not in log, log


def test_a_real_worker_executes_a_task_on_the_embedded_filesystem_broker(tmp_path):
    results = tmp_path / "results"
    results.mkdir()
    backend = f"file://{results}"
    worker = _start_worker({"TYM_VAR_DIR": str(tmp_path), "CELERY_RESULT_BACKEND": backend})
    queue = str(tmp_path / "celery" / "queue")
    (tmp_path / "celery" / "queue").mkdir(parents=True, exist_ok=True)
    (tmp_path / "celery" / "processed").mkdir(parents=True, exist_ok=True)
    client = Celery(broker="filesystem://", backend=backend)
    client.conf.broker_transport_options = {
        "data_folder_in": queue,
        "data_folder_out": queue,
        "processed_folder": str(tmp_path / "celery" / "processed"),
    }
    try:
        started = time.monotonic()
        assert client.send_task("tym.tasks.ping").get(timeout=60) == "pong"
        assert time.monotonic() - started < 60
    finally:
        log = _stop(worker)
        client.close()
    assert "Traceback" not in log, log
