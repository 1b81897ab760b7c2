"""Project-wide housekeeping tasks. Domain jobs live in the app that owns the data."""

from celery import shared_task
from django.core import management


@shared_task
def ping() -> str:
    """Answer 'pong': lets monitoring and the broker test see a worker execute a task."""
    return "pong"


@shared_task
def clear_expired_sessions() -> None:
    """Delete expired login sessions (Django keeps them in the database until removed)."""
    management.call_command("clearsessions")
