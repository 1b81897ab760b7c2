from django.contrib import admin
from django.urls import include, path

from core import views
from organisations import account
from sso import views as sso
from statements import views as statements

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/password_reset/", views.RateLimitedPasswordResetView.as_view(), name="password_reset"),
    path("accounts/me/", account.account, name="account"),
    # Logging out also ends an organisation's single sign-on at its provider (#30), before Django's own.
    path("accounts/logout/", sso.LogoutView.as_view(), name="logout"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("sso.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz/", views.healthz, name="healthz"),
    path("search/", views.search_page, name="search"),
    path("accessibility/", statements.accessibility, name="accessibility-statement"),
    path("privacy/", statements.privacy, name="privacy-notice"),
    path("", include("api.urls")),
    path("", include("archive.urls")),
    path("", include("reports.urls")),
    path("", include("agreements.urls")),
    path("", include("notifications.urls")),
    path("", include("decisions.urls")),
    path("", include("governance.urls")),
    path("", include("costs.urls")),
    path("", include("staffing.urls")),
    path("", include("accessrights.urls")),
    path("", include("organisations.urls")),
]

# Under /api/ an unknown address is answered as RFC 9457 problem details, elsewhere with the 404 page.
handler404 = "api.problems.not_found"
