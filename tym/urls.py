from django.contrib import admin
from django.urls import include, path

from tym import api, views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz/", views.healthz, name="healthz"),
    path("api/v1/deadlines/", api.deadlines_api, name="deadlines-api"),
    path("", include("agreements.urls")),
    path("", include("notifications.urls")),
    path("", include("decisions.urls")),
    path("", include("governance.urls")),
    path("", include("costs.urls")),
    path("", include("staffing.urls")),
    path("", include("organisations.urls")),
]
