from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.forms import submit
from core.sections import rows, sections, summarise
from core.views import AuthenticatedRequest, form_page
from organisations import access, my_work, services
from organisations.forms import PortalOrganisationForm
from organisations.models import (
    CountyOfMunicipality,
    EmploymentArea,
    Municipality,
    Organisation,
    Participation,
    Person,
)
from organisations.selectors import people_of


@login_required
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    person = Person.objects.filter(user=request.user).select_related("organisation").first()
    today = timezone.localdate()
    since = my_work.last_visit(request.user)
    scope = my_work.scope(request.user, request.GET.get("cooperation"))
    # A reader who sees many cooperations (a national administrator) gets the chosen ones listed and
    # the rest in the selector, and no list of every organisation: the page stays the same size
    # however many there are (#15).
    prefetch_related_objects(
        scope.listed, Prefetch("areas", queryset=EmploymentArea.objects.order_by("name_fi"))
    )
    every_organisation = access.rights_of(request.user).administrator
    work = my_work.my_work(request.user, today, scope.cooperations)
    tasks, more_tasks = my_work.by_cooperation(work.tasks, scope.listed, limit=my_work.TASKS_SHOWN)
    changes = sorted(rows("dashboard-changes", request, since), key=lambda c: c.at, reverse=True)
    return render(
        request,
        "organisations/dashboard.html",
        {
            "today": today,
            "work": work,
            "tasks": tasks,
            "more_tasks": more_tasks,
            "scope": scope,
            "choices": scope.choices if scope.choosing else None,
            "findings": sections("dashboard", request, None),
            "since": since,
            # Alike changes summarised as one line ("17 seats added", #29 item 3), the newest 30 lines.
            "changes": summarise(changes)[:30],
            "cooperations": scope.listed,
            "every_organisation": every_organisation,
            "organisations": ()
            if every_organisation
            else access.organisations_acted_for_anywhere(request.user),
            "person": person,
            "manages_people": access.manages_people(request.user),
        },
    )


@login_required
def cooperation_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    cooperation = access.get_cooperation_for_user(request.user, code)
    parties = cooperation.parties().prefetch_related(
        Prefetch(
            "people",
            queryset=Person.objects.filter(pk__in=people_of(cooperation).values("pk")).order_by(
                "last_name", "first_name"
            ),
        )
    )
    return render(
        request,
        "organisations/cooperation_detail.html",
        {
            "cooperation": cooperation,
            "areas": cooperation.areas.select_related("employment_authority", "lead_municipality"),
            "parties": parties,
            # The steering group and the agreement: sections the apps above contribute.
            "sections": sections("cooperation", request, cooperation),
            "is_secretary": access.is_secretary_of(request.user, cooperation),
            "names_vice_chair": set(
                Participation.objects.current()
                .filter(cooperation=cooperation, names_vice_chair=True)
                .values_list("organisation_id", flat=True)
            ),
        },
    )


@login_required
def area_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, code)
    municipalities = (
        Municipality.objects.filter(area=area)
        .prefetch_related(
            Prefetch("counties", queryset=CountyOfMunicipality.objects.select_related("county"))
        )
        .order_by("name_fi")
    )
    return render(
        request,
        "organisations/area_detail.html",
        {
            "area": area,
            "municipalities": municipalities,
            # The bodies, their meetings and decisions: a section the decisions app contributes.
            "sections": sections("area", request, area),
        },
    )


@login_required
def organisation_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = access.get_organisation_for_user(request.user, pk)
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            # Only the people of the cooperations the viewer sees: Kela's or a shared county's people
            # of another cooperation are not theirs to read (#26).
            "people": access.people_visible_to(request.user, organisation).order_by(
                "last_name", "first_name"
            ),
            # Only the cooperations the viewer may see: another cooperation's existence does not leak.
            "cooperations": access.cooperations_visible_to(request.user)
            .filter(participations__in=Participation.objects.current().filter(organisation=organisation))
            .order_by("name_fi"),
            "can_edit": access.may_change_organisation(request.user, organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = access.get_organisation_for_user(request.user, pk, to_change=True)
    form = PortalOrganisationForm(request.POST or None, instance=Organisation.objects.get(pk=pk))
    if submit(
        request,
        form,
        lambda data: services.update_organisation(
            organisation=organisation,
            actor=request.user,
            reason=_("Edited in the portal"),
            **data,
        ),
    ):
        messages.success(request, _("The organisation's details were saved."))
        return redirect("organisation-detail", pk=organisation.pk)
    back = reverse("organisation-detail", args=[organisation.pk])
    title = _("Edit %(name)s") % {"name": organisation.name_fi}
    return form_page(request, form, title, back, organisation.name_fi)
