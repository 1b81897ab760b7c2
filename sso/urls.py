from django.urls import path

from sso import views

urlpatterns = [
    path("sso/<slug:key>/login/", views.start, name="sso-start"),
    path("sso/<slug:key>/callback/", views.callback, name="sso-callback"),
]
