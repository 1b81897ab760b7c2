"""GET /api/v1/deadlines/: one calculator endpoint for integrations, over the rules of two apps:
appeal deadlines (decisions.deadlines) and the agreement's termination and dispute dates
(agreements.terms). The api app is in the top layer, so it may read every app below it."""

from django import forms
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from agreements import terms
from decisions.forms import DeadlineForm
from governance import parameters


class DateOnlyForm(forms.Form):
    date = forms.DateField()


class TermForm(forms.Form):
    date = forms.DateField()
    years = forms.IntegerField(min_value=1, max_value=50, initial=5, required=False)


def _errors(form) -> JsonResponse:
    errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
    return JsonResponse({"error": _("Check the parameters."), "fields": errors}, status=400)


@require_GET
def deadlines_api(request: HttpRequest) -> JsonResponse:
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
    if result is None:  # e-mail without consent: no deemed receipt, no last day
        data = question.cleaned_data
        return JsonResponse(
            {
                "kind": data["kind"],
                "method": data["method"],
                "date": data["date"].isoformat(),
                "consent": "no",
                "deemed_receipt": None,
                "last_day": None,
                "note": note,
            }
        )
    answer = result.as_dict()
    if warning:
        answer["warning"] = warning
    return JsonResponse(answer)
