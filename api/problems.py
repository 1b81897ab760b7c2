"""Errors as RFC 9457 problem details (`application/problem+json`): type, title, status, detail and,
for invalid input, `errors` by field. The older `error`/`fields` members of the calculators are kept
as extensions, so existing callers go on working."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

MEDIA_TYPE = "application/problem+json"

TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    409: "Conflict",
    415: "Unsupported Media Type",
    429: "Too Many Requests",
}


class ProblemSerializer(serializers.Serializer):
    """The body of every error response (RFC 9457)."""

    type = serializers.CharField(default="about:blank")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField(required=False)
    instance = serializers.CharField(required=False)
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)


def problem(
    status_code: int,
    detail: str,
    *,
    errors: dict[str, list[str]] | None = None,
    request=None,
    headers: dict[str, str] | None = None,
) -> Response:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": TITLES.get(status_code, "Error"),
        "status": status_code,
        "detail": detail,
    }
    if request is not None:
        body["instance"] = request.path
    if errors:
        body["errors"] = errors
    response = Response(body, status=status_code, content_type=MEDIA_TYPE, headers=headers)
    return response


def _flatten(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    if isinstance(detail, dict):
        found: dict[str, list[str]] = {}
        for key, value in detail.items():
            name = "" if key in ("non_field_errors", "__all__") else str(key)
            found.update(_flatten(value, f"{prefix}.{name}" if prefix and name else prefix or name))
        return found
    if isinstance(detail, list):
        if all(not isinstance(v, dict | list) for v in detail):
            return {prefix: [str(v) for v in detail]}
        found = {}
        for index, value in enumerate(detail):
            found.update(_flatten(value, f"{prefix}[{index}]"))
        return found
    return {prefix: [str(detail)]}


def validation_problem(error: ValidationError, request=None) -> Response:
    """A service's or form's ValidationError as a 400 problem that names the fields."""
    if hasattr(error, "error_dict"):
        errors = {("" if k == "__all__" else k): [str(m) for m in v] for k, v in error.message_dict.items()}
    else:
        errors = {"": [str(m) for m in error.messages]}
    return problem(400, _("Check the input: nothing was saved."), errors=errors, request=request)


def handler(exc: Exception, context: dict) -> Response | None:
    request = context.get("request")
    if isinstance(exc, ValidationError):
        return validation_problem(exc, request)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    code = response.status_code
    if isinstance(exc, exceptions.ValidationError):
        return problem(
            code,
            _("Check the input: nothing was saved."),
            errors=_flatten(exc.detail),
            request=request,
            headers=dict(response.items()),
        )
    detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
    text = str(detail) if not isinstance(detail, dict | list) else _("The request was refused.")
    out = problem(code, text, request=request)
    for header in ("WWW-Authenticate", "Allow", "Retry-After"):
        if header in response:
            out[header] = response[header]
    return out


UNAUTHORISED = status.HTTP_401_UNAUTHORIZED


def not_found(request, exception=None):
    """The site's 404: a problem document under /api/, the portal's page elsewhere."""
    from django.http import JsonResponse
    from django.views.defaults import page_not_found

    if request.path.startswith("/api/"):
        body = {
            "type": "about:blank",
            "title": "Not Found",
            "status": 404,
            "detail": _("Not found."),
            "instance": request.path,
        }
        return JsonResponse(body, status=404, content_type=MEDIA_TYPE)
    return page_not_found(request, exception)
