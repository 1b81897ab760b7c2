"""The register of a body's members and personal deputies (#29 items 4 and 6): the secretary records
who sits in the body, for what period and by whose election, in the portal. The attendance checklist
lists them first, publishing the agenda tells them, and the meeting's form offers their count for the
quorum (Kuntalaki § 103), which the secretary confirms."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.forms import DATE_WIDGET, limit_choices, submit
from core.views import detail_page, form_page
from core.writes import Actor, save_validated, update_fields
from decisions import access
from decisions.models import Body, BodyMember
from organisations.models import Person
from organisations.selectors import people_of

# --- services ---------------------------------------------------------------------------------------


@transaction.atomic
def add_member(
    *,
    body: Body,
    person: Person,
    role: str,
    starts: datetime.date,
    actor: Actor,
    deputy_of: BodyMember | None = None,
    ends: datetime.date | None = None,
    elected_by: str = "",
) -> BodyMember:
    """Record PERSON in BODY's seat ROLE from STARTS. The body's row is locked, so two secretaries
    adding the same person at once get one seat and a refusal, not two seats."""
    Body.objects.select_for_update().get(pk=body.pk)
    member = BodyMember(
        body=body,
        person=person,
        role=role,
        deputy_of=deputy_of,
        starts=starts,
        ends=ends,
        elected_by=elected_by,
    )
    return save_validated(member, actor)


@transaction.atomic
def end_membership(*, member: BodyMember, ends: datetime.date, actor: Actor) -> BodyMember:
    """MEMBER's seat ends on ENDS (their last day); a deputy's seat ends with their member's unless it
    ended earlier. Ending is not extending: a seat already ended ends only earlier, if at all."""
    Body.objects.select_for_update().get(pk=member.body_id)
    member = BodyMember.objects.get(pk=member.pk)
    if member.ends is not None and ends > member.ends:
        raise ValidationError(
            {"ends": _("The seat already ends on %(day)s.") % {"day": member.ends.strftime("%d.%m.%Y")}}
        )
    later = member.deputies.filter(starts__gt=ends).select_related("person").first()
    if later is not None:
        raise ValidationError(
            {
                "ends": _("The seat of %(deputy)s, the personal deputy, starts only on %(day)s.")
                % {"deputy": later.person, "day": later.starts.strftime("%d.%m.%Y")}
            }
        )
    update_fields(member, actor=actor, allowed=("ends",), data={"ends": ends})
    for deputy in member.deputies.filter(Q(ends__isnull=True) | Q(ends__gt=ends)):
        update_fields(deputy, actor=actor, allowed=("ends",), data={"ends": ends})
    return member


# --- forms ------------------------------------------------------------------------------------------


class BodyMemberForm(forms.Form):
    person = forms.ModelChoiceField(label=gettext_lazy("Person"), queryset=Person.objects.none())
    role = forms.ChoiceField(
        label=gettext_lazy("Role"), choices=BodyMember.Role.choices, initial=BodyMember.Role.MEMBER
    )
    deputy_of = forms.ModelChoiceField(
        label=gettext_lazy("Personal deputy of"),
        queryset=BodyMember.objects.none(),
        required=False,
        help_text=gettext_lazy("Only for a personal deputy: the member they stand in for."),
    )
    starts = forms.DateField(label=gettext_lazy("From"), widget=DATE_WIDGET)
    ends = forms.DateField(
        label=gettext_lazy("Until"),
        widget=DATE_WIDGET,
        required=False,
        help_text=gettext_lazy("Empty: until further notice."),
    )
    elected_by = forms.CharField(
        label=gettext_lazy("Elected by"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("The decision that elected them, e.g. “valtuusto 12.6.2025 § 45”."),
    )

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "member")
        super().__init__(*args, **kwargs)
        limit_choices(
            self,
            "person",
            people_of(body.area.cooperation_id)
            .select_related("organisation")
            .order_by("last_name", "first_name"),
        )
        limit_choices(
            self,
            "deputy_of",
            # members in office and those whose seat is still to come (a new term entered ahead)
            BodyMember.objects.filter(body=body)
            .filter(Q(ends__isnull=True) | Q(ends__gte=timezone.localdate()))
            .members()
            .select_related("person")
            .order_by("person__last_name", "person__first_name"),
        )
        # the organisation tells namesakes apart
        self.fields["person"].label_from_instance = lambda p: f"{p.full_name} ({p.organisation.name_fi})"  # type: ignore[attr-defined]
        self.fields["deputy_of"].label_from_instance = lambda m: str(m.person)  # type: ignore[attr-defined]


class EndMembershipForm(forms.Form):
    ends = forms.DateField(label=gettext_lazy("Last day in the body"), widget=DATE_WIDGET)


# --- views ------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def body_members(request: HttpRequest, pk: int) -> HttpResponse:
    """The body's members and deputies in force and past, and the form that adds one."""
    body = access.get_body_to_record(request.user, pk)
    form = BodyMemberForm(request.POST or None, body=body)
    if submit(request, form, lambda data: add_member(body=body, actor=request.user, **data)):
        messages.success(request, _("The member was recorded."))
        return redirect("body-members", pk=body.pk)
    today = timezone.localdate()
    seats = list(
        BodyMember.objects.filter(body=body)
        .select_related("person__organisation", "deputy_of__person")
        .order_by("person__last_name", "person__first_name", "starts")
    )
    current = [m for m in seats if m.starts <= today and (m.ends is None or m.ends >= today)]
    deputies = {m.deputy_of_id: m for m in current if m.deputy_of_id}
    return detail_page(
        request,
        "decisions/body_members.html",
        {
            "body": body,
            "form": form,
            "current": [(m, deputies.get(m.pk)) for m in current if m.role != BodyMember.Role.DEPUTY],
            "other": [m for m in seats if m not in current],
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_end(request: HttpRequest, pk: int) -> HttpResponse:
    """A GET asks for the last day first (the members page links here); the POST ends the seat."""
    member = access.get_member_to_record(request.user, pk)
    body = member.body
    form = EndMembershipForm(request.POST or None, initial={"ends": timezone.localdate()})
    if submit(request, form, lambda data: end_membership(member=member, actor=request.user, **data)):
        member.refresh_from_db()
        ends = member.ends.strftime("%d.%m.%Y") if member.ends else ""
        messages.success(
            request,
            _("The membership of %(person)s ends on %(day)s.") % {"person": member.person, "day": ends},
        )
        return redirect("body-members", pk=body.pk)
    return form_page(
        request,
        form,
        _("End the membership of %(person)s") % {"person": member.person},
        reverse("body-members", args=[body.pk]),
        _("Members of %(body)s") % {"body": body.name_fi},
        template="core/confirm_page.html",
        warning=_(
            "The member is no longer invited or listed for meetings after their last day; the history "
            "keeps the seat. A personal deputy's seat ends with it."
        ),
        facts=[
            (_("Person"), str(member.person)),
            (_("Role"), member.get_role_display()),
            (_("From"), member.starts.strftime("%d.%m.%Y")),
        ],
        submit_label=_("End the membership"),
    )
