from django.urls import path

from archive import views

urlpatterns = [
    path("cooperations/<slug:code>/archive/", views.archive_list, name="archive-list"),
    path("archive/<int:pk>/file.pdf", views.document_download, name="archive-download"),
    path("archive/<int:pk>/edit/", views.document_edit, name="archive-edit"),
    path("agreements/<int:pk>/signed-pdf/", views.signed_pdf_upload, name="signed-pdf-upload"),
    path("signatures/<int:pk>/signed.pdf", views.signed_pdf_download, name="signed-pdf-download"),
]
