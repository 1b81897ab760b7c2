"""Core's own daily housekeeping (core/jobs.py)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from core.jobs import daily
from core.models import SubmittedForm

FORM_TOKENS_KEPT = datetime.timedelta(days=2)  # long past any double click or resent request


@daily("core.forget_form_tokens")
def forget_form_tokens(today: datetime.date) -> dict[str, int]:
    cutoff = timezone.make_aware(datetime.datetime.combine(today, datetime.time())) - FORM_TOKENS_KEPT
    count, _deleted = SubmittedForm.objects.filter(at__lt=cutoff).delete()
    return {"form_tokens_forgotten": count}
