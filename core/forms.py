"""Form pieces every app uses: the date widget, and the way a service's refusal reaches the form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import QuerySet

# The browser's own date picker; the value travels as ISO 8601 whatever the page language.
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on FORM: each field's messages on that field when the form has
    it, the rest (and messages without a field) at the top of the form."""
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for name, errors in error.error_dict.items():
        target = name if name in form.fields else None
        for message in ValidationError(errors).messages:
            if target is None and name != NON_FIELD_ERRORS:
                form.add_error(None, message)
            else:
                form.add_error(target, message)


def limit_choices(form: forms.BaseForm, name: str, queryset: QuerySet[Any]) -> None:
    """Offer only QUERYSET in FORM's choice field NAME (e.g. people of the user's own organisation)."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is not a model choice field")
    field.queryset = queryset


def posted_pk(raw: object) -> int:
    """A primary key from a request parameter, or 0 (matches nothing) when it is not a plain number:
    an odd value is a 404 to the caller, never a server error."""
    text = str(raw or "")
    return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else 0


def submit(request: Any, form: Any, write: Callable[[dict[str, Any]], Any]) -> Any:
    """The one way a portal form is saved: on a POST with a valid FORM, WRITE(cleaned_data) through the
    app's service. Truthy when saved (what WRITE returned, or True); None when nothing was saved: not a
    POST, invalid input, or the service's refusal, which goes onto the form's fields."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = write(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    return result or True
