from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from agreements import access, consistency_rules, document_language, selectors, services
from agreements.fingerprints import fingerprint
from agreements.forms import DeliveryForm, DisputeForm, NoticeForm, SignatureForm, SignedPdfForm
from agreements.models import Agreement, NoticeDelivery
from core import doclang, pdf
from core.forms import submit
from core.views import detail_page
from governance import compliance
from governance.citations import Topic, section_citation
from organisations.access import can_act_for, is_secretary_of


def _context(request, agreement: Agreement, **forms) -> dict:
    agreement = selectors.ensure_loaded(agreement)
    own_ids = {p.pk for p in access.parties_acted_for(request.user, agreement)}
    own = agreement.parties.filter(pk__in=own_ids).select_related("organisation")
    states = selectors.version_states(agreement)
    group = agreement.cooperation.steering_groups.order_by("-term_start", "pk").first()
    findings = []
    if group:
        facts = compliance.GroupFacts(group)
        if consistency_rules.current_agreement_id(agreement.cooperation_id) == agreement.pk:
            facts.extra["agreement"] = agreement  # the rules read the one this page has loaded
        findings = compliance.evaluate(group, facts=facts, prefix="AG-")
    can_record = bool(own_ids)
    awaits_signatures = _awaits_signatures(agreement, states)
    editable = agreement.status in services.EDITABLE
    sections = selectors.topic_sections(agreement)
    return {
        "approvals": selectors.approvals(agreement),
        "approvable_ids": {p.pk for p in access.parties_to_approve(request.user, agreement)},
        "topics": [(topic, sections.get(topic.value)) for topic in Topic],
        "termination_cited": section_citation(sections, [Topic.TERMINATION]),
        "is_secretary": is_secretary_of(request.user, agreement.cooperation_id),
        "editable": editable,
        "parties_with_signatories": agreement.parties.all(),
        "agreement": agreement,
        "states": states,
        "sections": selectors.effective_sections(agreement),
        "notices": selectors.notice_states(agreement),
        "findings": findings,
        "own_party_ids": own_ids,
        "signature_form": forms.get("signature_form")
        or (
            SignatureForm(agreement=agreement, parties=own)
            if can_record and agreement.status != Agreement.Status.DRAFT and agreement.status != "approved"
            else None
        ),
        "signed_pdf_form": forms.get("signed_pdf_form")
        or (SignedPdfForm(agreement=agreement) if can_record and awaits_signatures else None),
        "notice_form": forms.get("notice_form") or (NoticeForm(parties=own) if can_record else None),
        "dispute_form": forms.get("dispute_form")
        or (DisputeForm(agreement=agreement, parties=own) if can_record else None),
        "delivery_form": forms.get("delivery_form"),
        "refused_delivery": forms.get("refused_delivery"),
        "must_sign_form": forms.get("must_sign_form"),
        "refused_signatory": forms.get("refused_signatory"),
    }


def _awaits_signatures(agreement: Agreement, states: list[selectors.VersionState]) -> bool:
    """A signed PDF is taken for the original out for signature: only its copy carries the fingerprint
    (an amendment's copy prints neither the fingerprint nor, until signed, its new text)."""
    return agreement.status == Agreement.Status.OUT_FOR_SIGNATURE


@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.get_agreement_for_user(request.user, pk, selectors.loaded(Agreement.objects.all()))
    return agreement_page(request, agreement)


def _own_parties(request, agreement):
    own = agreement.parties.filter(pk__in=[p.pk for p in access.parties_acted_for(request.user, agreement)])
    if not own.exists():
        raise PermissionDenied
    return own


def agreement_page(request, agreement: Agreement, **forms) -> HttpResponse:
    """The agreement's page; a refused form (by its context name) shown again in place of a blank one."""
    return detail_page(request, "agreements/agreement_detail.html", _context(request, agreement, **forms))


@login_required
@require_http_methods(["POST"])
def signature_create(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.get_agreement_for_user(request.user, pk)
    form = SignatureForm(
        request.POST, request.FILES, agreement=agreement, parties=_own_parties(request, agreement)
    )

    def write(data):
        fields = {k: v for k, v in data.items() if k != "confirm"}
        return services.record_signature(actor=request.user, **fields)

    if submit(request, form, write):
        messages.success(request, _("The signature was recorded."))
        return redirect("agreement-detail", pk=agreement.pk)
    return agreement_page(request, agreement, signature_form=form)


@login_required
@require_http_methods(["POST"])
def notice_create(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.get_agreement_for_user(request.user, pk)
    form = NoticeForm(request.POST, parties=_own_parties(request, agreement))
    if submit(
        request, form, lambda data: services.give_notice(agreement=agreement, actor=request.user, **data)
    ):
        messages.success(request, _("The notice was recorded. Record its delivery to each party."))
        return redirect("agreement-detail", pk=agreement.pk)
    return agreement_page(request, agreement, notice_form=form)


@login_required
@require_http_methods(["POST"])
def delivery_record(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = get_object_or_404(
        NoticeDelivery.objects.select_related(
            "notice__agreement__cooperation", "notice__from_party__organisation"
        ),
        pk=pk,
    )
    agreement = access.get_agreement_for_user(request.user, delivery.notice.agreement_id)
    if not can_act_for(request.user, delivery.notice.from_party.organisation, agreement.cooperation_id):
        raise PermissionDenied
    # The id the page gives this delivery's date field, so the error summary links to it.
    form = DeliveryForm(request.POST, auto_id=f"delivery-{delivery.pk}-%s")
    if submit(
        request,
        form,
        lambda data: services.record_delivery(delivery=delivery, actor=request.user, **data),
    ):
        messages.success(request, _("The delivery was recorded."))
        return redirect("agreement-detail", pk=agreement.pk)
    return agreement_page(request, agreement, delivery_form=form, refused_delivery=delivery.pk)


@login_required
@require_http_methods(["POST"])
def dispute_create(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.get_agreement_for_user(request.user, pk)
    form = DisputeForm(request.POST, agreement=agreement, parties=_own_parties(request, agreement))
    names = ("requested_by", "requested_to", "requested_on", "kind", "subject")
    if submit(
        request,
        form,
        lambda data: services.request_negotiation(
            agreement=agreement, actor=request.user, **{k: data[k] for k in names}
        ),
    ):
        messages.success(request, _("The negotiation request was recorded."))
        return redirect("agreement-detail", pk=agreement.pk)
    return agreement_page(request, agreement, dispute_form=form)


@login_required
def signature_evidence(request: HttpRequest, pk: int) -> FileResponse:
    """The signed scan, only to those who may see the agreement; never a public media URL."""
    signature = access.get_signature_for_user(request.user, pk)
    if not signature.evidence:
        raise Http404
    return FileResponse(
        signature.evidence.open("rb"),
        content_type="application/pdf",
        as_attachment=True,  # never rendered in the portal's origin
        filename=f"allekirjoitus-{signature.pk}.pdf",
    )


@login_required
def agreement_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.get_agreement_for_user(request.user, pk, selectors.loaded(Agreement.objects.all()))
    language = doclang.choose(document_language.official_languages(agreement), request.GET.get("lang"))
    suffix = "" if language.code == language.main else f"-{language.code}"
    content = agreement_document(agreement, language=language)
    return pdf.response(content, f"yhteistyosopimus-{agreement.pk}{suffix}.pdf")


# Which copy the PDF is (#28 item 5): a draft says so; the copy sent out for signature says "for
# signature" with its version and fingerprint on every page; an agreement in force (or past it) neither.
COPY_MARKS: dict[str, str] = {
    Agreement.Status.DRAFT: "draft",
    Agreement.Status.APPROVED: "draft",
    Agreement.Status.OUT_FOR_SIGNATURE: "signature",
}


def agreement_document(
    agreement: Agreement, *, variant: str | None = None, language: doclang.DocumentLanguage | None = None
) -> bytes:
    """The agreement as PDF: the text in force, the parties and the signature page of each version, in
    the language of the body that approves it (agreements.document_language), not the reader's."""
    agreement = selectors.ensure_loaded(agreement)
    language = language or doclang.choose(document_language.official_languages(agreement))
    with doclang.active(language):
        states = selectors.version_states(agreement)
        context = {
            "agreement": agreement,
            "states": states,
            "sections": selectors.effective_sections(agreement),
            "copy_mark": COPY_MARKS.get(agreement.status),
            "fingerprint": fingerprint(agreement, states),
            "today": timezone.localdate(),
            "document": language,
        }
        return pdf.render("agreements/agreement_pdf.html", context, variant=variant)
