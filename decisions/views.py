import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import doclang
from core.forms import submit
from core.views import detail_page
from decisions import access, appeals, deadlines, minutes, personal_names, rules, services
from decisions.forms import CheckMinutesForm, ClaimForm, DeadlineForm, NotificationForm
from decisions.models import AgendaItem, Body, Meeting
from registers import selectors as register


def _item_queryset():
    return appeals.with_status_facts(
        AgendaItem.objects.select_related("meeting__body__area", "body__area", "presenter")
    ).prefetch_related("annexes", "corrections", Prefetch("extracts__certified_by"))


def _item_context(item: AgendaItem, memo: dict | None = None) -> dict:
    """What a section's page and its PDFs show. MEMO is shared by the sections of one meeting: its
    court and fees are read once."""
    memo = {} if memo is None else memo
    status = appeals.status(item)
    language = "sv" if (translation.get_language() or "fi").startswith("sv") else "fi"
    kinds = {p.kind for p in item.appeal_parts.all()}
    day = rules.decision_date(item)
    names_court = bool(kinds & {"rectification", "admin_rectification", "municipal_appeal", "court_appeal"})
    to_court = bool(kinds & {"municipal_appeal", "court_appeal"})
    return {
        # The court of the body on the decision date: from the national register through the area's
        # lead municipality, unless the body records its own (#27). Read only where a court is named.
        "court": _memo(memo, ("court", item.body_id, day), lambda: item.body.court(day))
        if names_court
        else None,
        # The fee of each year the appeal can be filed in (dated data; read only where a court appeal lies).
        "court_fees": _memo(memo, ("fees", day), lambda: _court_fees(day)) if to_court else None,
        "item": item,
        "meeting": item.meeting,
        "body": item.body,
        "status": status,
        "instruction_language": language,
        "days": deadlines.INSTRUCTION_DAYS,
        "today": timezone.localdate(),
    }


def _memo(memo: dict, key: tuple, read):
    if key not in memo:
        memo[key] = read()
    return memo[key]


def _court_fees(day: datetime.date | None) -> list:
    """The fee of every year an appeal can be filed in: from the decision date to the last day of the
    appeal period when the decision is posted on that day (Act 808/2019 § 13; deemed receipt 7 days)."""
    if day is None:
        return []
    last = deadlines.last_day(
        deadlines.Kind.COURT_APPEAL, deadlines.deemed_receipt(deadlines.Method.LETTER, day)
    )
    return register.fees_for_years(day, last)


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.get_item_for_user(request.user, pk, _item_queryset())
    context = _item_context(item)
    context["can_record"] = access.can_record(request.user, item.body)
    if context["can_record"] and item.public and item.body.publishes_minutes:
        # What the one rule cannot remove after the appeal period: names the product was never told.
        context["unknown_names"] = personal_names.unknown_in(item)
    context["notification_form"] = NotificationForm()
    context["claim_form"] = ClaimForm(item=item)
    return render(request, "decisions/item_detail.html", context)


def _record(request, pk: int, make_form, service, success: str) -> HttpResponse:
    """Record a notification or a claim on item PK; on bad input show the page again, saving nothing."""
    item = access.get_item_for_user(request.user, pk)
    if not access.can_record(request.user, item.body):
        raise PermissionDenied
    form = make_form(item, request.POST)
    if submit(request, form, lambda data: service(item=item, actor=request.user, **data)):
        messages.success(request, success)
        return redirect("item-detail", pk=item.pk)
    item = _item_queryset().get(pk=pk)
    context = _item_context(item)
    context.update(can_record=True, notification_form=NotificationForm(), claim_form=ClaimForm(item=item))
    context["claim_form" if isinstance(form, ClaimForm) else "notification_form"] = form
    return detail_page(request, "decisions/item_detail.html", context)


@login_required
@require_http_methods(["POST"])
def notification_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _record(
        request,
        pk,
        lambda item, data: NotificationForm(data),
        services.record_notification,
        _("The notification was recorded."),
    )


@login_required
@require_http_methods(["POST"])
def claim_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _record(
        request,
        pk,
        lambda item, data: ClaimForm(data, item=item),
        services.record_claim,
        _("The claim was recorded."),
    )


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_user(request.user, pk)
    return meeting_page(request, meeting)


def meeting_page(request, meeting: Meeting, **forms) -> HttpResponse:
    """The meeting's page; a refused form (by its context name) shown again in place of a blank one."""
    return detail_page(request, "decisions/meeting_detail.html", _meeting_context(request, meeting, **forms))


def _meeting_context(request, meeting, **forms) -> dict:
    attendances = list(meeting.attendances.select_related("person__organisation", "substitutes_for"))
    legality = minutes.legality(meeting, attendances)  # the quorum as the minutes state it
    return {
        "meeting": meeting,
        "attendances": attendances,
        "items": meeting.items.prefetch_related("appeal_parts").order_by("number"),
        "can_record": access.can_record(request.user, meeting.body),
        "check_form": forms.get("check_form") or CheckMinutesForm(area=meeting.body.area, meeting=meeting),
        "quorum": legality.quorum,
        "legality": legality,
        "document_language": doclang.choose(meeting.body.official_languages),
        "corrections": meeting.corrections.select_related("item", "made_by"),
        "remove_form": forms.get("remove_form"),
    }


def _meeting_write(request, pk: int, form_class, service, success: str, form_key: str) -> HttpResponse:
    meeting = access.get_meeting_for_user(request.user, pk, to_change=True)
    form = form_class(request.POST, area=meeting.body.area, meeting=meeting)
    if submit(request, form, lambda data: service(meeting=meeting, actor=request.user, **data)):
        messages.success(request, success)
        return redirect("meeting-detail", pk=meeting.pk)
    meeting.refresh_from_db()  # a refused write may have changed the instance, never the row
    return meeting_page(request, meeting, **{form_key: form})


@login_required
@require_http_methods(["POST"])
def meeting_check(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_write(
        request,
        pk,
        CheckMinutesForm,
        services.check_minutes,
        _("The checking of the minutes was recorded."),
        "check_form",
    )


def deadline_calculator(request: HttpRequest) -> HttpResponse:
    form = DeadlineForm(request.GET or None)
    result, note, warning = None, "", ""
    if form.is_valid():
        result, note, warning = form.answer()
    status = 400 if form.is_bound and not form.is_valid() else 200
    context = {"form": form, "result": result, "note": note, "warning": warning}
    return render(request, "decisions/calculator.html", context, status=status)


# The public network: published minutes of bodies that publish, without login.


def _public_body(code: str) -> Body:
    return get_object_or_404(Body, code=code, publishes_minutes=True)


def _public_items(body: Body):
    """The sections of published minutes; a non-public one is listed as a confidential matter with its
    appeal instructions, its texts never shown (Kuntalaki § 140)."""
    return (
        _item_queryset()
        .filter(body=body, meeting__published_on__isnull=False)
        .order_by("-meeting__published_on", "-number")
    )


def public_index(request: HttpRequest, code: str) -> HttpResponse:
    body = _public_body(code)
    today = timezone.localdate()
    rows: list = []
    memo: dict[str, Any] = {}
    for item in _public_items(body)[:100]:
        removal = appeals.status(item).personal_data_removed_on  # prefetched: no queries per row
        rows.append((item, appeals.public_text(item, item.title, today, removal, memo)))
    return render(request, "decisions/public_index.html", {"body": body, "rows": rows})


def public_item(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    body = _public_body(code)
    item = _public_items(body).filter(pk=pk).first()
    if item is None:
        raise Http404
    context = _item_context(item)
    removal = context["status"].personal_data_removed_on
    today = timezone.localdate()
    memo: dict = {}
    for part in item.appeal_parts.all():  # the prefetched rows this page shows; never saved
        # A confidential matter is a mention that it was handled: its parts' wording is not shown.
        part.scope_fi = appeals.public_text(item, part.scope_fi, today, removal, memo) if item.public else ""
        part.scope_sv = appeals.public_text(item, part.scope_sv, today, removal, memo) if item.public else ""
    if not item.public:
        return render(request, "decisions/public_item.html", {**context, "confidential": True})

    def public(text: str) -> str:
        return appeals.public_text(item, text, today, removal, memo)

    context.update(
        public_title=public(item.title),
        public_title_sv=public(item.title_sv),
        public_annexes=[(annex.number, public(annex.title)) for annex in item.annexes.all() if annex.public],
        public_basis=public(item.basis),
        public_proposal=public(item.proposal),
        public_decision=public(item.decision),
        public_proposal_sv=public(item.proposal_sv),
        public_decision_sv=public(item.decision_sv),
        personal_data_removed=bool(removal and today >= removal),
    )
    return render(request, "decisions/public_item.html", context)


class PublicFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, code: str) -> Body:
        return _public_body(code)

    def title(self, body: Body) -> str:
        return body.name_fi

    def link(self, body: Body) -> str:
        return reverse("public-index", args=[body.code])

    def subtitle(self, body: Body) -> str:
        return _("Published decisions of %(body)s") % {"body": body.name_fi}

    def items(self, body: Body):
        self._memo: dict = {}  # the body's names, read once for the feed
        return _public_items(body)[:50]

    def _public(self, item: AgendaItem, text: str) -> str:
        removal = appeals.status(item).personal_data_removed_on
        return appeals.public_text(item, text, timezone.localdate(), removal, self._memo)

    def item_title(self, item: AgendaItem) -> str:
        if not item.public:
            return f"{item.section} – {_('a confidential matter')}"
        return f"{item.section} {self._public(item, item.title)}"

    def item_description(self, item: AgendaItem) -> str:
        if not item.public:
            return ""
        return self._public(item, item.decision)

    def item_link(self, item: AgendaItem) -> str:
        return reverse("public-item", args=[item.body.code, item.pk])

    def item_pubdate(self, item: AgendaItem) -> datetime.datetime | None:
        day = item.meeting.published_on  # the feed lists published items only
        if day is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
