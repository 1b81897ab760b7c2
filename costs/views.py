from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import bounds, charts, pdf
from core import exports as tables
from core.forms import add_service_errors, submit
from core.views import form_page
from costs import exports, services
from costs.forms import CostItemForm, DayForm, InvoiceStatusForm, RegistrationForm
from costs.models import CostPrinciple, DevelopmentDay, Invoice, Registration
from governance.access import get_group_for_user
from organisations import access as org_access


def _can_manage(user, day: DevelopmentDay) -> bool:
    """The board secretary of the day's cooperation (or a national administrator) invoices."""
    return org_access.is_secretary_of(user, day.group.cooperation_id)


def _get_day(user, pk: int) -> DevelopmentDay:
    day = get_object_or_404(DevelopmentDay.objects.select_related("group__cooperation"), pk=pk)
    if not org_access.can_view_cooperation(user, day.group.cooperation_id):
        raise Http404  # outside the user's reach: not even its existence is told
    return day


def _chart(result: services.DaySplit | None) -> charts.Chart | None:
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
    return org_access.organisations_acted_for(user).filter(
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
            "summary": services.yearly_summary(group, year),
            "can_manage": org_access.is_secretary_of(request.user, group.cooperation_id),
        },
    )


def _day_context(request, day: DevelopmentDay, form=None) -> dict:
    result = services.day_split(day)
    organisations = _registering_for(request.user, day)
    today = timezone.localdate()
    invoices = list(day.invoices.select_related("debtor", "creditor"))
    return {
        "day": day,
        "registrations": day.registrations.select_related("organisation", "person").order_by(
            "organisation__name_fi", "pk"
        ),
        "cost_items": day.cost_items.select_related("paid_by"),
        "split": result,
        "chart": _chart(result),
        "invoices": [(invoice, invoice.is_overdue(today)) for invoice in invoices],
        "acting_for": set(organisations.values_list("pk", flat=True)),
        "form": form or (RegistrationForm(organisations=organisations) if organisations.exists() else None),
        "can_manage": _can_manage(request.user, day),
        "status_form": InvoiceStatusForm(),
    }


@login_required
def day_detail(request: HttpRequest, pk: int) -> HttpResponse:
    day = _get_day(request.user, pk)
    return render(request, "costs/day_detail.html", _day_context(request, day))


@login_required
@require_http_methods(["POST"])
def register(request: HttpRequest, pk: int) -> HttpResponse:
    day = _get_day(request.user, pk)
    organisations = _registering_for(request.user, day)
    if not organisations.exists():
        raise PermissionDenied
    form = RegistrationForm(request.POST, organisations=organisations)
    if form.is_valid():
        try:
            services.register(
                day=day,
                actor=request.user,
                organisation=form.cleaned_data["organisation"],
                person=form.cleaned_data["person"],
                count=form.cleaned_data["count"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The registration was saved."))
            return redirect("day-detail", pk=day.pk)
    return render(request, "costs/day_detail.html", _day_context(request, day, form), status=400)


@login_required
@require_http_methods(["POST"])
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(Registration.objects.select_related("day__group__cooperation"), pk=pk)
    if not org_access.can_act_for(request.user, registration.organisation):
        raise PermissionDenied
    services.cancel(registration=registration, on=timezone.localdate(), actor=request.user)
    messages.success(request, _("The registration was cancelled."))
    return redirect("day-detail", pk=registration.day_id)


@login_required
@require_http_methods(["POST"])
def prepare_invoices(request: HttpRequest, pk: int) -> HttpResponse:
    day = _get_day(request.user, pk)
    if not _can_manage(request.user, day):
        raise PermissionDenied
    try:
        services.prepare_invoices(day=day, actor=request.user, today=timezone.localdate())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The invoice bases were prepared."))
    return redirect("day-detail", pk=day.pk)


@login_required
@require_http_methods(["POST"])
def invoice_status(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = get_object_or_404(Invoice.objects.select_related("day__group__cooperation"), pk=pk)
    if not _can_manage(request.user, invoice.day):
        raise PermissionDenied
    form = InvoiceStatusForm(request.POST)
    if form.is_valid():
        services.mark_invoice(invoice=invoice, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The invoice status was saved."))
    else:
        messages.error(request, _("Choose a status and a date."))
    return redirect("day-detail", pk=invoice.day_id)


@login_required
def invoice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = get_object_or_404(
        Invoice.objects.select_related("day__group__cooperation", "debtor", "creditor"), pk=pk
    )
    if not org_access.can_view_cooperation(request.user, invoice.day.group.cooperation_id):
        raise Http404
    result = services.day_split(invoice.day)
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
    day = _get_day(request.user, pk)
    if not _can_manage(request.user, day):
        raise PermissionDenied
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
    day = _get_day(request.user, pk)
    name = f"kehittamispaiva-{day.pk}-{day.date:%Y-%m-%d}"
    if fmt == "xlsx":
        return tables.xlsx_response(exports.rows(day), name, _("Costs"))
    return tables.csv_response(exports.rows(day, finnish=True), name)
