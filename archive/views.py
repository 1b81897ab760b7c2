from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from archive import access, services
from archive.forms import ArchiveForm, MetadataForm
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
