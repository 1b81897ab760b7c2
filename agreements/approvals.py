"""Each party's own approving decision, recorded in the portal by an editor acting for the party or by
the cooperation's secretary; and which of the agreement's sections holds each topic the rules cite,
recorded by the secretary (#26 items 5 and 6). Writes go through agreements.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from agreements import access, selectors, services
from agreements.approval_forms import ApprovalForm, TopicSectionForm
from core.forms import submit
from core.views import form_page


@login_required
@require_http_methods(["GET", "POST"])
def approval_record(request: HttpRequest, pk: int) -> HttpResponse:
    party = access.get_party_to_approve(request.user, pk)
    agreement = party.agreement
    recorded = selectors.approval_of(party)
    initial = (
        {
            "body": recorded.body,
            "decided_on": recorded.decided_on,
            "section": recorded.section,
            "reference": recorded.reference,
        }
        if recorded
        else {}
    )
    form = ApprovalForm(request.POST or None, initial=initial)
    if submit(request, form, lambda data: services.record_approval(party=party, actor=request.user, **data)):
        messages.success(request, _("The approving decision of %(party)s was recorded.") % {"party": party})
        return redirect("agreement-detail", pk=agreement.pk)
    return form_page(
        request,
        form,
        _("Approving decision of %(party)s") % {"party": party.organisation},
        reverse("agreement-detail", args=[agreement.pk]),
        agreement.title,
        intro=_(
            "Record the decision by which %(party)s approved the agreement: its deciding body, the day, "
            "the section and the reference."
        )
        % {"party": party.organisation},
    )


@login_required
@require_http_methods(["GET", "POST"])
def topic_section_set(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.get_agreement_to_map(request.user, pk)
    form = TopicSectionForm(request.POST or None, initial={"topic": request.GET.get("topic")})
    if submit(
        request,
        form,
        lambda data: services.set_topic_section(agreement=agreement, actor=request.user, **data),
    ):
        messages.success(request, _("Saved."))
        return redirect("agreement-detail", pk=agreement.pk)
    return form_page(
        request,
        form,
        _("Which section holds a topic"),
        reverse("agreement-detail", args=[agreement.pk]),
        agreement.title,
        intro=_(
            "The rules cite the agreement by its own section numbers: record which section holds each topic."
        ),
    )
