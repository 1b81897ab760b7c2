from django.urls import path

from organisations import audit_page, onboarding_views, people, second_factor, views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    # Before the cooperation's own page: "new" is no cooperation's code (organisations.onboarding).
    path("cooperations/new/", onboarding_views.cooperation_create, name="cooperation-create"),
    path("cooperations/<slug:code>/", views.cooperation_detail, name="cooperation-detail"),
    path("areas/<slug:code>/", views.area_detail, name="area-detail"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation-detail"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation-edit"),
    path("people/", people.index, name="people-and-rights-index"),
    path("audit/", audit_page.audit_log, name="audit-log"),
    path("second-factor/", second_factor.second_factor, name="second-factor"),
    path("second-factor/recovery/", second_factor.renew_recovery_codes, name="second-factor-recovery"),
    path("second-factor/enrol/<str:uidb64>/<str:token>/", second_factor.enrol, name="second-factor-enrol"),
    path("cooperations/<slug:code>/people/", people.cooperation_people, name="people-and-rights"),
    path("cooperations/<slug:code>/people/invite/", people.invite, name="people-invite"),
    path("cooperations/<slug:code>/people/grant/", people.grant, name="people-grant"),
    path(
        "cooperations/<slug:code>/people/grants/<int:pk>/withdraw/", people.withdraw, name="people-withdraw"
    ),
    path(
        "cooperations/<slug:code>/people/users/<int:pk>/deactivate/",
        people.deactivate,
        name="people-deactivate",
    ),
    path(
        "cooperations/<slug:code>/people/users/<int:pk>/person/",
        people.link_person,
        name="people-link-person",
    ),
    path("setup/", onboarding_views.setup_index, name="setup-index"),
    path("cooperations/<slug:code>/setup/", onboarding_views.setup, name="cooperation-setup"),
    path(
        "cooperations/<slug:code>/people/new/",
        onboarding_views.person_create,
        name="cooperation-person-create",
    ),
]
