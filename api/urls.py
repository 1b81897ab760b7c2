from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from api import calculators, reads, tokens, writes

router = SimpleRouter()
router.register("cooperations", reads.CooperationViewSet, basename="api-cooperation")
router.register("areas", reads.AreaViewSet, basename="api-area")
router.register("municipalities", reads.MunicipalityViewSet, basename="api-municipality")
router.register("organisations", reads.OrganisationViewSet, basename="api-organisation")
router.register("groups", reads.GroupViewSet, basename="api-group")
router.register("meetings", reads.MeetingViewSet, basename="api-meeting")
router.register("decisions", reads.DecisionViewSet, basename="api-decision")
router.register("agreements", reads.AgreementViewSet, basename="api-agreement")
router.register("objectives", reads.ObjectiveViewSet, basename="api-objective")
router.register("staffing", reads.StaffingViewSet, basename="api-staffing")
router.register("development-days", reads.DayViewSet, basename="api-day")

urlpatterns = [
    path("api/v1/deadlines/", calculators.deadlines_api, name="deadlines-api"),
    path("api/v1/cost-split/", calculators.cost_split_api, name="cost-split-api"),
    path("api/v1/groups/<int:pk>/nominations/", writes.nomination_create, name="api-nomination-create"),
    path("api/v1/nominations/<int:pk>/seats/", writes.seat_create, name="api-seat-create"),
    path(
        "api/v1/decisions/<int:pk>/notifications/", writes.notification_create, name="api-notification-create"
    ),
    path("api/v1/agreements/<int:pk>/signatures/", writes.signature_create, name="api-signature-create"),
    path("api/v1/groups/<int:pk>/staffing/<year:year>/", writes.figures_replace, name="api-figures-replace"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="api/docs.html"),
        name="api-docs",
    ),
    path("api/tokens/", tokens.token_list, name="api-tokens"),
    path("api/tokens/<int:pk>/revoke/", tokens.token_revoke, name="api-token-revoke"),
]
urlpatterns += [path("api/v1/", include(router.urls))]
