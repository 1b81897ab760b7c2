"""Celery tasks: thin wrappers that take ids or nothing, re-read the data, and call the jobs."""

from celery import shared_task
from django.utils import timezone

from notifications import jobs, services


@shared_task
def deliver_notification(notification_id: int) -> bool:
    return services.deliver(notification_id)


@shared_task
def run_daily_jobs() -> dict:
    return jobs.run_daily(timezone.localdate())


@shared_task
def run_job(name: str) -> int:
    job = {j.__name__: j for j in [*jobs.DAILY, *jobs.WEEKLY]}[name]
    return job(timezone.localdate())
