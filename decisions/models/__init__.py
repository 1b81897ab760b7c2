"""Bodies, their meetings and decisions (§), appeal instructions per decision part, the minutes'
checking and publication, notifications to parties, claims received, and certified extracts."""

from decisions.models.agendas import AgendaPublication
from decisions.models.appeals import AppealPart, Claim, Notification
from decisions.models.bodies import COURT_FIELDS, Body
from decisions.models.meetings import (
    AgendaItem,
    Annex,
    Attendance,
    Correction,
    Extract,
    Meeting,
)
from decisions.models.members import BodyMember

__all__ = [
    "COURT_FIELDS",
    "AgendaItem",
    "AgendaPublication",
    "Annex",
    "AppealPart",
    "Attendance",
    "Body",
    "BodyMember",
    "Claim",
    "Correction",
    "Extract",
    "Meeting",
    "Notification",
]
