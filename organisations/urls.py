from django.urls import path

from organisations import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("areas/<slug:code>/", views.area_detail, name="area-detail"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation-detail"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation-edit"),
]
