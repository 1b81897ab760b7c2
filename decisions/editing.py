"""The secretary's pages for a meeting's year: the meeting, its agenda, attendance, each decision with
its appeal instructions, publication (confirmed, then locked) and corrections with their reasons.
Every write goes through decisions.services; a refusal shows the form again with nothing saved."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from core import pdf
from core.forms import submit
from core.views import form_page
from decisions import access, rules, services
from decisions.forms import (
    AnnexForm,
    AttendanceForm,
    BodyForm,
    ClaimAssessmentForm,
    ClaimDecisionForm,
    ConfirmForm,
    CorrectionForm,
    DecisionForm,
    ExtractForm,
    ItemForm,
    MeetingForm,
    NotificationReissueForm,
    PublishMinutesForm,
    RemoveForm,
)
from decisions.models import AgendaItem, Attendance, Body, Claim, Meeting


def _meeting_back(meeting: Meeting) -> tuple[str, str]:
    when = f"{meeting.date:%d.%m.%Y}" if meeting.date else ""
    return reverse("meeting-detail", args=[meeting.pk]), f"{meeting.body.name_fi} {when}".strip()


def _item_back(item: AgendaItem) -> tuple[str, str]:
    return reverse("item-detail", args=[item.pk]), f"{item.section} {item.title}"


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    body = access.get_body_to_record(request.user, pk)
    form = MeetingForm(request.POST or None, body=body)
    if meeting := submit(
        request, form, lambda data: services.create_meeting(body=body, actor=request.user, **data)
    ):
        messages.success(request, _("The meeting was created. Now build its agenda."))
        return redirect("meeting-detail", pk=meeting.pk)
    back = reverse("area-detail", args=[body.area.code])
    return form_page(
        request, form, _("New meeting of %(body)s") % {"body": body.name_fi}, back, body.area.name_fi
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_user(request.user, pk, to_change=True)
    form = MeetingForm(request.POST or None, instance=Meeting.objects.get(pk=pk), body=meeting.body)
    fields = services.MEETING_FIELDS
    if submit(
        request,
        form,
        lambda data: services.update_meeting(
            meeting=meeting, actor=request.user, data={name: data[name] for name in fields}
        ),
    ):
        messages.success(request, _("The meeting was saved."))
        return redirect("meeting-detail", pk=meeting.pk)
    return form_page(request, form, _("Change the meeting"), *_meeting_back(meeting))


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_user(request.user, pk, to_change=True)
    form = ItemForm(request.POST or None, meeting=meeting)
    if item := submit(
        request, form, lambda data: services.add_item(meeting=meeting, actor=request.user, **data)
    ):
        messages.success(request, _("%(section)s was added to the agenda.") % {"section": item.section})
        return redirect("meeting-detail", pk=meeting.pk)
    return form_page(request, form, _("New section on the agenda"), *_meeting_back(meeting))


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.get_item_to_record(request.user, pk)
    form = ItemForm(request.POST or None, instance=AgendaItem.objects.get(pk=pk), meeting=item.meeting)
    fields = services.ITEM_FIELDS
    if submit(
        request,
        form,
        lambda data: services.update_item(
            item=item, actor=request.user, data={name: data[name] for name in fields}
        ),
    ):
        messages.success(request, _("The section was saved."))
        return redirect("item-detail", pk=item.pk)
    return form_page(request, form, _("Change the section"), *_item_back(item))


@login_required
@require_http_methods(["GET", "POST"])
def annex_create(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.get_item_to_record(request.user, pk)
    form = AnnexForm(request.POST or None)
    if submit(request, form, lambda data: services.add_annex(item=item, actor=request.user, **data)):
        messages.success(request, _("The annex was added."))
        return redirect("item-detail", pk=item.pk)
    return form_page(request, form, _("Add an annex"), *_item_back(item))


@login_required
@require_http_methods(["GET", "POST"])
def attendance_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_user(request.user, pk, to_change=True)
    form = AttendanceForm(request.POST or None, meeting=meeting)
    if submit(
        request,
        form,
        lambda data: services.record_attendance(meeting=meeting, actor=request.user, **data),
    ):
        messages.success(
            request, _("%(person)s was recorded as present.") % {"person": form.cleaned_data["person"]}
        )
        if "another" in request.POST:
            return redirect("attendance-create", pk=meeting.pk)
        return redirect("meeting-detail", pk=meeting.pk)
    return form_page(request, form, _("Record who is present"), *_meeting_back(meeting))


@login_required
@require_http_methods(["GET", "POST"])
def attendance_checklist(request: HttpRequest, pk: int) -> HttpResponse:
    """Many people at once, all or none (#29 item 4)."""
    from django.db import transaction

    from decisions.attendance_forms import AttendanceChecklistForm

    meeting = access.get_meeting_for_user(request.user, pk, to_change=True)
    form = AttendanceChecklistForm(request.POST if request.method == "POST" else None, meeting=meeting)

    def record(data: dict) -> int:
        with transaction.atomic():
            for person, capacity, member in form.checked(data):
                services.record_attendance(
                    meeting=meeting,
                    actor=request.user,
                    person=person,
                    capacity=capacity,
                    substitutes_for=member,
                )
        return len(form.checked(data))

    if count := submit(request, form, record):
        messages.success(
            request,
            ngettext("%(count)s person was recorded.", "%(count)s people were recorded.", count)
            % {"count": count},
        )
        return redirect("meeting-detail", pk=meeting.pk)
    return form_page(
        request,
        form,
        _("Record who is present"),
        *_meeting_back(meeting),
        template="decisions/attendance_checklist.html",
        meeting=meeting,
        members_url=reverse("body-members", args=[meeting.body_id]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def attendance_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """A GET asks first (the meeting's page links here, #29 item 4); the POST removes."""
    attendance = get_object_or_404(Attendance, pk=pk)
    meeting = access.get_meeting_for_user(request.user, attendance.meeting_id, to_change=True)
    form = RemoveForm(request.POST if request.method == "POST" else None)
    if submit(
        request, form, lambda data: services.remove_attendance(attendance=attendance, actor=request.user)
    ):
        messages.success(request, _("The attendance was removed."))
        return redirect("meeting-detail", pk=meeting.pk)
    return form_page(
        request,
        form,
        _("Remove %(person)s from the attendance") % {"person": attendance.person.full_name},
        *_meeting_back(meeting),
        template="core/confirm_page.html",
        warning=_("The person is no longer listed as present; the quorum is counted again."),
        submit_label=_("Remove"),
        facts=[(_("Capacity"), attendance.get_capacity_display())],
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_record(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.get_item_to_record(request.user, pk)
    initial = {"outcome": item.outcome, "decision": item.decision, "decision_sv": item.decision_sv}
    form = DecisionForm(request.POST or None, item=item, initial=initial)
    if submit(
        request,
        form,
        lambda data: services.record_decision(
            item=item,
            outcome=data["outcome"],
            decision=data["decision"],
            decision_sv=data["decision_sv"],
            parts=form.parts(),
            actor=request.user,
        ),
    ):
        messages.success(request, _("The decision was recorded."))
        return redirect("meeting-detail", pk=item.meeting_id)
    intro = _("Proposal: %(proposal)s") % {"proposal": item.proposal}
    return form_page(
        request,
        form,
        _("Record the decision: %(section)s") % {"section": item.section},
        *_item_back(item),
        intro=intro,
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_correct(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.get_item_to_record(request.user, pk)
    form = CorrectionForm(request.POST or None, instance=AgendaItem.objects.get(pk=pk))
    fields = CorrectionForm.Meta.fields
    if submit(
        request,
        form,
        lambda data: services.correct_minutes(
            item=item,
            reason=data["reason"],
            data={name: data[name] for name in fields},
            actor=request.user,
        ),
    ):
        messages.success(request, _("The correction was recorded with its reason."))
        return redirect("item-detail", pk=item.pk)
    intro = _(
        "The minutes are published. A correction is recorded with its reason and shown with the section."
    )
    return form_page(
        request,
        form,
        _("Correct the published minutes: %(section)s") % {"section": item.section},
        *_item_back(item),
        intro=intro,
    )


@login_required
@require_http_methods(["GET", "POST"])
def extract_create(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.get_item_to_record(request.user, pk)
    form = ExtractForm(request.POST or None, item=item, initial={"certified_on": timezone.localdate()})
    if submit(request, form, lambda data: services.certify_extract(item=item, actor=request.user, **data)):
        messages.success(request, _("The extract was certified."))
        return redirect("item-detail", pk=item.pk)
    return form_page(
        request, form, _("Certify an extract: %(section)s") % {"section": item.section}, *_item_back(item)
    )


class PublishForm(PublishMinutesForm, ConfirmForm):
    pass


@login_required
@require_http_methods(["GET", "POST"])
def meeting_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Putting the minutes on the public network cannot be undone: the secretary confirms it first."""
    meeting = access.get_meeting_for_user(request.user, pk, to_change=True)
    form = PublishForm(request.POST or None, initial={"published_on": timezone.localdate()})
    if submit(
        request,
        form,
        lambda data: services.publish_minutes(
            meeting=meeting, published_on=data["published_on"], actor=request.user
        ),
    ):
        messages.success(request, _("The minutes are on the public network and locked."))
        return redirect("meeting-detail", pk=meeting.pk)
    items = list(meeting.items.prefetch_related("appeal_parts").order_by("number"))
    problems = rules.publish_problems(meeting, items)
    return form_page(
        request,
        form,
        _("Publish the minutes"),
        *_meeting_back(meeting),
        template="core/confirm_page.html",
        warning=_(
            "Once on the public network the minutes are locked: a change can only be made as a correction "
            "with its reason. The municipal members' appeal periods run from the publication."
        ),
        facts=[(_("Sections"), ", ".join(f"{i.section} {i.title}" for i in items) or "–")]
        + [(_("Not ready"), p) for p in problems],
        submit_label=_("Publish the minutes"),
    )


@login_required
def agenda_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_user(request.user, pk)
    return pdf.response(agenda_document(meeting), f"esityslista-{meeting.pk}.pdf")


def agenda_document(meeting: Meeting, *, variant: str | None = None) -> bytes:
    """The agenda of MEETING as PDF."""
    items = meeting.items.select_related("presenter").prefetch_related("annexes").order_by("number")
    return pdf.render("decisions/agenda_pdf.html", {"meeting": meeting, "items": items}, variant=variant)


def _claim_to_record(request: HttpRequest, pk: int) -> Claim:
    claim = get_object_or_404(Claim.objects.select_related("item", "part"), pk=pk)
    access.get_item_to_record(request.user, claim.item_id)  # 404 outside reach, 403 without the right
    return claim


@login_required
@require_http_methods(["GET", "POST"])
def claim_assess(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim_to_record(request, pk)
    form = ClaimAssessmentForm(request.POST or None, instance=Claim.objects.get(pk=pk))
    fields = services.CLAIM_ASSESSMENT_FIELDS
    if submit(
        request,
        form,
        lambda data: services.assess_claim(
            claim=claim, actor=request.user, data={name: data[name] for name in fields}
        ),
    ):
        messages.success(request, _("The assessment of the claim was saved."))
        return redirect("item-detail", pk=claim.item_id)
    title = _("Assess the claim by %(claimant)s") % {"claimant": claim.claimant}
    return form_page(request, form, title, *_item_back(claim.item))


@login_required
@require_http_methods(["GET", "POST"])
def claim_decide(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim_to_record(request, pk)
    form = ClaimDecisionForm(request.POST or None, claim=claim)
    if submit(request, form, lambda data: services.decide_claim(claim=claim, actor=request.user, **data)):
        messages.success(request, _("The decision on the claim was recorded."))
        return redirect("item-detail", pk=claim.item_id)
    title = _("The decision on the claim by %(claimant)s") % {"claimant": claim.claimant}
    return form_page(request, form, title, *_item_back(claim.item))


@login_required
@require_http_methods(["GET", "POST"])
def notification_reissue(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.get_item_to_record(request.user, pk)
    form = NotificationReissueForm(request.POST or None, item=item)
    if submit(
        request, form, lambda data: services.record_notification(item=item, actor=request.user, **data)
    ):
        messages.success(request, _("The decision was notified again with the corrected instructions."))
        return redirect("item-detail", pk=item.pk)
    return form_page(request, form, _("Notify again with corrected appeal instructions"), *_item_back(item))


@login_required
@require_http_methods(["GET", "POST"])
def body_edit(request: HttpRequest, pk: int) -> HttpResponse:
    body = access.get_body_to_record(request.user, pk)
    form = BodyForm(request.POST or None, instance=Body.objects.get(pk=pk))
    fields = services.BODY_FIELDS
    if submit(
        request,
        form,
        lambda data: services.update_body(
            body=body, actor=request.user, data={name: data[name] for name in fields}
        ),
    ):
        messages.success(request, _("The body's details were saved."))
        return redirect("area-detail", code=body.area.code)
    back = reverse("area-detail", args=[body.area.code])
    return form_page(
        request, form, _("Details of %(body)s") % {"body": body.name_fi}, back, body.area.name_fi
    )
