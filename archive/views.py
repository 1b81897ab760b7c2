from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from agreements import access as agreement_access
from agreements.forms import SignedPdfForm
from agreements.views import agreement_page
from archive import access, services
from archive.forms import ArchiveForm, MetadataForm
from archive.models import ArchivedDocument
from core.forms import submit
from core.views import detail_page, form_page


@login_required
@require_http_methods(["GET", "POST"])
def archive_list(request: HttpRequest, code: str) -> HttpResponse:
    cooperation = access.get_archive_for_user(request.user, code)
    may_archive = access.may_archive(request.user, cooperation)
    if request.method == "POST" and not may_archive:
        raise PermissionDenied
    form = (
        ArchiveForm(request.POST or None, request.FILES or None, cooperation=cooperation)
        if may_archive
        else None
    )

    def write(data):
        return services.archive(cooperation=cooperation, actor=request.user, **data)

    if form is not None and (document := submit(request, form, write)):
        messages.success(
            request,
            _("“%(title)s” was archived as %(variant)s.")
            % {"title": document.title, "variant": document.pdf_variant},
        )
        return redirect("archive-list", code=cooperation.code)
    context = {
        "cooperation": cooperation,
        "documents": access.documents_for(request.user, cooperation).select_related("archived_by"),
        "form": form,
        "may_archive": may_archive,
    }
    return detail_page(request, "archive/archive_list.html", context)


@login_required
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    document = access.get_document_for_user(request.user, pk)
    return FileResponse(
        document.file.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{document.kind}-{document.pk}.pdf",
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = access.get_document_for_user(request.user, pk, to_change=True)
    form = MetadataForm(request.POST or None, instance=document)
    back = reverse("archive-list", args=[document.cooperation.code])
    if submit(
        request, form, lambda data: services.update_metadata(document=document, actor=request.user, data=data)
    ):
        messages.success(request, _("The records metadata were saved."))
        return redirect(back)
    return form_page(
        request,
        form,
        _("Records metadata: %(title)s") % {"title": document.title},
        back,
        _("Document archive"),
    )


@login_required
@require_http_methods(["POST"])
def signed_pdf_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """A party's PDF signed in its own e-signing service (#30): validated, its signatures recorded and
    the file archived; only someone acting for a party of the agreement may send one (else 404)."""
    agreement = agreement_access.get_agreement_for_user(request.user, pk)
    parties = agreement_access.parties_acted_for(request.user, agreement)
    if not parties:
        raise Http404
    form = SignedPdfForm(request.POST, request.FILES, agreement=agreement)

    def write(data):
        return services.archive_signed_agreement(
            version=data["version"], signed_pdf=data["signed_pdf"], acting_for=parties, actor=request.user
        )

    if result := submit(request, form, write):
        count = len(result[0])
        messages.success(
            request,
            ngettext(
                "%(count)d signature was validated and recorded; the signed PDF is kept in the archive.",
                "%(count)d signatures were validated and recorded; the signed PDF is kept in the archive.",
                count,
            )
            % {"count": count},
        )
        return redirect("agreement-detail", pk=agreement.pk)
    return agreement_page(request, agreement, signed_pdf_form=form)


@login_required
def signed_pdf_download(request: HttpRequest, pk: int) -> FileResponse:
    """The signed PDF a validated signature came from, as the archive keeps it, to whoever may open it."""
    signature = agreement_access.get_signature_for_user(request.user, pk)
    document = ArchivedDocument.objects.filter(
        cooperation_id=signature.version.agreement.cooperation_id, sha256=signature.signed_pdf_sha256 or "-"
    ).first()
    if document is None:
        raise Http404
    return document_download(request, document.pk)
