"""This app's part of a case file (core/casefile.py): the cost principles and development days with
their costs, registrations and invoice bases."""

from django.db.models import QuerySet

from casefiles.exchange import part
from costs.models import CostItem, CostPrinciple, DevelopmentDay, Invoice, Registration


@part(CostPrinciple, identity=("cooperation", "order"))
def principles(cooperation) -> QuerySet[CostPrinciple]:
    return CostPrinciple.objects.filter(cooperation=cooperation)


@part(DevelopmentDay, identity=("group", "date", "title"))
def days(cooperation) -> QuerySet[DevelopmentDay]:
    return DevelopmentDay.objects.filter(group__cooperation=cooperation)


@part(CostItem, identity=("day", "description"))
def cost_items(cooperation) -> QuerySet[CostItem]:
    return CostItem.objects.filter(day__group__cooperation=cooperation)


@part(Registration, identity=("day", "organisation", "person"))
def registrations(cooperation) -> QuerySet[Registration]:
    return Registration.objects.filter(day__group__cooperation=cooperation)


@part(Invoice, identity=("number",))
def invoices(cooperation) -> QuerySet[Invoice]:
    return Invoice.objects.filter(day__group__cooperation=cooperation)
