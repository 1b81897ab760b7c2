"""Reads for the archive: what of a cooperation's records can be archived (meetings, decided items with
an extract, agreements), offered by the archiving form."""

from __future__ import annotations

from django.db.models import QuerySet

from agreements.models import Agreement
from decisions.models import AgendaItem, Annex, Meeting
from organisations.models import Cooperation


def meetings_of(cooperation: Cooperation) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(body__area__cooperation=cooperation)
        .select_related("body")
        .order_by("-date", "-pk")
    )


def items_with_extracts(cooperation: Cooperation) -> QuerySet[AgendaItem]:
    return (
        AgendaItem.objects.filter(body__area__cooperation=cooperation, extracts__isnull=False)
        .distinct()
        .select_related("body")
        .order_by("-year", "-number")
    )


def agreements_of(cooperation: Cooperation) -> QuerySet[Agreement]:
    return Agreement.objects.filter(cooperation=cooperation).order_by("-pk")


def annexes_of(cooperation: Cooperation) -> QuerySet[Annex]:
    """The annexes of the cooperation's decisions, for an uploaded annex to name (the meeting pack)."""
    return (
        Annex.objects.filter(item__body__area__cooperation=cooperation)
        .select_related("item")
        .order_by("-item__year", "-item__number", "number")
    )
