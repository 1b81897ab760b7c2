"""POST/PUT /api/v1/…: the writes integrations may make, each through the same form and service as
the portal's page, with the same rights: a nomination and its seats (the nominating organisation's
editor), a notification of a decision (who records for the body), a signature (the signatory's
party), a party's staffing figures for a year. Bad input is a 400 problem naming the fields, and
nothing is saved."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from agreements import access as agreement_access
from agreements import services as agreement_services
from agreements.forms import SignatureForm
from api import serializers as s
from api.problems import problem
from decisions import access as decision_access
from decisions import services as decision_services
from decisions.forms import NotificationForm
from decisions.models import Notification
from governance import access as group_access
from governance import services as group_services
from governance.forms import NominationForm, SeatForm
from governance.models import Membership, Nomination
from organisations import access as org_access
from organisations.selectors import organisations_of
from staffing import imports
from staffing import services as staffing_services
from staffing.imports import CLIENT_COLUMNS, STAFF_COLUMNS
from staffing.models import StaffingReview

SCALARS = (str, int, float, bool, type(None))


def _data(request: Request, *, lists: tuple[str, ...] = ()) -> dict:
    """The JSON object sent, for a Django form: one plain value per field (a list or an object where
    a value belongs is refused by name, never fed to a form field that does not expect it)."""
    if not isinstance(request.data, dict):
        raise ValidationError(_("Send one JSON object."))
    wrong = [k for k, v in request.data.items() if k not in lists and not isinstance(v, SCALARS)]
    if wrong:
        raise ValidationError({k: _("Give one value, not a list or an object.") for k in wrong})
    # As a browser's form sends them: text (a form's date field cannot read a number or true).
    return {k: v if k in lists else ("" if v is None else str(v)) for k, v in request.data.items()}


def _saved(form, write) -> Any:
    """The API's one way to save a form: FORM checked, then WRITE(cleaned_data) through the app's
    service, as core.forms.submit does for a page. A refusal, the form's or the service's, is raised:
    api.problems.handler answers it as a 400 problem naming the fields, with nothing saved."""
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    return write(form.cleaned_data)


NominationIn = inline_serializer(
    "NominationIn",
    {
        "organisation": serializers.IntegerField(),
        "decided_by": serializers.IntegerField(required=False, allow_null=True),
        "decided_by_body": serializers.CharField(required=False, max_length=200),
        "decided_on": serializers.DateField(required=False, allow_null=True),
        "reference": serializers.CharField(required=False, max_length=200),
    },
)
NominationOut = inline_serializer(
    "NominationOut",
    {
        "id": serializers.IntegerField(),
        "group": serializers.IntegerField(),
        "organisation": serializers.IntegerField(),
    },
)


@extend_schema(request=NominationIn, responses={201: NominationOut}, operation_id="groups_nominations_create")
@api_view(["POST"])
def nomination_create(request: Request, pk: int) -> Response:
    """Record an organisation's decision nominating members (Decree 388/2024 § 2)."""
    group = group_access.get_group_for_user(request.user, pk)
    organisations = org_access.organisations_acted_for(request.user, group.cooperation_id).filter(
        pk__in=organisations_of(group.cooperation_id).values("pk")
    )
    if not organisations.exists():
        raise PermissionDenied
    form = NominationForm(_data(request), organisations=organisations, cooperation=group.cooperation_id)
    nomination: Nomination = _saved(
        form, lambda d: group_services.record_nomination(group=group, actor=request.user, **d)
    )
    body = {"id": nomination.pk, "group": group.pk, "organisation": nomination.organisation_id}
    return Response(body, status=201)


SeatIn = inline_serializer(
    "SeatIn",
    {
        "person": serializers.IntegerField(),
        "role": serializers.ChoiceField(choices=Membership.Role.choices, required=False),
        "deputy": serializers.IntegerField(required=False, allow_null=True),
        "start_date": serializers.DateField(required=False, allow_null=True),
        "serves_until_successor": serializers.BooleanField(required=False),
        "represents": serializers.IntegerField(required=False, allow_null=True),
        "employer": serializers.IntegerField(required=False, allow_null=True),
    },
)


@extend_schema(request=SeatIn, responses={201: s.SeatSerializer}, operation_id="nominations_seats_create")
@api_view(["POST"])
def seat_create(request: Request, pk: int) -> Response:
    """Seat a member (and their personal deputy) under a nomination."""
    nomination = group_access.get_nomination_for_user(request.user, pk)
    data = {"role": Membership.Role.MEMBER, **_data(request)}
    form = SeatForm(data, organisation=nomination.organisation, cooperation=nomination.group.cooperation_id)
    result = _saved(
        form, lambda d: group_services.seat_member(nomination=nomination, actor=request.user, **d)
    )
    seat = Membership.objects.select_related("person").get(pk=result.pk)
    return Response(s.SeatSerializer(seat, context={"on": timezone.localdate()}).data, status=201)


NotificationIn = inline_serializer(
    "NotificationIn",
    {
        "recipient": serializers.CharField(max_length=200),
        "method": serializers.ChoiceField(choices=Notification._meta.get_field("method").choices),
        "consent": serializers.ChoiceField(choices=Notification.Consent.choices, required=False),
        "sent_on": serializers.DateField(),
        "proven_receipt_on": serializers.DateField(required=False, allow_null=True),
    },
)


@extend_schema(
    request=NotificationIn,
    responses={201: s.NotificationSerializer},
    operation_id="decisions_notifications_create",
)
@api_view(["POST"])
def notification_create(request: Request, pk: int) -> Response:
    """Record that the decision was sent to a party (the appeal period runs from its receipt)."""
    item = decision_access.get_item_for_user(request.user, pk)
    if not decision_access.can_record(request.user, item.body):
        raise PermissionDenied
    form = NotificationForm({"consent": Notification.Consent.UNKNOWN, **_data(request)})
    result = _saved(form, lambda d: decision_services.record_notification(item=item, actor=request.user, **d))
    return Response(s.NotificationSerializer(result).data, status=201)


SignatureIn = inline_serializer(
    "SignatureIn",
    {
        "version": serializers.IntegerField(),
        "signatory": serializers.IntegerField(),
        "signed_on": serializers.DateField(),
        "esignature_reference": serializers.CharField(max_length=200),
    },
)


@extend_schema(
    request=SignatureIn, responses={201: s.SignatureSerializer}, operation_id="agreements_signatures_create"
)
@api_view(["POST"])
def signature_create(request: Request, pk: int) -> Response:
    """Record a signatory's signature made in an e-signature service; the last required one brings
    the agreement into force (agreement § 12). A scanned signature is recorded on the portal's page."""
    agreement = agreement_access.get_agreement_for_user(request.user, pk)
    own = agreement_access.parties_acted_for(request.user, agreement)
    if not own:
        raise PermissionDenied
    data = {**_data(request), "confirm": True}
    if not str(data.get("esignature_reference") or "").strip():
        return problem(
            400,
            _("Check the input: nothing was saved."),
            errors={"esignature_reference": [_("Give the e-signature reference.")]},
            request=request,
        )
    form = SignatureForm(data, {}, agreement=agreement, parties=own)

    def write(d):
        fields = {k: v for k, v in d.items() if k not in ("confirm", "evidence")}
        return agreement_services.record_signature(actor=request.user, **fields)

    result = _saved(form, write)
    signature = agreement_access.get_signature_for_user(request.user, result.pk)
    return Response(s.SignatureSerializer(signature).data, status=201)


STAFF_ROW = inline_serializer(
    "StaffRow",
    {
        "job_title": serializers.CharField(max_length=200),
        "municipality": serializers.CharField(help_text="code or Finnish name"),
        "headcount": serializers.IntegerField(min_value=0),
        "fte": serializers.DecimalField(max_digits=8, decimal_places=2, min_value=0),
    },
)
CLIENT_ROW = inline_serializer(
    "ClientRow",
    {"municipality": serializers.CharField(), "clients": serializers.IntegerField(min_value=0)},
)
FiguresIn = inline_serializer(
    "FiguresIn",
    {
        "organisation": serializers.IntegerField(),
        "kind": serializers.ChoiceField(choices=["staff", "clients"]),
        "rows": serializers.ListField(child=serializers.DictField(), max_length=5000),
    },
)
FIELDS = {
    "staff": dict(zip(STAFF_COLUMNS, ["job_title", "municipality", "headcount", "fte"], strict=True)),
    "clients": dict(zip(CLIENT_COLUMNS, ["municipality", "clients"], strict=True)),
}


@extend_schema(
    request=FiguresIn, responses={200: s.StaffingSerializer}, operation_id="groups_staffing_replace"
)
@api_view(["PUT"])
def figures_replace(request: Request, pk: int, year: int) -> Response:
    """Replace one party's staff or client figures for the year (Act 381/2023 § 9), checked row by
    row exactly as an imported file is; all rows or none."""
    group = group_access.get_group_for_user(request.user, pk)
    data = _data(request, lists=("rows",))
    organisation = get_object_or_404(group.cooperation.parties(), pk=_int(data.get("organisation")))
    if not org_access.can_act_for(request.user, organisation, group.cooperation_id):
        raise PermissionDenied
    kind, rows = data.get("kind"), data.get("rows")
    if kind not in FIELDS or not isinstance(rows, list) or len(rows) > 5000:
        return problem(
            400,
            _("Check the input: nothing was saved."),
            request=request,
            errors={
                "kind": [_("Give staff or clients.")],
                "rows": [_("Give the rows as a list of at most 5000.")],
            },
        )
    columns = FIELDS[kind]
    table = [list(columns)]
    for row in rows:
        if not isinstance(row, dict):
            return problem(
                400,
                _("Check the input: nothing was saved."),
                request=request,
                errors={"rows": [_("Each row is a JSON object.")]},
            )
        table.append(["" if row.get(name) is None else str(row.get(name)) for name in columns.values()])
    try:
        staffing_services.replace_figures(
            group=group, year=year, organisation=organisation, kind=kind, rows=table, actor=request.user
        )
    except imports.ImportRefused as refused:
        errors: dict[str, list[str]] = {}
        for e in refused.errors:  # line 1 is the header; line 2 the first row, rows[0]
            errors.setdefault(f"rows[{e.line - 2}]" if e.line > 1 else "rows", []).append(e.message)
        return problem(400, _("Check the input: nothing was saved."), errors=errors, request=request)
    review = StaffingReview.objects.prefetch_related(
        "staff_lines__municipality", "client_lines__municipality"
    ).get(group=group, year=year)
    return Response(s.StaffingSerializer(review).data)


def _int(value: object) -> int:
    text = str(value if value is not None else "")
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else 0
