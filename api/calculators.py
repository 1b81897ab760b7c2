"""The calculators, open to everyone: GET /api/v1/deadlines/ over the rules of two apps (appeal
deadlines in decisions.deadlines; the agreement's termination and dispute dates in agreements.terms)
and GET /api/v1/cost-split/ (costs.split). Documented in the same OpenAPI schema as the rest."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.http import JsonResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import api_view
from rest_framework.request import Request

from agreements import terms
from api.problems import MEDIA_TYPE
from costs import split
from decisions import deadlines
from decisions.forms import DeadlineForm
from governance import parameters


class DateOnlyForm(forms.Form):
    date = forms.DateField()


class TermForm(forms.Form):
    date = forms.DateField()
    years = forms.IntegerField(min_value=1, max_value=50, initial=5, required=False)


def _problem(detail: str, errors: dict[str, list[str]] | None = None) -> JsonResponse:
    """A 400 problem (RFC 9457); `error` and `fields` are kept as extensions for earlier callers."""
    body = {"type": "about:blank", "title": "Bad Request", "status": 400, "detail": detail, "error": detail}
    if errors:
        body["errors"] = body["fields"] = errors
    return JsonResponse(body, status=400, content_type=MEDIA_TYPE)


def _errors(form) -> JsonResponse:
    errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
    return _problem(_("Check the parameters."), errors)


ANSWER = {"type": "object", "additionalProperties": True}


@extend_schema(
    operation_id="deadlines",
    parameters=[
        OpenApiParameter(
            "kind",
            OpenApiTypes.STR,
            required=True,
            enum=[*deadlines.Kind.values, "term", "termination", "dispute"],
        ),
        OpenApiParameter("date", OpenApiTypes.DATE, required=True),
        OpenApiParameter("method", OpenApiTypes.STR, enum=list(deadlines.Method.values)),
        OpenApiParameter("consent", OpenApiTypes.STR),
        OpenApiParameter("years", OpenApiTypes.INT),
    ],
    responses={200: ANSWER},
)
@api_view(["GET"])
def deadlines_api(request: Request) -> JsonResponse:
    """The last day of an appeal period (Hallintolaki § 59, Kuntalaki § 138, …), a term's end, the
    end of a terminated agreement (§ 11) or day 60 of a dispute negotiation; `steps` gives the reasoning."""
    request = request._request
    kind = request.GET.get("kind", "")
    if kind == "term":
        term = TermForm(request.GET)
        if not term.is_valid():
            return _errors(term)
        start, years = term.cleaned_data["date"], term.cleaned_data["years"] or 5
        end = parameters.term_end(start, years)
        return JsonResponse(
            {"kind": kind, "date": start.isoformat(), "years": years, "end_date": end.isoformat()}
        )
    if kind in ("termination", "dispute"):
        form = DateOnlyForm(request.GET)
        if not form.is_valid():
            return _errors(form)
        day = form.cleaned_data["date"]
        if kind == "termination":
            # The date is when the notice reached the last party (agreement § 11).
            return JsonResponse(
                {
                    "kind": kind,
                    "date": day.isoformat(),
                    "end_date": terms.termination_end_date(day).isoformat(),
                }
            )
        return JsonResponse(
            {
                "kind": kind,
                "date": day.isoformat(),
                "day_60": terms.negotiation_day_60(day).isoformat(),
                "court_from": terms.court_from(day).isoformat(),
            }
        )
    question = DeadlineForm(request.GET)
    if not question.is_valid():
        return _errors(question)
    result, note, warning = question.answer()
    if result is None:  # e-mail without a recorded consent: no deemed receipt, no last day
        data = question.cleaned_data
        return JsonResponse(
            {
                "kind": data["kind"],
                "method": data["method"],
                "date": data["date"].isoformat(),
                "consent": data.get("consent") or "no",
                "deemed_receipt": None,
                "last_day": None,
                "final": None,
                "reason": note,
                "note": note,
            }
        )
    answer = result.as_dict()
    if warning:
        answer["warning"] = warning
    return JsonResponse(answer)


@extend_schema(
    operation_id="cost_split",
    parameters=[
        OpenApiParameter("total", OpenApiTypes.STR, required=True, description="e.g. 1000.00"),
        OpenApiParameter("counts", OpenApiTypes.STR, required=True, description="KEY:NUMBER,… e.g. A:3,B:2"),
    ],
    responses={200: ANSWER},
)
@api_view(["GET"])
def cost_split_api(request: Request) -> JsonResponse:
    """What-if split of a development day's costs in proportion to registrations, summing exactly."""
    params = request.query_params
    raw_total, raw_counts = params.get("total", ""), params.get("counts", "")
    try:
        total = Decimal(raw_total)
        if not total.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        return _problem(_("The total must be a number such as 1000.00."))
    counts: dict[str, int] = {}
    for part in filter(None, raw_counts.split(",")):
        key, sep, value = part.partition(":")
        if not sep or not key.strip() or not re.fullmatch(r"-?[0-9]{1,7}", value.strip()):
            return _problem(_("Write the counts as KEY:NUMBER separated by commas, e.g. A:3,B:2."))
        if key.strip() in counts:
            return _problem(_("Each key may appear only once."))
        counts[key.strip()] = int(value)
    try:
        shares = split.allocate(total, counts)
    except split.SplitError as error:
        return _problem(str(error))
    return JsonResponse({"total": f"{total:.2f}", "shares": {k: f"{v:.2f}" for k, v in shares.items()}})
