"""Who may see and change development days and their invoice bases: those who may see the day's
cooperation see it; a party's editor registers and cancels only for their own organisation; the
board secretary of the cooperation (or a national administrator) records costs and invoices. An
object outside a user's reach is not found (404), so its existence is not told."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from costs.models import DevelopmentDay, Invoice, Registration
from organisations.access import can_act_for, can_view_cooperation, is_secretary_of


def can_manage(user, day: DevelopmentDay) -> bool:
    """The board secretary of the day's cooperation (or a national administrator) invoices."""
    return is_secretary_of(user, day.group.cooperation_id)


def get_day_for_user(user, pk: int) -> DevelopmentDay:
    day = get_object_or_404(DevelopmentDay.objects.select_related("group__cooperation"), pk=pk)
    if not can_view_cooperation(user, day.group.cooperation_id):
        raise Http404  # outside the user's reach: not even its existence is told
    return day


def get_day_to_manage(user, pk: int) -> DevelopmentDay:
    day = get_day_for_user(user, pk)
    if not can_manage(user, day):
        raise PermissionDenied
    return day


def get_invoice_for_user(user, pk: int) -> Invoice:
    invoice = get_object_or_404(
        Invoice.objects.select_related("day__group__cooperation", "debtor", "creditor", "credits"), pk=pk
    )
    if not can_view_cooperation(user, invoice.day.group.cooperation_id):
        raise Http404
    return invoice


def get_invoice_to_manage(user, pk: int) -> Invoice:
    invoice = get_invoice_for_user(user, pk)
    if not can_manage(user, invoice.day):
        raise PermissionDenied
    return invoice


def get_registration_to_change(user, pk: int) -> Registration:
    """The registration, if USER acts for its organisation."""
    registration = get_object_or_404(
        Registration.objects.select_related("day__group__cooperation", "organisation", "person"), pk=pk
    )
    if not can_view_cooperation(user, registration.day.group.cooperation_id):
        raise Http404
    if not can_act_for(user, registration.organisation, registration.day.group.cooperation_id):
        raise PermissionDenied
    return registration
