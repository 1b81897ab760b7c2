"""The daily jobs: each app registers its own with @daily (imported in its AppConfig.ready), and
run_daily() runs them in the order the apps are installed, lowest layer first. So an app's status
moves (an agreement past its end date becomes ended) are done before the reminders that report them.

Each job is an idempotent sweep for TODAY and returns what it did as {name: count}. In production a
job that fails is logged and reported, and the others still run: one broken row must not stop
everyone's reminders. In development and tests it is raised (core.registries), so it is seen.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps

from core.registries import failed

log = logging.getLogger(__name__)

JobResult = dict[str, int]
Job = Callable[[datetime.date], JobResult]


@dataclass(frozen=True)
class Registered:
    app_label: str
    name: str
    run: Job


_JOBS: dict[str, Registered] = {}


def daily(name: str) -> Callable[[Job], Job]:
    """Register JOB under NAME ('<app>.<what>') as a daily job of the app that owns it."""

    def register(job: Job) -> Job:
        _JOBS[name] = Registered(name.split(".", 1)[0], name, job)
        return job

    return register


def registered() -> list[Registered]:
    order = {config.label: n for n, config in enumerate(apps.get_app_configs())}
    return sorted(_JOBS.values(), key=lambda job: (order.get(job.app_label, len(order)), job.name))


def run_daily(today: datetime.date) -> JobResult:
    """Every registered job for TODAY; the counts of all of them, and 'failed_jobs' when one failed."""
    result: JobResult = {}
    failures = 0
    for job in registered():
        try:
            result.update(job.run(today))
        except Exception as error:
            failures += 1
            failed(error, log, "daily job %s failed for %s; the others go on", job.name, today)
    if failures:
        result["failed_jobs"] = failures
    return result
