from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import exports as tables
from core import pdf
from core.forms import submit
from core.views import form_page
from governance import access, compliance, exports, selectors, services, timeline
from governance.forms import DeputyForm, EndSeatForm, LeaderForm, NominationForm, SeatForm, SuccessorForm
from governance.models import LeadershipAppointment, Membership, Nomination, SteeringGroup
from organisations import access as org_access
from organisations.models import Organisation
from organisations.selectors import organisations_of


def _group_context(request: HttpRequest, group: SteeringGroup) -> dict:
    today = timezone.localdate()
    facts = compliance.GroupFacts(group, today)
    acting_for = set(
        org_access.organisations_acted_for(request.user, group.cooperation_id).values_list("pk", flat=True)
    )
    is_secretary = org_access.is_secretary_of(request.user, group.cooperation_id)
    if is_secretary:  # the cooperation's secretary records every party's nominations and seats (#26 item 7)
        acting_for |= {p.pk for p in facts.parties} | {n.organisation_id for n in facts.nominations}
    return {
        "group": group,
        "today": today,
        "blocks": selectors.composition(facts),
        "ended": selectors.ended_seats(facts),
        "nominations": facts.nominations,
        "leadership": facts.leadership,
        "findings": compliance.evaluate(group, facts=facts),
        "timeline": timeline.build(group, facts.seats, facts.nominations, today),
        "acting_for": acting_for,
        "can_nominate": bool(acting_for & {p.pk for p in facts.parties}),
        "is_secretary": is_secretary,
    }


@login_required
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = access.get_group_for_user(request.user, pk)
    return render(request, "governance/group_detail.html", _group_context(request, group))


@login_required
def group_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    group = access.get_group_for_user(request.user, pk)
    content = pdf.render("governance/composition_pdf.html", _group_context(request, group))
    return pdf.response(content, f"johtoryhman-kokoonpano-{group.cooperation.code}.pdf")


@login_required
def group_history(request: HttpRequest, pk: int) -> HttpResponse:
    group = access.get_group_for_user(request.user, pk)
    sources = [
        (SteeringGroup.history.filter(id=group.pk), _("steering group"), lambda r: r.name),
        (
            Nomination.history.filter(group_id=group.pk).select_related("organisation"),
            _("nomination"),
            lambda r: r.organisation,
        ),
        (
            Membership.history.filter(group_id=group.pk).select_related("person"),
            _("seat"),
            lambda r: f"{r.person} ({r.get_capacity_display()})",
        ),
        (
            LeadershipAppointment.history.filter(group_id=group.pk).select_related("person"),
            _("leading person"),
            lambda r: r.person,
        ),
    ]
    changes = []
    for queryset, kind, label in sources:
        for record in queryset.select_related("history_user").order_by("-history_date")[:200]:
            changes.append((record, kind, label(record)))
    changes.sort(key=lambda item: item[0].history_date, reverse=True)
    return render(request, "governance/group_history.html", {"group": group, "changes": changes[:200]})


def _form(request: HttpRequest, form, title: str, group: SteeringGroup, intro: str = "") -> HttpResponse:
    back = reverse("group-detail", args=[group.pk])
    return form_page(request, form, title, back, f"{group.name}, {group.cooperation.name_fi}", intro=intro)


@login_required
@require_http_methods(["GET", "POST"])
def nomination_create(request: HttpRequest, pk: int) -> HttpResponse:
    group = access.get_group_for_user(request.user, pk)
    # Parties of the area, and municipalities (which may supplement the group: agreement § 8).
    organisations = (
        Organisation.objects.all()
        if org_access.is_secretary_of(request.user, group.cooperation_id)
        else org_access.organisations_acted_for(request.user, group.cooperation_id)
    ).filter(pk__in=organisations_of(group.cooperation_id).values("pk"))
    if not organisations.exists():
        raise PermissionDenied
    form = NominationForm(request.POST or None, organisations=organisations, cooperation=group.cooperation_id)
    if nomination := submit(
        request,
        form,
        lambda data: services.record_nomination(group=group, actor=request.user, **data),
    ):
        messages.success(request, _("The nomination was recorded. Now add its members."))
        return redirect("seat-create", pk=nomination.pk)
    return _form(request, form, _("Record a nomination decision"), group)


@login_required
@require_http_methods(["GET", "POST"])
def nomination_edit(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = access.get_nomination_for_user(request.user, pk)
    organisations = Organisation.objects.filter(pk=nomination.organisation_id)
    form = NominationForm(
        request.POST or None,
        instance=Nomination.objects.get(pk=pk),
        organisations=organisations,
        cooperation=nomination.group.cooperation_id,
    )
    if submit(
        request,
        form,
        lambda data: services.update_nomination(nomination=nomination, actor=request.user, **data),
    ):
        messages.success(request, _("The nomination was saved."))
        return redirect("group-detail", pk=nomination.group_id)
    return _form(request, form, _("Change the nomination decision"), nomination.group)


@login_required
@require_http_methods(["GET", "POST"])
def seat_create(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = access.get_nomination_for_user(request.user, pk)
    form = SeatForm(
        request.POST or None,
        organisation=nomination.organisation,
        cooperation=nomination.group.cooperation_id,
    )
    if submit(
        request,
        form,
        lambda data: services.seat_member(nomination=nomination, actor=request.user, **data),
    ):
        messages.success(request, _("The member was added."))
        return redirect("group-detail", pk=nomination.group_id)
    title = _("Add a member and a personal deputy")
    return _form(request, form, title, nomination.group, intro=str(nomination))


@login_required
@require_http_methods(["GET", "POST"])
def deputy_create(request: HttpRequest, pk: int) -> HttpResponse:
    member = access.get_seat_for_user(request.user, pk)
    form = DeputyForm(
        request.POST or None, organisation=member.organisation, cooperation=member.group.cooperation_id
    )
    if submit(request, form, lambda data: services.add_deputy(member=member, actor=request.user, **data)):
        messages.success(request, _("The personal deputy was added."))
        return redirect("group-detail", pk=member.group_id)
    return _form(request, form, _("Add a personal deputy"), member.group, intro=str(member))


@login_required
@require_http_methods(["GET", "POST"])
def seat_end(request: HttpRequest, pk: int) -> HttpResponse:
    seat = access.get_seat_for_user(request.user, pk)
    form = EndSeatForm(request.POST or None)
    if submit(request, form, lambda data: services.end_seat(seat=seat, actor=request.user, **data)):
        messages.success(request, _("The seat was ended. It stays in the history."))
        return redirect("group-detail", pk=seat.group_id)
    return _form(request, form, _("End a seat"), seat.group, intro=str(seat))


@login_required
@require_http_methods(["GET", "POST"])
def seat_replace(request: HttpRequest, pk: int) -> HttpResponse:
    seat = access.get_seat_for_user(request.user, pk)
    if seat.capacity != Membership.Capacity.MEMBER or seat.end_date is not None:
        raise PermissionDenied
    form = SuccessorForm(
        request.POST or None, organisation=seat.organisation, cooperation=seat.group.cooperation_id
    )
    if submit(request, form, lambda data: services.replace_member(seat=seat, actor=request.user, **data)):
        messages.success(request, _("The successor was named. The earlier seat stays in the history."))
        return redirect("group-detail", pk=seat.group_id)
    return _form(request, form, _("Name a successor"), seat.group, intro=str(seat))


@login_required
@require_http_methods(["GET", "POST"])
def leader_create(request: HttpRequest, pk: int) -> HttpResponse:
    """The board secretary records the steering group's approval and the board's naming decision."""
    group = access.get_group_for_user(request.user, pk)
    if not org_access.is_secretary_of(request.user, group.cooperation_id):
        raise PermissionDenied
    form = LeaderForm(request.POST or None, group=group)
    if submit(request, form, lambda data: services.appoint_leader(group=group, actor=request.user, **data)):
        messages.success(request, _("The appointment was recorded."))
        return redirect("group-detail", pk=group.pk)
    intro = _(
        "The steering group approves the person first; then the employment authority's board names them, "
        "for at most the group's term."
    )
    return _form(request, form, _("Name the leading person or deputy"), group, intro=intro)


@login_required
def group_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The composition, current and ended seats, for those who may see the group (#18 item 5)."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    group = access.get_group_for_user(request.user, pk)
    facts = compliance.GroupFacts(group, timezone.localdate())
    name = f"johtoryhman-kokoonpano-{group.cooperation.code}"
    if fmt == "xlsx":
        return tables.xlsx_response(exports.rows(facts), name, _("Composition"))
    return tables.csv_response(exports.rows(facts, finnish_dates=True), name)
