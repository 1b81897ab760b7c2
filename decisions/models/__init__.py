"""Bodies, their meetings and decisions (§), appeal instructions per decision part, the minutes'
checking and publication, notifications to parties, claims received, and certified extracts."""

from decisions.models.appeals import AppealPart, Claim, CourtFee, Notification
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
    "CourtFee",
    "Extract",
    "Meeting",
    "Notification",
]
