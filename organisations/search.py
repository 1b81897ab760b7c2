"""What the header search finds among people (core/search.py): the people of the cooperations the
reader sees (organisations.selectors.people_in, as every person picker), by name or title; a person
of Kela or of a county shared with another cooperation only where they belong."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.search import PER_KIND, Group, Hit, Query, finds, words_in
from organisations.access import rights_of
from organisations.models import Person
from organisations.selectors import people_in


@finds("people", order=50)
def people(request: HttpRequest, query: Query) -> Group | None:
    if not query.words:
        return None
    seen = rights_of(request.user).cooperations
    found = Person.objects.all() if seen is None else people_in(seen)
    found = found.filter(words_in(("first_name", "last_name", "title"), query)).select_related("organisation")
    hits = [
        Hit(
            person.full_name,
            reverse("organisation-detail", args=[person.organisation_id]),
            ", ".join(part for part in (person.title, person.organisation.name_fi) if part),
        )
        for person in found.order_by("last_name", "first_name", "pk")[:PER_KIND]
    ]
    return Group("people", _("People"), hits)
