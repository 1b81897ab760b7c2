"""The decisions list and the search (#17 item 2): every section the user may see, filtered by body,
year and appeal status, sorted and paged, the filters in the URL; one search box over decisions,
their annexes and people. PostgreSQL searches with its Finnish text configuration without accents
(stems: "sopimuksesta" finds "sopimuksen", "johtoryhma" finds "johtoryhmän"); SQLite, the embedded
default, matches folded stems as substrings (core/search.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from core import search
from core.sections import rows as rows_added
from core.views import query_without_page
from decisions import access, appeals
from decisions.models import AgendaItem, Annex, Body, Meeting
from organisations.access import areas_visible_to, rights_of
from organisations.models import Person
from organisations.selectors import people_in

PAGE_SIZE = 25
# The appeal status is worked out by law for each section, not stored (decisions.appeals), so the status
# filter computes it for every section that matches the other filters: at most this many, about half a
# second. A wider search asks for a body or a year first (#15: a national administrator sees ~75,000).
STATUS_FILTER_LIMIT = 1000
SORTS = {
    "newest": ("-year", "-number"),
    "oldest": ("year", "number"),
    "title": ("title", "-year"),
}


class ListForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.none(), required=False)
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100, required=False)
    number = forms.IntegerField(label=_("Section (§)"), min_value=1, max_value=9999, required=False)
    status = forms.ChoiceField(
        label=_("Appeal status"),
        required=False,
        choices=[
            ("", _("all")),
            ("open", _("appeal period running or not started")),
            ("final", _("final")),
            ("claims", _("claims pending")),
        ],
    )
    sort = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("newest", _("newest first")), ("oldest", _("oldest first")), ("title", _("by title"))],
    )

    def __init__(self, *args, bodies: QuerySet[Body], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]


# What the search reads; decisions migration 0010 indexes the same expression on PostgreSQL.
ITEM_SEARCH_FIELDS = ("title", "title_sv", "proposal", "decision")
ANNEX_SEARCH_FIELDS = ("title",)


def _matching(queryset: QuerySet, fields: tuple[str, ...], text: str | search.Query) -> QuerySet:
    """The rows matching TEXT: a section number ("§ 16/2025", "16/2025") and the words, without accents
    and inflections (core.search; on PostgreSQL the tym_finnish configuration that migration 0013
    indexes)."""
    query = search.parse(text) if isinstance(text, str) else text
    if query.section is not None and queryset.model is AgendaItem:
        queryset = queryset.filter(number=query.section[0], year=query.section[1])
    elif not query.words:
        return queryset.none()  # nothing this kind of record can match
    return search.text_matching(queryset, fields, query)


def visible_items(user) -> QuerySet[AgendaItem]:
    return access.visible_items(user)


@login_required
def decision_list(request: HttpRequest) -> HttpResponse:
    bodies = Body.objects.filter(area__in=areas_visible_to(request.user)).order_by("name_fi")
    form = ListForm(request.GET or None, bodies=bodies)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    items = visible_items(request.user)
    if data.get("body"):
        items = items.filter(body=data["body"])
    if data.get("year"):
        items = items.filter(year=data["year"])
    if data.get("number"):
        items = items.filter(number=data["number"])
    text = (data.get("q") or "").strip()
    if text:
        items = _matching(items, ITEM_SEARCH_FIELDS, text)
    items = items.order_by(*SORTS.get(data.get("sort") or "newest", SORTS["newest"]))
    status = data.get("status") or ""
    if status and (count := items.count()) > STATUS_FILTER_LIMIT:
        form.add_error(
            "status",
            _(
                "The appeal status is worked out for at most %(limit)s sections at a time, and these "
                "filters match %(count)s. Choose a body or a year first."
            )
            % {
                "limit": number_format(STATUS_FILTER_LIMIT, force_grouping=True),
                "count": number_format(count, force_grouping=True),
            },
        )
        status = ""
    today = timezone.localdate()
    rows = []
    page: Page[Any]
    if status:
        # The appeal status is computed by law, not stored: computed for the filtered sections, with
        # their facts loaded in a constant number of queries.
        for item in appeals.with_status_facts(items, as_lists=True):
            state = appeals.status(item)
            pending = any(r.stops_finality and r.claim.outcome == "pending" for r in state.reviews)
            final = state.is_final_on(today)
            if (
                (status == "final" and final)
                or (status == "claims" and pending)
                or (status == "open" and not final and not pending)
            ):
                rows.append((item, state))
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        entries = list(page.object_list)
    else:
        page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
        loaded = appeals.with_status_facts(
            AgendaItem.objects.filter(pk__in=[i.pk for i in page.object_list]), as_lists=True
        )
        by_pk = {item.pk: item for item in loaded}
        entries = [(by_pk[i.pk], appeals.status(by_pk[i.pk])) for i in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "entries": entries,
        "today": today,
        "query": query.urlencode(),
        "people": _people(request.user, text) if text else [],
        "annexes": _annexes(request.user, text) if text else [],
        # what the apps above find (the archive's documents), without this app importing them
        "found": rows_added("search", request, text) if text else [],
        "text": text,
    }
    return render(request, "decisions/decision_list.html", context, status=200 if not form.errors else 400)


def _people(user, text: str) -> list[Person]:
    """The people of the cooperations USER sees (organisations.selectors.people_of): a person of
    Kela or of a county shared with another cooperation only where they belong."""
    seen = rights_of(user).cooperations
    people = Person.objects.all() if seen is None else people_in(seen)
    query = search.parse(text)
    if not query.words:
        return []
    people = people.filter(search.words_in(("first_name", "last_name"), query))
    return list(people.select_related("organisation").order_by("last_name", "first_name")[:20])


def _annexes(user, text: str) -> list[Annex]:
    annexes = Annex.objects.filter(item__body__area__in=areas_visible_to(user))
    return list(_matching(annexes, ANNEX_SEARCH_FIELDS, text).select_related("item")[:20])


class MeetingListForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.none(), required=False)
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100, required=False)
    sort = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("newest", _("newest first")), ("oldest", _("oldest first"))],
    )

    def __init__(self, *args, bodies: QuerySet[Body], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    """Every meeting of the bodies the user may see, by body and year, newest or oldest first."""
    bodies = Body.objects.filter(area__in=areas_visible_to(request.user)).order_by("name_fi")
    form = MeetingListForm(request.GET or None, bodies=bodies)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    meetings = Meeting.objects.filter(body__in=bodies).select_related("body")
    if data.get("body"):
        meetings = meetings.filter(body=data["body"])
    if data.get("year"):
        meetings = meetings.filter(date__year=data["year"])
    order = ("date", "pk") if data.get("sort") == "oldest" else ("-date", "-pk")
    page = Paginator(meetings.order_by(*order), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "query": query_without_page(request)}
    return render(request, "decisions/meeting_list.html", context, status=200 if not form.errors else 400)
