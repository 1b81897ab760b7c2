"""The agreement's life in the portal: the secretary drafts it, writes its sections, links the approving
decision and sends it out; each party names who must sign for it and records its own signatures; in
force comes with the last one; amendments are new versions. Writes go through agreements.services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import BaseForm as Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from agreements import access, services
from agreements.forms import (
    AgreementForm,
    AmendmentForm,
    ApproveForm,
    ConfirmForm,
    MustSignForm,
    SectionForm,
    SignatoryForm,
)
from agreements.models import Agreement, Signatory
from agreements.views import agreement_page
from core.forms import submit
from core.views import form_page
from organisations.access import can_act_for, get_cooperation_for_user, is_secretary_of


def _page(request, form: Form, title: str, agreement: Agreement | None = None, **extra: Any) -> HttpResponse:
    if agreement is not None:
        back = (reverse("agreement-detail", args=[agreement.pk]), agreement.title)
    else:
        back = (reverse("cooperation-detail", args=[extra["cooperation"].code]), extra["cooperation"].name_fi)
    return form_page(request, form, title, *back, **extra)


def _as_secretary(request, pk: int) -> Agreement:
    agreement = access.get_agreement_for_user(request.user, pk)
    if not is_secretary_of(request.user, agreement.cooperation_id):
        raise PermissionDenied
    return agreement


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest, code: str) -> HttpResponse:
    cooperation = get_cooperation_for_user(request.user, code)  # 404 outside the user's reach
    if not is_secretary_of(request.user, cooperation.pk):
        raise PermissionDenied
    form = AgreementForm(request.POST or None)
    if agreement := submit(
        request,
        form,
        lambda data: services.create_agreement(cooperation=cooperation, actor=request.user, **data),
    ):
        messages.success(
            request, _("The draft was created with the cooperation's parties. Now write its sections.")
        )
        return redirect("agreement-detail", pk=agreement.pk)
    intro = _("The cooperation's current participants become the parties of the agreement.")
    return _page(request, form, _("New agreement draft"), cooperation=cooperation, intro=intro)


@login_required
@require_http_methods(["GET", "POST"])
def section_create(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _as_secretary(request, pk)
    last = agreement.versions.filter(number=1).values_list("sections__number", flat=True)
    next_number = max([n for n in last if n] or [0]) + 1
    form = SectionForm(request.POST or None, initial={"number": next_number})
    if submit(
        request, form, lambda data: services.add_section(agreement=agreement, actor=request.user, **data)
    ):
        messages.success(request, _("The section was added."))
        if "another" in request.POST:
            return redirect("agreement-section-create", pk=agreement.pk)
        return redirect("agreement-detail", pk=agreement.pk)
    return _page(request, form, _("Add a section"), agreement)


@login_required
@require_http_methods(["GET", "POST"])
def signatory_create(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.get_agreement_for_user(request.user, pk)
    parties = agreement.parties.filter(
        pk__in=[p.pk for p in access.parties_acted_for(request.user, agreement)]
    )
    if not parties.exists():
        raise PermissionDenied
    form = SignatoryForm(request.POST or None, parties=parties)
    if submit(request, form, lambda data: services.add_signatory(actor=request.user, **data)):
        messages.success(request, _("The signatory was added."))
        return redirect("agreement-detail", pk=agreement.pk)
    intro = _(
        "List who signs for your party as the agreement writes it, and mark who your party's "
        "decision requires to sign."
    )
    return _page(request, form, _("Name a signatory of your party"), agreement, intro=intro)


@login_required
@require_http_methods(["POST"])
def signatory_must_sign(request: HttpRequest, pk: int) -> HttpResponse:
    signatory = get_object_or_404(
        Signatory.objects.select_related("party__organisation", "party__agreement"), pk=pk
    )
    agreement = access.get_agreement_for_user(request.user, signatory.party.agreement_id)
    if not can_act_for(request.user, signatory.party.organisation, agreement.cooperation_id):
        raise PermissionDenied
    form = MustSignForm(request.POST, auto_id=f"signatory-{signatory.pk}-%s")
    if not submit(
        request,
        form,
        lambda data: services.set_must_sign(
            signatory=signatory, must_sign=data["must_sign"] == "yes", actor=request.user
        ),
    ):
        return agreement_page(request, agreement, must_sign_form=form, refused_signatory=signatory.pk)
    messages.success(request, _("Saved."))
    return redirect("agreement-detail", pk=agreement.pk)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_approve(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _as_secretary(request, pk)
    form = ApproveForm(request.POST or None, agreement=agreement)
    if submit(request, form, lambda data: services.approve(agreement=agreement, actor=request.user, **data)):
        messages.success(
            request,
            _(
                "The approval was recorded. Send the agreement out for signature when each party "
                "has named its signatories."
            ),
        )
        return redirect("agreement-detail", pk=agreement.pk)
    intro = _("Choose the decision of the employment authority's body that approved this draft.")
    return _page(request, form, _("Record the approving decision"), agreement, intro=intro)


def _confirmed_move(
    request, pk: int, move, title: str, warning: str, submit_label: str, done: str
) -> HttpResponse:
    agreement = _as_secretary(request, pk)
    form = ConfirmForm(request.POST or None)
    if submit(request, form, lambda data: move(agreement=agreement, actor=request.user)):
        messages.success(request, done)
        return redirect("agreement-detail", pk=agreement.pk)
    return form_page(
        request,
        form,
        title,
        reverse("agreement-detail", args=[agreement.pk]),
        agreement.title,
        template="core/confirm_page.html",
        warning=warning,
        submit_label=submit_label,
        facts=[(_("Status"), agreement.get_status_display())],
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_send(request: HttpRequest, pk: int) -> HttpResponse:
    return _confirmed_move(
        request,
        pk,
        services.send_for_signature,
        _("Send out for signature"),
        _("The text is then fixed: it can no longer be changed, only amended once in force."),
        _("Send out for signature"),
        _("The agreement is out for signature."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_back_to_draft(request: HttpRequest, pk: int) -> HttpResponse:
    return _confirmed_move(
        request,
        pk,
        services.back_to_draft,
        _("Return to draft"),
        _("The link to the approving decision is removed; the draft must be approved again."),
        _("Return to draft"),
        _("The agreement is a draft again."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def amendment_create(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _as_secretary(request, pk)
    form = AmendmentForm(request.POST or None)
    if submit(
        request,
        form,
        lambda data: services.propose_amendment(
            agreement=agreement,
            description=data["description"],
            sections=[(data["section_number"], data["section_title"], data["section_text"])],
            actor=request.user,
        ),
    ):
        messages.success(
            request, _("The amendment was recorded. It is void until every party has signed it.")
        )
        return redirect("agreement-detail", pk=agreement.pk)
    return _page(request, form, _("Propose an amendment"), agreement)
