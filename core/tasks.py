"""Project-wide Celery tasks: the daily run of every app's jobs, and housekeeping. Tasks take ids or
nothing, re-read what they need and call a service; domain work stays in the app that owns it."""

from celery import shared_task
from django.core import management
from django.utils import timezone

from core import jobs


@shared_task
def ping() -> str:
    """Answer 'pong': lets monitoring and the broker test see a worker execute a task."""
    return "pong"


@shared_task
def clear_expired_sessions() -> None:
    """Delete expired login sessions (Django keeps them in the database until removed)."""
    management.call_command("clearsessions")


@shared_task
def run_daily_jobs() -> jobs.JobResult:
    """Every app's daily job for the local date in Helsinki (core/jobs.py)."""
    return jobs.run_daily(timezone.localdate())
