"""Setting up a cooperation in the portal (#26 item 7): the national administrator creates it and names
its secretary; the secretary's checklist (its steps contributed by the apps that own them: bodies,
the steering group) and the people of the cooperation who need no login. Writes go through
organisations.onboarding."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.validators import validate_email
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.forms import limit_choices, submit
from core.sections import sections
from core.views import AuthenticatedRequest, form_page
from organisations import access, business_id, onboarding, onboarding_input, selectors, services
from organisations.models import Cooperation, Organisation

PARTY_HELP = gettext_lazy(
    "One per line: the business ID, then the name (needed only for an organisation not registered yet), "
    "e.g. 0208201-1 Jyväskylän kaupunki. An organisation already registered keeps its recorded name."
)


class CooperationForm(forms.Form):
    code = forms.SlugField(
        label=gettext_lazy("Code"),
        max_length=60,
        help_text=gettext_lazy("Short and permanent, used in addresses and commands, e.g. jyvaskylan-seutu."),
    )
    name_fi = forms.CharField(label=gettext_lazy("Name in Finnish"), max_length=200)
    name_sv = forms.CharField(label=gettext_lazy("Name in Swedish"), max_length=200, required=False)
    employment_authorities = forms.CharField(
        label=gettext_lazy("Employment authorities"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=PARTY_HELP,
    )
    counties = forms.CharField(
        label=gettext_lazy("Wellbeing services counties"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "As above. Kela takes part in every cooperation by law: it need not be listed."
        ),
    )
    areas = forms.CharField(
        label=gettext_lazy("Employment areas and their municipalities"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "One area per line: its name; its employment authority's business ID; its municipalities by "
            "their official three-digit codes, the lead municipality first, e.g. Jyväskylän seudun "
            "työllisyysalue; 0208201-1; 179, 500, 892. Their names come from the national register."
        ),
    )
    chair_named_by = forms.CharField(
        label=gettext_lazy("Employment authority that names the chair (business ID)"),
        max_length=20,
        required=False,
        help_text=gettext_lazy("Only with two or more employment authorities."),
    )
    vice_chair_named_by = forms.CharField(
        label=gettext_lazy("Wellbeing services county that names the vice-chair (business ID)"),
        max_length=20,
        required=False,
        help_text=gettext_lazy("Only with two or more wellbeing services counties."),
    )
    secretary_login = forms.CharField(
        label=gettext_lazy("Secretary: e-mail address or user name"),
        max_length=254,
        help_text=gettext_lazy(
            "An existing user, or the e-mail address of a new user, who is sent an invitation to set a "
            "password."
        ),
    )
    secretary_first_name = forms.CharField(
        label=gettext_lazy("Secretary's first name"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("Only for a new user."),
    )
    secretary_last_name = forms.CharField(
        label=gettext_lazy("Secretary's last name"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("Only for a new user."),
    )
    secretary_organisation = forms.CharField(
        label=gettext_lazy("Secretary's organisation (business ID)"),
        max_length=20,
        help_text=gettext_lazy("One of the parties above, or Kela (0246246-0)."),
    )

    def clean_employment_authorities(self) -> list[onboarding_input.PartySpec]:
        text = self.cleaned_data["employment_authorities"]
        return onboarding_input.parse_parties(text, Organisation.Kind.EMPLOYMENT_AUTHORITY)

    def clean_counties(self) -> list[onboarding_input.PartySpec]:
        return onboarding_input.parse_parties(
            self.cleaned_data["counties"], Organisation.Kind.WELLBEING_COUNTY
        )

    def clean_areas(self) -> list[onboarding_input.AreaSpec]:
        return onboarding_input.parse_areas(self.cleaned_data["areas"])

    def clean_secretary_organisation(self) -> str:
        return _business_id(self.cleaned_data["secretary_organisation"])

    def clean_chair_named_by(self) -> str:
        return _business_id(self.cleaned_data["chair_named_by"])

    def clean_vice_chair_named_by(self) -> str:
        return _business_id(self.cleaned_data["vice_chair_named_by"])

    def clean_secretary_login(self) -> str:
        login = self.cleaned_data["secretary_login"].strip()
        users = get_user_model().objects.filter(Q(username__iexact=login) | Q(email__iexact=login))
        if not users.exists():
            validate_email(login)  # a new user is invited by e-mail
        return login


def _business_id(value: str) -> str:
    """A typed business ID in its canonical form; "" stays empty (an optional field)."""
    value = value.strip()
    if not value:
        return ""
    business_id.validate_business_id(value)
    return business_id.normalise(value)


def _create(data: dict, actor) -> onboarding.Created:
    return onboarding.create_cooperation(
        code=data["code"],
        name_fi=data["name_fi"],
        name_sv=data["name_sv"],
        parties=[*data["employment_authorities"], *data["counties"]],
        areas=data["areas"],
        chair_named_by=data["chair_named_by"],
        vice_chair_named_by=data["vice_chair_named_by"],
        secretary=onboarding_input.SecretarySpec(
            login=data["secretary_login"],
            first_name=data["secretary_first_name"],
            last_name=data["secretary_last_name"],
            organisation_business_id=data["secretary_organisation"],
        ),
        actor=actor,
    )


@login_required
@require_http_methods(["GET", "POST"])
def cooperation_create(request: AuthenticatedRequest) -> HttpResponse:
    if not access.rights_of(request.user).administrator:
        raise Http404
    form = CooperationForm(request.POST or None)
    if created := submit(request, form, lambda data: _create(data, request.user)):
        if created.invited:
            services.send_invitation(created.secretary, translation.get_language() or "fi")
        messages.success(
            request,
            _("The cooperation %(name)s was created; %(secretary)s is its secretary.")
            % {"name": created.cooperation.name_fi, "secretary": created.secretary.get_username()},
        )
        return redirect("cooperation-detail", code=created.cooperation.code)
    intro = _(
        "The cooperation, its parties, employment areas and municipalities, and its secretary are saved "
        "together: if anything is refused, nothing is saved."
    )
    return form_page(
        request, form, _("New cooperation"), reverse("setup-index"), _("Setting up"), intro=intro
    )


def _managed(request: AuthenticatedRequest, code: str) -> Cooperation:
    """The cooperation if the user is its secretary (or a national administrator); else 404."""
    cooperation = access.get_cooperation_for_user(request.user, code)
    if not access.is_secretary_of(request.user, cooperation):
        raise Http404
    return cooperation


@login_required
def setup_index(request: AuthenticatedRequest) -> HttpResponse:
    if not access.manages_people(request.user):
        raise Http404
    rights = access.rights_of(request.user)
    cooperations = (
        Cooperation.objects.all()
        if rights.administrator
        else Cooperation.objects.filter(pk__in=rights.secretary_of)
    )
    return render(
        request,
        "organisations/onboarding/index.html",
        {"cooperations": cooperations.order_by("name_fi"), "administrator": rights.administrator},
    )


@login_required
def setup(request: AuthenticatedRequest, code: str) -> HttpResponse:
    cooperation = _managed(request, code)
    return render(
        request,
        "organisations/onboarding/setup.html",
        {
            "cooperation": cooperation,
            # The bodies of each area and the steering group: steps the apps above contribute.
            "sections": sections("cooperation-setup", request, cooperation),
            "people": selectors.people_of(cooperation)
            .filter(user__isnull=True)
            .select_related("organisation")
            .order_by("last_name", "first_name"),
        },
    )


class PersonForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"), queryset=Organisation.objects.none()
    )
    first_name = forms.CharField(label=gettext_lazy("First name"), max_length=100)
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=100)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200, required=False)
    email = forms.EmailField(
        label=gettext_lazy("E-mail address"),
        required=False,
        help_text=gettext_lazy("Optional: the person gets no login from it."),
    )

    def __init__(self, *args, cooperation: Cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self, "organisation", cooperation.parties().order_by("name_fi"))


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    cooperation = _managed(request, code)
    form = PersonForm(request.POST or None, cooperation=cooperation)
    if person := submit(
        request,
        form,
        lambda data: onboarding.add_person(cooperation=cooperation, actor=request.user, **data),
    ):
        messages.success(request, _("%(person)s was added to the cooperation.") % {"person": person})
        return redirect("cooperation-setup", code=cooperation.code)
    intro = _(
        "A person who needs no login, e.g. a board member recorded in attendance or a member of the steering "
        "group. To give someone rights, invite them on the page People and rights."
    )
    back = reverse("cooperation-setup", args=[cooperation.code])
    return form_page(request, form, _("Add a person without a login"), back, cooperation.name_fi, intro=intro)
