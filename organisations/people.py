"""People and rights of a cooperation, for its board secretary and the national administrators: who
can do what here, inviting a user, granting and withdrawing rights, linking a login to a person and
deactivating a login. Every change goes through organisations.services and is kept in history."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import limit_choices, posted_pk, submit
from core.views import AuthenticatedRequest, detail_page, form_page
from organisations import access, services
from organisations.models import Cooperation, Grant, Organisation, Person
from organisations.selectors import people_of

# The least right first, and the default (#29 item 4): a new user reads until given more.
LEAST_RIGHT_FIRST = [Grant.Role.VIEWER.value, Grant.Role.EDITOR.value, Grant.Role.SECRETARY.value]
GRANTABLE_ROLES = sorted(Grant.Role.choices, key=lambda choice: LEAST_RIGHT_FIRST.index(str(choice[0])))


class InviteForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address"))
    first_name = forms.CharField(label=gettext_lazy("First name"), max_length=100)
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=100)
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"), queryset=Organisation.objects.none()
    )
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=GRANTABLE_ROLES, initial=Grant.Role.VIEWER)
    person = forms.ModelChoiceField(
        label=gettext_lazy("Person already recorded"),
        queryset=Person.objects.none(),
        required=False,
        help_text=gettext_lazy("Leave empty to record the person from the name above."),
    )

    def __init__(self, *args, cooperation: Cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        parties = cooperation.parties()
        limit_choices(self, "organisation", parties)
        limit_choices(
            self,
            "person",
            people_of(cooperation).filter(user__isnull=True).select_related("organisation"),
        )

    def clean(self):
        data = super().clean()
        person, organisation = data.get("person"), data.get("organisation")
        if person and organisation and person.organisation_id != organisation.pk:
            self.add_error("person", _("The person belongs to another organisation."))
        return data


class GrantForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("User name"), max_length=150)
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"), queryset=Organisation.objects.none()
    )
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=GRANTABLE_ROLES, initial=Grant.Role.VIEWER)

    def __init__(self, *args, cooperation: Cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self, "organisation", cooperation.parties())

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user = (
            get_user_model().objects.filter(Q(username__iexact=username) | Q(email__iexact=username)).first()
        )
        if user is None:
            raise ValidationError(_("No user has this user name or e-mail address."))
        return user


def _managed_cooperation(request: AuthenticatedRequest, code: str) -> Cooperation:
    cooperation = access.get_cooperation_for_user(request.user, code)
    if not access.is_secretary_of(request.user, cooperation):
        raise PermissionDenied
    return cooperation


def grants_in(cooperation: Cooperation):
    """The grants in force in COOPERATION."""
    return (
        Grant.objects.active()
        .filter(cooperation=cooperation)
        .select_related("user__person", "organisation", "cooperation", "granted_by")
        .order_by("user__last_name", "user__first_name", "user__username", "role")
    )


def _unlinked_people(cooperation: Cooperation) -> dict[int, list[Person]]:
    """People of the parties who have no login yet, by organisation: a login may be linked to one."""
    by_organisation: dict[int, list[Person]] = {}
    for person in people_of(cooperation).filter(user__isnull=True).order_by("last_name", "first_name"):
        by_organisation.setdefault(person.organisation_id, []).append(person)
    return by_organisation


@login_required
def index(request: AuthenticatedRequest) -> HttpResponse:
    if not access.manages_people(request.user):
        raise PermissionDenied
    rights = access.rights_of(request.user)
    cooperations = (
        Cooperation.objects.all()
        if rights.administrator
        else Cooperation.objects.filter(pk__in=rights.secretary_of)
    )
    return render(
        request,
        "organisations/people_index.html",
        {"cooperations": cooperations.order_by("name_fi"), "administrator": rights.administrator},
    )


class LinkForm(forms.Form):
    """A row's link button: the person comes from the row, checked by the view; only the service's
    refusal is shown."""


def _page(request: AuthenticatedRequest, cooperation: Cooperation, **forms_) -> HttpResponse:
    """The cooperation's people and rights; a refused form (by its context name) shown again."""
    context = {
        "cooperation": cooperation,
        "grants": grants_in(cooperation),
        "administrators": access.secretaries().order_by("last_name", "username"),
        "invite_form": forms_.get("invite_form") or InviteForm(cooperation=cooperation, prefix="invite"),
        "grant_form": forms_.get("grant_form") or GrantForm(cooperation=cooperation, prefix="grant"),
        "link_form": forms_.get("link_form"),
        "unlinked": _unlinked_people(cooperation),
    }
    return detail_page(request, "organisations/people.html", context)


@login_required
def cooperation_people(request: AuthenticatedRequest, code: str) -> HttpResponse:
    return _page(request, _managed_cooperation(request, code))


@login_required
@require_POST
def invite(request: AuthenticatedRequest, code: str) -> HttpResponse:
    cooperation = _managed_cooperation(request, code)
    form = InviteForm(request.POST, cooperation=cooperation, prefix="invite")
    if user := submit(
        request, form, lambda data: services.invite(cooperation=cooperation, actor=request.user, **data)
    ):
        # In the language the page is in: the secretary writes to people of their own region.
        services.send_invitation(user, translation.get_language() or "fi")
        messages.success(
            request,
            _("%(email)s was invited: the message tells how to set a password.") % {"email": user.email},
        )
        return redirect("people-and-rights", code=cooperation.code)
    return _page(request, cooperation, invite_form=form)


@login_required
@require_POST
def grant(request: AuthenticatedRequest, code: str) -> HttpResponse:
    cooperation = _managed_cooperation(request, code)
    form = GrantForm(request.POST, cooperation=cooperation, prefix="grant")
    if submit(
        request,
        form,
        lambda data: services.grant(
            user=data["username"],
            role=data["role"],
            organisation=data["organisation"],
            cooperation=cooperation,
            actor=request.user,
        ),
    ):
        messages.success(request, _("The right was granted."))
        return redirect("people-and-rights", code=cooperation.code)
    return _page(request, cooperation, grant_form=form)


class ConfirmStepForm(forms.Form):
    """The confirmation page's button (#29 item 4): nothing to fill in; the page itself is the step."""


def _confirm_page(request: AuthenticatedRequest, cooperation: Cooperation, form, **page) -> HttpResponse:
    from django.urls import reverse

    back = reverse("people-and-rights", args=[cooperation.code])
    title = page.pop("title")
    return form_page(
        request,
        form,
        title,
        back,
        _("People and rights"),
        template="core/confirm_page.html",
        **page,
    )


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request: AuthenticatedRequest, code: str, pk: int) -> HttpResponse:
    """A GET asks first (the people page links here); the POST withdraws."""
    cooperation = _managed_cooperation(request, code)
    grant_ = get_object_or_404(grants_in(cooperation), pk=pk)
    form = ConfirmStepForm(request.POST if request.method == "POST" else None)
    if submit(request, form, lambda data: services.withdraw(grant=grant_, actor=request.user)):
        messages.success(request, _("The right was withdrawn. It ends at once, on every page."))
        return redirect("people-and-rights", code=cooperation.code)
    return _confirm_page(
        request,
        cooperation,
        form,
        title=_("Withdraw the right of %(user)s") % {"user": grant_.user.get_username()},
        warning=_(
            "The right ends at once, on every page, document, export and calendar. "
            "It can be given again later from this cooperation's people and rights."
        ),
        submit_label=_("Withdraw the right"),
        facts=[
            (_("User"), grant_.user.get_full_name() or grant_.user.get_username()),
            (_("Role"), grant_.get_role_display()),
            (_("Organisation"), grant_.organisation.name_fi),
        ],
    )


@login_required
@require_http_methods(["GET", "POST"])
def deactivate(request: AuthenticatedRequest, code: str, pk: int) -> HttpResponse:
    """A GET asks first (the people page links here); the POST closes the login."""
    cooperation = _managed_cooperation(request, code)
    # a login without a right here is not this cooperation's to see: 404, as for none (#26)
    user = get_object_or_404(
        get_user_model().objects.distinct(), pk=pk, is_active=True, grants__in=grants_in(cooperation)
    )
    reach = Grant.objects.active().filter(user=user)
    administrator = access.rights_of(request.user).administrator
    # Only a login whose every right is in this cooperation is the cooperation secretary's to close.
    if user == request.user or not reach.filter(Q(cooperation=cooperation)).exists():
        raise PermissionDenied
    if not administrator and (reach.exclude(cooperation=cooperation).exists() or user.is_staff):
        raise PermissionDenied
    form = ConfirmStepForm(request.POST if request.method == "POST" else None)
    if submit(request, form, lambda data: services.deactivate(user=user, actor=request.user)):
        messages.success(request, _("The login of %(user)s was closed.") % {"user": user.get_username()})
        return redirect("people-and-rights", code=cooperation.code)
    return _confirm_page(
        request,
        cooperation,
        form,
        title=_("Close the login of %(user)s") % {"user": user.get_username()},
        warning=_(
            "The user can no longer log in, and every right they hold ends with the login. "
            "Only the portal's administrator can open it again."
        ),
        submit_label=_("Close the login"),
        facts=[
            (_("User"), user.get_full_name() or user.get_username()),
            (_("E-mail address"), user.email or "–"),
        ],
    )


@login_required
@require_http_methods(["POST"])
def link_person(request: AuthenticatedRequest, code: str, pk: int) -> HttpResponse:
    cooperation = _managed_cooperation(request, code)
    user = get_object_or_404(get_user_model().objects.distinct(), pk=pk, grants__in=grants_in(cooperation))
    # A login holds one person record: relinking one with rights in another cooperation too would
    # take it from that cooperation's person, which is that cooperation's secretary's to decide (#26).
    if (
        not access.rights_of(request.user).administrator
        and Grant.objects.active().filter(user=user).exclude(cooperation=cooperation).exists()
    ):
        raise Http404
    person = get_object_or_404(
        people_of(cooperation),
        pk=posted_pk(request.POST.get("person")),
    )
    form = LinkForm(request.POST)
    if not submit(
        request, form, lambda data: services.link_person(user=user, person=person, actor=request.user)
    ):
        return _page(request, cooperation, link_form=form)
    messages.success(request, _("The login was linked to %(person)s.") % {"person": person})
    return redirect("people-and-rights", code=cooperation.code)
