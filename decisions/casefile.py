"""This app's part of a case file (casefiles/exchange.py): the bodies of the cooperation's areas, their
members and personal deputies, their
meetings, and the decisions with their appeal parts, notifications, claims and extracts."""

from django.db.models import F, QuerySet

from casefiles.exchange import part
from decisions.models import (
    AgendaItem,
    Annex,
    AppealPart,
    Attendance,
    Body,
    BodyMember,
    Claim,
    Extract,
    Meeting,
    Notification,
)


@part(Body, identity=("code",))
def bodies(cooperation) -> QuerySet[Body]:
    return Body.objects.filter(area__cooperation=cooperation)


# Members before their personal deputies, who name them.
@part(
    BodyMember, identity=("body", "person", "starts"), order_by=(F("deputy_of").asc(nulls_first=True), "pk")
)
def body_members(cooperation) -> QuerySet[BodyMember]:
    return BodyMember.objects.filter(body__area__cooperation=cooperation)


@part(Meeting, identity=("body", "number", "date"))
def meetings(cooperation) -> QuerySet[Meeting]:
    return Meeting.objects.filter(body__area__cooperation=cooperation)


@part(Attendance, identity=("meeting", "person"))
def attendances(cooperation) -> QuerySet[Attendance]:
    return Attendance.objects.filter(meeting__body__area__cooperation=cooperation)


@part(AgendaItem, identity=("body", "year", "number"))
def items(cooperation) -> QuerySet[AgendaItem]:
    return AgendaItem.objects.filter(body__area__cooperation=cooperation)


@part(Annex, identity=("item", "number"))
def annexes(cooperation) -> QuerySet[Annex]:
    return Annex.objects.filter(item__body__area__cooperation=cooperation)


@part(AppealPart, identity=("item", "order"))
def appeal_parts(cooperation) -> QuerySet[AppealPart]:
    return AppealPart.objects.filter(item__body__area__cooperation=cooperation)


@part(Notification, identity=("item", "recipient", "method", "sent_on"))
def notifications(cooperation) -> QuerySet[Notification]:
    return Notification.objects.filter(item__body__area__cooperation=cooperation)


@part(Claim, identity=("item", "claimant", "received_on"))
def claims(cooperation) -> QuerySet[Claim]:
    return Claim.objects.filter(item__body__area__cooperation=cooperation)


@part(Extract, identity=("item", "certified_on"))
def extracts(cooperation) -> QuerySet[Extract]:
    return Extract.objects.filter(item__body__area__cooperation=cooperation)
