from django.urls import path

from api import views

urlpatterns = [
    path("api/v1/deadlines/", views.deadlines_api, name="deadlines-api"),
]
