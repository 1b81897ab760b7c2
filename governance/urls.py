from django.urls import path

from governance import lists, setup, views

urlpatterns = [
    path("seats/", lists.seat_list, name="seat-list"),
    path("cooperations/<slug:code>/groups/new/", setup.group_create, name="group-create"),
    path("groups/<int:pk>/", views.group_detail, name="group-detail"),
    path("groups/<int:pk>/composition.pdf", views.group_pdf, name="group-pdf"),
    path("groups/<int:pk>/composition.<str:fmt>", views.group_export, name="group-export"),
    path("groups/<int:pk>/history/", views.group_history, name="group-history"),
    path("groups/<int:pk>/leadership/new/", views.leader_create, name="leader-create"),
    path("groups/<int:pk>/nominations/new/", views.nomination_create, name="nomination-create"),
    path("nominations/<int:pk>/edit/", views.nomination_edit, name="nomination-edit"),
    path("nominations/<int:pk>/seats/new/", views.seat_create, name="seat-create"),
    path("seats/<int:pk>/deputy/", views.deputy_create, name="deputy-create"),
    path("seats/<int:pk>/end/", views.seat_end, name="seat-end"),
    path("seats/<int:pk>/successor/", views.seat_replace, name="seat-replace"),
]
