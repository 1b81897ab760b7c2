from django.urls import path

from archive import views

urlpatterns = [
    path("cooperations/<slug:code>/archive/", views.archive_list, name="archive-list"),
    path("archive/<int:pk>/file.pdf", views.document_download, name="archive-download"),
    path("archive/<int:pk>/edit/", views.document_edit, name="archive-edit"),
]
