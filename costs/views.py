from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import bounds, charts, pdf
from core import exports as tables
from core.forms import submit
from core.views import form_page
from costs import access, exports, selectors, services
from costs.forms import CostItemForm, DayForm, InvoiceStatusForm, RegistrationForm, ReopenForm
from costs.models import CostPrinciple, DevelopmentDay
from governance.access import get_group_for_user
from organisations import access as org_access


def _chart(result: selectors.DaySplit | None) -> charts.Chart | None:
    """Each party's share of the costs beside what it has paid, the same in the page and the PDF."""
    if not result:
        return None
    return charts.build(
        "cost-chart",
        _("Share of the costs and payments by party"),
        _(
            "For each party, the upper bar is its share of the costs and the lower bar what it has paid; "
            "the figures are in the table."
        ),
        [(str(p.organisation), [(_("share"), p.share), (_("paid"), p.paid)]) for p in result.parties],
        "€",
    )


def _registering_for(user, day):
    return org_access.organisations_acted_for(user, day.group.cooperation_id).filter(
        pk__in=day.group.cooperation.parties().values("pk")
    )


@login_required
def group_costs(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_group_for_user(request.user, pk)
    try:
        year = int(request.GET.get("year", timezone.localdate().year))
    except ValueError:
        year = timezone.localdate().year
    if not bounds.year_in_range(year):
        year = timezone.localdate().year
    return render(
        request,
        "costs/group_costs.html",
        {
            "group": group,
            "year": year,
            "principles": CostPrinciple.objects.filter(cooperation=group.cooperation_id),
            "days": group.development_days.order_by("-date"),
            "summary": selectors.yearly_summary(group, year),
            "can_manage": org_access.is_secretary_of(request.user, group.cooperation_id),
        },
    )


def _day_context(request, day: DevelopmentDay, form=None) -> dict:
    result = selectors.day_split(day)
    organisations = _registering_for(request.user, day)
    today = timezone.localdate()
    can_manage = access.can_manage(request.user, day)
    invoices = list(day.invoices.select_related("debtor", "creditor", "credits"))
    if form is None and day.is_open and organisations.exists():
        form = RegistrationForm(organisations=organisations, cooperation=day.group.cooperation_id)
    return {
        "day": day,
        "registrations": day.registrations.select_related("organisation", "person").order_by(
            "organisation__name_fi", "pk"
        ),
        "cost_items": day.cost_items.select_related("paid_by"),
        "split": result,
        "chart": _chart(result),
        # each invoice basis with whether it is overdue and the states the secretary may record next
        "invoices": [
            (invoice, invoice.is_overdue(today), invoice.marks_by_hand() if can_manage else [])
            for invoice in invoices
        ],
        "invoices_agree": selectors.invoices_agree(day, result),
        "acting_for": set(organisations.values_list("pk", flat=True)),
        "form": form,
        "can_manage": can_manage,
    }


@login_required
def day_detail(request: HttpRequest, pk: int) -> HttpResponse:
    day = access.get_day_for_user(request.user, pk)
    return render(request, "costs/day_detail.html", _day_context(request, day))


@login_required
@require_http_methods(["POST"])
def register(request: HttpRequest, pk: int) -> HttpResponse:
    day = access.get_day_for_user(request.user, pk)
    organisations = _registering_for(request.user, day)
    if not organisations.exists():
        raise PermissionDenied
    form = RegistrationForm(request.POST, organisations=organisations, cooperation=day.group.cooperation_id)
    if submit(request, form, lambda data: services.register(day=day, actor=request.user, **data)):
        messages.success(request, _("The registration was saved."))
        return redirect("day-detail", pk=day.pk)
    return render(request, "costs/day_detail.html", _day_context(request, day, form), status=400)


def _day_page(request, form: forms.Form, title: str, day: DevelopmentDay, **extra) -> HttpResponse:
    return form_page(request, form, title, reverse("day-detail", args=[day.pk]), str(day), **extra)


@login_required
@require_http_methods(["POST"])
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    registration = access.get_registration_to_change(request.user, pk)
    form = forms.Form(request.POST)
    if submit(
        request,
        form,
        lambda data: services.cancel(registration=registration, on=timezone.localdate(), actor=request.user),
    ):
        messages.success(request, _("The registration was cancelled."))
        return redirect("day-detail", pk=registration.day_id)
    return _day_page(
        request,
        form,
        _("Cancel the registration"),
        registration.day,
        submit_label=_("Cancel the registration"),
    )


@login_required
@require_http_methods(["POST"])
def prepare_invoices(request: HttpRequest, pk: int) -> HttpResponse:
    day = access.get_day_to_manage(request.user, pk)
    form = forms.Form(request.POST)
    if submit(
        request,
        form,
        lambda data: services.prepare_invoices(day=day, actor=request.user, today=timezone.localdate()),
    ):
        messages.success(request, _("The invoice bases were prepared. Registrations are now closed."))
        return redirect("day-detail", pk=day.pk)
    return _day_page(
        request, form, _("Prepare the invoice bases"), day, submit_label=_("Prepare the invoice bases")
    )


@login_required
@require_http_methods(["POST"])
def invoice_status(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = access.get_invoice_to_manage(request.user, pk)
    form = InvoiceStatusForm(request.POST, invoice=invoice)
    if submit(request, form, lambda data: services.mark_invoice(invoice=invoice, actor=request.user, **data)):
        messages.success(request, _("The invoice status was saved."))
        return redirect("day-detail", pk=invoice.day_id)
    return _day_page(request, form, _("Record the status of %(number)s") % {"number": invoice}, invoice.day)


@login_required
@require_http_methods(["GET", "POST"])
def reopen_day(request: HttpRequest, pk: int) -> HttpResponse:
    """The correction of an invoiced day: its invoice bases are taken back (services.reopen_day)."""
    day = access.get_day_to_manage(request.user, pk)
    form = ReopenForm(request.POST or None)
    if submit(
        request,
        form,
        lambda data: services.reopen_day(day=day, actor=request.user, today=timezone.localdate(), **data),
    ):
        messages.success(
            request,
            _(
                "The day was reopened: registrations and costs can be corrected. Prepare the invoice "
                "bases again afterwards."
            ),
        )
        return redirect("day-detail", pk=day.pk)
    return _day_page(request, form, _("Reopen the development day"), day, submit_label=_("Reopen the day"))


@login_required
def invoice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = access.get_invoice_for_user(request.user, pk)
    result = selectors.day_split(invoice.day)
    content = pdf.render(
        "costs/invoice_pdf.html",
        {
            "invoice": invoice,
            "day": invoice.day,
            "split": result,
            "chart": _chart(result),
            "principles": CostPrinciple.objects.filter(cooperation=invoice.day.group.cooperation_id),
        },
    )
    return pdf.response(content, f"laskuperuste-{invoice.number}.pdf")


@login_required
@require_http_methods(["GET", "POST"])
def day_create(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_group_for_user(request.user, pk)
    if not org_access.is_secretary_of(request.user, group.cooperation_id):
        raise PermissionDenied
    form = DayForm(request.POST or None)
    if day := submit(
        request, form, lambda data: services.create_day(group=group, actor=request.user, **data)
    ):
        messages.success(request, _("The development day was created. Now add its costs."))
        return redirect("day-detail", pk=day.pk)
    back = reverse("group-costs", args=[group.pk])
    return form_page(request, form, _("New development day"), back, _("Development-day costs"))


@login_required
@require_http_methods(["GET", "POST"])
def cost_item_create(request: HttpRequest, pk: int) -> HttpResponse:
    day = access.get_day_to_manage(request.user, pk)
    form = CostItemForm(request.POST or None, day=day)
    if submit(request, form, lambda data: services.add_cost_item(day=day, actor=request.user, **data)):
        messages.success(request, _("The cost was added."))
        if "another" in request.POST:
            return redirect("cost-item-create", pk=day.pk)
        return redirect("day-detail", pk=day.pk)
    return form_page(
        request, form, _("Add a cost of the day"), reverse("day-detail", args=[day.pk]), str(day)
    )


@login_required
def day_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The day's split and invoice bases, for those who may see the cooperation (#18 item 5)."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    day = access.get_day_for_user(request.user, pk)
    name = f"kehittamispaiva-{day.pk}-{day.date:%Y-%m-%d}"
    if fmt == "xlsx":
        return tables.xlsx_response(exports.rows(day), name, _("Costs"))
    return tables.csv_response(exports.rows(day, finnish=True), name)
