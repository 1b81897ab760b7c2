"""The OpenAPI side of the API: every operation documents its problem responses, the list pages and
the common filters (cooperation, area, date range), which are checked like any other input."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from api.problems import MEDIA_TYPE, ProblemSerializer


class Schema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        bodies = super()._get_response_bodies(direction)
        codes = ["400", "401", "403", "404", "405", "406"]
        if self.method != "GET":
            codes.append("415")
        for code in codes:
            bodies.setdefault(
                code, self._get_response_for_code(ProblemSerializer, code, [MEDIA_TYPE], direction)
            )
        return bodies


class Filters(serializers.Serializer):
    cooperation = serializers.SlugField(required=False, max_length=60, help_text=_("cooperation code"))
    area = serializers.SlugField(required=False, max_length=60, help_text=_("employment area code"))
    since = serializers.DateField(required=False, help_text=_("from this date on (inclusive)"))
    until = serializers.DateField(required=False, help_text=_("up to this date (inclusive)"))

    def validate(self, attrs):
        if attrs.get("since") and attrs.get("until") and attrs["since"] > attrs["until"]:
            raise serializers.ValidationError({"until": _("The end comes before the start.")})
        return attrs


FILTER_PARAMETERS = [
    OpenApiParameter("cooperation", OpenApiTypes.STR, description="cooperation code"),
    OpenApiParameter("area", OpenApiTypes.STR, description="employment area code"),
    OpenApiParameter("since", OpenApiTypes.DATE, description="from this date on (inclusive)"),
    OpenApiParameter("until", OpenApiTypes.DATE, description="up to this date (inclusive)"),
]


def filters_of(request) -> dict:
    """The validated filters of REQUEST's query string; a bad value is a 400 problem."""
    form = Filters(data=request.query_params)
    form.is_valid(raise_exception=True)
    return form.validated_data
