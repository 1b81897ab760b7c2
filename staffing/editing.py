"""The year's objectives and staffing assessment in the portal. A party's editor proposes objectives,
indicators and follow-up values; the board secretary records what the steering group decided: the
objectives it set, their follow-up status, and the staffing assessment (Act 381/2023 § 9)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import BaseForm as Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.forms import submit
from core.views import form_page
from governance.access import get_group_for_user
from governance.models import SteeringGroup
from organisations import access as org_access
from staffing import services
from staffing.forms import (
    AssessmentForm,
    FollowUpStatusForm,
    IndicatorForm,
    MeasurementForm,
    ObjectiveDecisionForm,
    ObjectiveForm,
)
from staffing.models import Indicator, Objective, StaffingReview


def may_propose(user, group: SteeringGroup) -> bool:
    """A party's editor (a member's organisation) or the cooperation's secretary."""
    if org_access.is_secretary_of(user, group.cooperation_id):
        return True
    return (
        org_access.organisations_acted_for(user, group.cooperation_id)
        .filter(pk__in=group.cooperation.parties().values("pk"))
        .exists()
    )


def may_decide(user, group: SteeringGroup) -> bool:
    return org_access.is_secretary_of(user, group.cooperation_id)


def _page(request, form: Form, title: str, group: SteeringGroup, year: int, intro: str = "") -> HttpResponse:
    back_label = _("Objectives and staffing %(year)s") % {"year": year}
    return form_page(
        request, form, title, reverse("staffing-year", args=[group.pk, year]), back_label, intro=intro
    )


def _group(request, pk: int, *, decide: bool = False) -> SteeringGroup:
    group = get_group_for_user(request.user, pk)
    if not (may_decide if decide else may_propose)(request.user, group):
        raise PermissionDenied
    return group


def _objective(request, pk: int, *, decide: bool = False) -> Objective:
    objective = get_object_or_404(Objective.objects.select_related("group__cooperation"), pk=pk)
    _group(request, objective.group_id, decide=decide)
    return objective


def _back(objective: Objective) -> HttpResponse:
    return redirect("staffing-year", pk=objective.group_id, year=objective.year)


@login_required
@require_http_methods(["GET", "POST"])
def objective_create(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    group = _group(request, pk)
    form = ObjectiveForm(request.POST or None, group=group)
    if submit(
        request,
        form,
        lambda data: services.propose_objective(group=group, year=year, actor=request.user, **data),
    ):
        messages.success(request, _("The objective was proposed to the steering group."))
        return redirect("staffing-year", pk=group.pk, year=year)
    title = _("Propose an objective for %(year)s") % {"year": year}
    return _page(request, form, title, group, year)


@login_required
@require_http_methods(["GET", "POST"])
def objective_decide(request: HttpRequest, pk: int) -> HttpResponse:
    objective = _objective(request, pk, decide=True)
    form = ObjectiveDecisionForm(request.POST or None, group=objective.group)
    if submit(
        request,
        form,
        lambda data: services.record_objective_decision(objective=objective, actor=request.user, **data),
    ):
        messages.success(request, _("The steering group's decision was recorded."))
        return _back(objective)
    title = _("Record the steering group's decision: %(objective)s") % {"objective": objective.title}
    return _page(request, form, title, objective.group, objective.year)


@login_required
@require_http_methods(["GET", "POST"])
def objective_status(request: HttpRequest, pk: int) -> HttpResponse:
    objective = _objective(request, pk, decide=True)
    form = FollowUpStatusForm(request.POST or None, initial={"status": objective.status})
    if submit(
        request,
        form,
        lambda data: services.follow_up_status(objective=objective, actor=request.user, **data),
    ):
        messages.success(request, _("The status was saved."))
        return _back(objective)
    return _page(
        request,
        form,
        _("Follow-up: %(objective)s") % {"objective": objective.title},
        objective.group,
        objective.year,
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request: HttpRequest, pk: int) -> HttpResponse:
    objective = _objective(request, pk)
    form = IndicatorForm(request.POST or None)
    if submit(
        request,
        form,
        lambda data: services.add_indicator(objective=objective, actor=request.user, **data),
    ):
        messages.success(request, _("The indicator was added."))
        return _back(objective)
    title = _("Add an indicator: %(objective)s") % {"objective": objective.title}
    return _page(request, form, title, objective.group, objective.year)


@login_required
@require_http_methods(["GET", "POST"])
def measurement_create(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_object_or_404(Indicator.objects.select_related("objective__group"), pk=pk)
    objective = _objective(request, indicator.objective_id)
    form = MeasurementForm(request.POST or None)
    if submit(
        request,
        form,
        lambda data: services.record_measurement(indicator=indicator, actor=request.user, **data),
    ):
        messages.success(request, _("The follow-up value was recorded."))
        return _back(objective)
    title = _("Record a follow-up value: %(indicator)s") % {"indicator": indicator}
    return _page(request, form, title, objective.group, objective.year)


@login_required
@require_http_methods(["GET", "POST"])
def assessment(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    group = _group(request, pk, decide=True)
    review = StaffingReview.objects.filter(group=group, year=year).first()
    form = AssessmentForm(request.POST or None, instance=review, group=group)
    if submit(
        request,
        form,
        lambda data: services.assess_staffing(group=group, year=year, actor=request.user, **data),
    ):
        messages.success(request, _("The staffing assessment was recorded."))
        return redirect("staffing-year", pk=group.pk, year=year)
    title = _("Assess the adequacy of staffing in %(year)s") % {"year": year}
    intro = _(
        "The steering group assesses every year whether each party's staff is adequate (Act 381/2023 § 9)."
    )
    return _page(request, form, title, group, year, intro)
