"""Bodies, their meetings and decisions (§), appeal instructions per decision part, the minutes'
checking and publication, notifications to parties, claims received, and certified extracts."""

from decisions.models.appeals import AppealPart, Claim, Notification
from decisions.models.meetings import (
    AgendaItem,
    Annex,
    Attendance,
    Body,
    Correction,
    Extract,
    Meeting,
)

__all__ = [
    "AgendaItem",
    "Annex",
    "AppealPart",
    "Attendance",
    "Body",
    "Claim",
    "Correction",
    "Extract",
    "Meeting",
    "Notification",
]
