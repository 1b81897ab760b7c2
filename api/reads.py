"""GET /api/v1/…: the read side. Every list is what the caller may see on the portal's pages
(organisations.access), in pages of at most 200, filtered by cooperation, area and dates. A caller
without a login sees only the published minutes' meetings and decisions, with personal data removed
once the appeal period has ended (Kuntalaki § 140); every other list answers 401."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from agreements.models import Agreement, Signature
from api import serializers as s
from api.auth import SignedIn
from api.schema import FILTER_PARAMETERS, filters_of
from costs.models import DevelopmentDay, Invoice
from decisions import appeals
from decisions.models import AgendaItem, Meeting
from governance import compliance
from governance.models import Membership, SteeringGroup
from organisations.access import areas_visible_to, cooperations_visible_to, rights_of
from organisations.models import Cooperation, Municipality, Organisation
from staffing.models import Objective, StaffingReview

NO_DATES = [p for p in FILTER_PARAMETERS if p.name in ("cooperation", "area")]


def listed(parameters=FILTER_PARAMETERS):
    return extend_schema_view(list=extend_schema(parameters=parameters))


class ReadViewSet(viewsets.ReadOnlyModelViewSet):
    """A list and its rows. COOPERATION is the path from the model to its cooperation; DATE_FIELD the
    date the since/until filters read (None: no date filters)."""

    permission_classes = [SignedIn]
    cooperation: str = "cooperation"
    date_field: str | None = None

    def visible(self) -> QuerySet:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet:
        queryset = self.visible()
        if self.action != "list":
            return queryset
        wanted = filters_of(self.request)
        path = f"{self.cooperation}__" if self.cooperation else ""
        # A signed-in caller filters among the cooperations they see: a filter never confirms another
        # cooperation's code through a shared organisation (#26). Without a login only public rows
        # are listed at all.
        seen = (
            cooperations_visible_to(self.request.user)
            if self.request.user.is_authenticated
            else Cooperation.objects.all()
        ).values("pk")
        if code := wanted.get("cooperation"):
            queryset = queryset.filter(**{f"{path}code": code, f"{path or 'pk__'}in": seen})
        if code := wanted.get("area"):
            cooperations = Cooperation.objects.filter(areas__code=code, pk__in=seen).values("pk")
            queryset = queryset.filter(**{f"{path or 'pk__'}in": cooperations})
        if self.date_field and (since := wanted.get("since")):
            queryset = queryset.filter(**{f"{self.date_field}__gte": since})
        if self.date_field and (until := wanted.get("until")):
            queryset = queryset.filter(**{f"{self.date_field}__lte": until})
        return queryset


def _in_visible(user, path: str) -> Q:
    cooperations = rights_of(user).cooperations
    return Q() if cooperations is None else Q(**{f"{path}__in": cooperations})


@listed(NO_DATES)
class CooperationViewSet(ReadViewSet):
    serializer_class = s.CooperationSerializer
    cooperation = ""  # the filters apply to the cooperation itself
    lookup_field = "code"

    def visible(self):
        user = self.request.user
        return cooperations_visible_to(user).prefetch_related("areas", "participations").order_by("code")


@listed(NO_DATES)
class AreaViewSet(ReadViewSet):
    serializer_class = s.AreaSerializer
    lookup_field = "code"

    def visible(self):
        return areas_visible_to(self.request.user).select_related("cooperation").order_by("code")


@listed(NO_DATES)
class MunicipalityViewSet(ReadViewSet):
    serializer_class = s.MunicipalitySerializer
    cooperation = "area__cooperation"
    lookup_field = "code"

    def visible(self):
        areas = areas_visible_to(self.request.user)
        return Municipality.objects.filter(area__in=areas).select_related("area").order_by("code")


@listed(NO_DATES)
class OrganisationViewSet(ReadViewSet):
    serializer_class = s.OrganisationSerializer
    cooperation = "participations__cooperation"

    def visible(self):
        rights = rights_of(self.request.user)
        queryset = Organisation.objects.order_by("name_fi")
        if rights.cooperations is None:
            return queryset
        if not rights.cooperations:
            return queryset.none()
        taking_part = Q(participations__cooperation__in=rights.cooperations) | Q(kind=Organisation.Kind.KELA)
        return queryset.filter(pk__in=Organisation.objects.filter(taking_part).values("pk"))

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.distinct() if self.action == "list" else queryset


class OnDay(s.serializers.Serializer):
    on = s.serializers.DateField(required=False)


ON = OpenApiParameter("on", OpenApiTypes.DATE, description="composition on this day (default: today)")


@extend_schema_view(
    list=extend_schema(parameters=FILTER_PARAMETERS),
    retrieve=extend_schema(parameters=[ON], responses=s.GroupDetailSerializer),
)
class GroupViewSet(ReadViewSet):
    """Steering groups; one group's page carries every seat, past and current."""

    serializer_class = s.GroupSerializer
    date_field = "term_start"

    def visible(self):
        user = self.request.user
        return (
            SteeringGroup.objects.filter(_in_visible(user, "cooperation"))
            .select_related("cooperation")
            .order_by("cooperation__code", "-term_start", "pk")
        )

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        asked = OnDay(data=request.query_params)
        asked.is_valid(raise_exception=True)
        on = asked.validated_data.get("on")
        group = self.get_object()
        seats = Membership.objects.select_related("person").order_by("organisation_id", "start_date", "pk")
        group = (
            SteeringGroup.objects.select_related("cooperation")
            .prefetch_related(Prefetch("memberships", queryset=seats))
            .get(pk=group.pk)
        )
        context = {**self.get_serializer_context(), "on": on or timezone.localdate()}
        return Response(s.GroupDetailSerializer(group, context=context).data)

    @extend_schema(responses=s.FindingSerializer(many=True))
    @action(detail=True, pagination_class=None)
    def findings(self, request: Request, pk=None) -> Response:
        """The decree's and the agreement's rules checked on this group now (governance.compliance)."""
        group = self.get_object()
        rows = [f.as_dict() for f in compliance.evaluate(group)]
        return Response(s.FindingSerializer(rows, many=True).data)


def _published() -> Q:
    return Q(meeting__published_on__isnull=False, body__publishes_minutes=True)


@listed()
class MeetingViewSet(ReadViewSet):
    """Meetings the caller may see; without a login, those whose minutes are published."""

    serializer_class = s.MeetingSerializer
    permission_classes: list = []
    cooperation = "body__area__cooperation"
    date_field = "date"

    def visible(self):
        user = self.request.user
        public = Q(published_on__isnull=False, body__publishes_minutes=True)
        shown = public | Q(body__area__in=areas_visible_to(user)) if user.is_authenticated else public
        return Meeting.objects.filter(shown).select_related("body").order_by("-date", "-pk")


@listed()
class DecisionViewSet(ReadViewSet):
    """Sections of the minutes. Signed-in callers with rights read the texts whole; anyone reads
    published ones, personal data removed after the appeal period; a non-public section's texts are
    never shown to the public (null)."""

    serializer_class = s.DecisionSerializer
    permission_classes: list = []
    cooperation = "body__area__cooperation"
    date_field = "decided_on"

    def visible(self):
        user = self.request.user
        self._own_areas = (
            set(areas_visible_to(user).values_list("pk", flat=True)) if user.is_authenticated else set()
        )
        shown = _published() | Q(body__area__in=self._own_areas) if self._own_areas else _published()
        items = AgendaItem.objects.filter(shown).order_by("-year", "-number", "-pk")
        return appeals.with_status_facts(items)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        statuses: dict[int, appeals.Status] = {}
        today = timezone.localdate()
        memo: dict = {}  # each body's names, read once per response

        def status(item: AgendaItem) -> appeals.Status:
            if item.pk not in statuses:
                statuses[item.pk] = appeals.status(item)
            return statuses[item.pk]

        def text(item: AgendaItem, name: str) -> str | None:
            value = getattr(item, name)
            if item.body.area_id in getattr(self, "_own_areas", set()):
                return value
            if not item.public:
                return None if name != "title" else ""
            return appeals.public_text(item, value, today, status(item).personal_data_removed_on, memo)

        return {**context, "status": status, "text": text}


@listed()
class AgreementViewSet(ReadViewSet):
    serializer_class = s.AgreementSerializer
    date_field = "in_force_from"

    def visible(self):
        signatures = Signature.objects.select_related("version", "signatory__party")
        return (
            Agreement.objects.filter(_in_visible(self.request.user, "cooperation"))
            .select_related("cooperation")
            .prefetch_related(
                "parties__organisation", "versions", Prefetch("versions__signatures", signatures)
            )
            .order_by("cooperation__code", "pk")
        )


@listed(NO_DATES)
class ObjectiveViewSet(ReadViewSet):
    serializer_class = s.ObjectiveSerializer
    cooperation = "group__cooperation"

    def visible(self):
        return (
            Objective.objects.filter(_in_visible(self.request.user, "group__cooperation"))
            .prefetch_related("national_objectives", "responsible")
            .order_by("-year", "group_id", "pk")
        )


@listed(NO_DATES)
class StaffingViewSet(ReadViewSet):
    """The yearly staffing reviews (Act 381/2023 § 9) with each party's staff and client figures."""

    serializer_class = s.StaffingSerializer
    cooperation = "group__cooperation"

    def visible(self):
        return (
            StaffingReview.objects.filter(_in_visible(self.request.user, "group__cooperation"))
            .prefetch_related("staff_lines__municipality", "client_lines__municipality")
            .order_by("-year", "group_id")
        )


@listed()
class DayViewSet(ReadViewSet):
    """Development days and the invoices of their cost split."""

    serializer_class = s.DaySerializer
    cooperation = "group__cooperation"
    date_field = "date"

    def visible(self):
        return (
            DevelopmentDay.objects.filter(_in_visible(self.request.user, "group__cooperation"))
            .prefetch_related(Prefetch("invoices", queryset=Invoice.objects.select_related("credits")))
            .order_by("-date", "pk")
        )
