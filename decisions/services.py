"""Writes to meetings and decisions: full validation, one transaction, the actor in the history."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.writes import Actor, update_fields
from core.writes import save_validated as _save
from decisions import rules
from decisions.models import (
    COURT_FIELDS,
    AgendaItem,
    Annex,
    AppealPart,
    Attendance,
    Body,
    Claim,
    Correction,
    Extract,
    Meeting,
    Notification,
)
from organisations.models import EmploymentArea, Person

MEETING_FIELDS = (
    *("number", "date", "starts_at", "ends_at", "place", "remote", "invited_on", "invitation"),
    *("opening_number", "member_count", "chair", "secretary"),
)
ITEM_FIELDS = (
    *("title", "title_sv", "preparer", "presenter", "basis", "proposal", "proposal_sv", "personal_data"),
    *("public", "title_descriptive", "source_notes"),
)
DECISION_FIELDS = ("outcome", "decision", "decision_sv")
# What a correction of published minutes may change (the § number and meeting never change).
CORRECTABLE_FIELDS = (
    "title",
    "title_sv",
    "basis",
    "proposal",
    "proposal_sv",
    "decision",
    "decision_sv",
    "personal_data",
    "public",
)


@transaction.atomic
def check_minutes(
    *, meeting: Meeting, checkers: list[Person], checked_on: datetime.date, actor: Actor
) -> Meeting:
    """Record that CHECKERS checked the minutes on CHECKED_ON; each must have attended the meeting. The
    meeting is read again under its lock: saving the caller's copy would write back what it held when
    read (a place or a chair changed since by another request)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _ensure_open(meeting)
    present = {
        a.person_id: a for a in meeting.attendances.exclude(capacity="absent").select_related("person")
    }
    absent = [person for person in checkers if person.pk not in present]
    if absent:
        raise ValidationError(
            _("%(names)s did not attend the meeting and cannot check its minutes.")
            % {"names": ", ".join(str(p) for p in absent)}
        )
    if not checkers:
        raise ValidationError(_("Name at least one person who checked the minutes."))
    for attendance in present.values():
        should = attendance.person_id in {p.pk for p in checkers}
        if attendance.checks_minutes != should:
            update_fields(
                attendance, actor=actor, allowed=("checks_minutes",), data={"checks_minutes": should}
            )
    update_fields(meeting, actor=actor, allowed=("checked_on",), data={"checked_on": checked_on})
    return meeting


@transaction.atomic
def publish_minutes(*, meeting: Meeting, published_on: datetime.date, actor: Actor) -> Meeting:
    """Put the minutes on the public network; from then on they are locked (corrections only)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.published_on:
        raise ValidationError(_("The minutes are already published."))
    rules.check_publishable(meeting, list(meeting.items.prefetch_related("appeal_parts")))
    meeting.published_on = published_on
    _save(meeting, actor, "published")
    return meeting


def _ensure_open(meeting: Meeting) -> None:
    if meeting.published_on:
        raise ValidationError(
            _("The minutes are published and locked: record a correction with its reason instead.")
        )


# What the secretary keeps up to date on a body: the authorities and addresses its appeal
# instructions print (Kuntalaki § 134; Hallintolaki § 47).
BODY_FIELDS = (
    "name_sv",
    "council",
    "claim_authority_fi",
    "claim_authority_sv",
    "joint_municipalities",
    "registry_name",
    "registry_address",
    "registry_email",
    "registry_hours_fi",
    "registry_hours_sv",
    "registry_closes_at",
    *COURT_FIELDS,
    "language",
    "second_language",
    "notice_days",
)


@transaction.atomic
def update_body(*, body: Body, actor: Actor, data: dict[str, Any]) -> list[str]:
    body = Body.objects.select_for_update().get(pk=body.pk)
    return update_fields(body, actor=actor, allowed=BODY_FIELDS, data=data)


@transaction.atomic
def create_meeting(
    *,
    body: Body,
    actor: Actor,
    number: str = "",
    date: datetime.date | None = None,
    starts_at: datetime.time | None = None,
    ends_at: datetime.time | None = None,
    place: str = "",
    remote: bool = False,
    invited_on: datetime.date | None = None,
    invitation: str = "",
    opening_number: int | None = None,
    member_count: int | None = None,
    chair: Person | None = None,
    secretary: Person | None = None,
) -> Meeting:
    meeting = Meeting(body=body, number=number, date=date, starts_at=starts_at, ends_at=ends_at, place=place)
    meeting.remote, meeting.invited_on, meeting.invitation = remote, invited_on, invitation
    meeting.opening_number, meeting.member_count = opening_number, member_count
    meeting.chair, meeting.secretary = chair, secretary
    return _save(meeting, actor)


@transaction.atomic
def update_meeting(*, meeting: Meeting, actor: Actor, data: dict[str, Any]) -> list[str]:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _ensure_open(meeting)
    new_date = data.get("date", meeting.date)
    same_year = meeting.date is not None and new_date is not None and new_date.year == meeting.date.year
    if new_date != meeting.date and not same_year and meeting.items.exists():
        raise ValidationError(
            {"date": _("The sections are numbered in the meeting's year: the year cannot change now.")}
        )
    return update_fields(meeting, actor=actor, allowed=MEETING_FIELDS, data=data)


@transaction.atomic
def add_item(
    *,
    meeting: Meeting,
    actor: Actor,
    title: str,
    title_sv: str = "",
    preparer: str = "",
    presenter: Person | None = None,
    basis: str = "",
    proposal: str = "",
    proposal_sv: str = "",
    personal_data: str = "",
    public: bool = True,
    title_descriptive: bool = False,
    source_notes: str = "",
) -> AgendaItem:
    """Put a section on the agenda with the body's next § number of the meeting's year.

    Numbers run per body and year; the body row is locked so that two secretaries adding items at once
    get consecutive numbers (the unique constraint stays the last guard)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _ensure_open(meeting)
    if meeting.date is None:
        raise ValidationError(_("Give the meeting a date first: the sections are numbered by year."))
    Body.objects.select_for_update().get(pk=meeting.body_id)
    year = meeting.date.year
    last = AgendaItem.objects.filter(body_id=meeting.body_id, year=year).aggregate(n=Max("number"))["n"]
    last = max(last or 0, meeting.opening_number + 1 if meeting.opening_number else 0)  # after the opening §§
    item = AgendaItem(
        meeting=meeting,
        body_id=meeting.body_id,
        year=year,
        number=(last or 0) + 1,
        title=title,
        title_sv=title_sv,
        preparer=preparer,
        presenter=presenter,
        basis=basis,
        proposal=proposal,
        proposal_sv=proposal_sv,
        personal_data=personal_data,
        public=public,
        title_descriptive=title_descriptive,
        source_notes=source_notes,
    )
    return _save(item, actor)


@transaction.atomic
def update_item(*, item: AgendaItem, actor: Actor, data: dict[str, Any]) -> list[str]:
    _ensure_open(Meeting.objects.select_for_update().get(pk=item.meeting_id))
    return update_fields(item, actor=actor, allowed=ITEM_FIELDS, data=data)


@transaction.atomic
def add_annex(*, item: AgendaItem, title: str, public: bool, actor: Actor) -> Annex:
    _ensure_open(Meeting.objects.select_for_update().get(pk=item.meeting_id))
    last = item.annexes.aggregate(n=Max("number"))["n"]
    return _save(Annex(item=item, number=(last or 0) + 1, title=title, public=public), actor)


@transaction.atomic
def record_attendance(
    *,
    meeting: Meeting,
    actor: Actor,
    person: Person,
    capacity: str,
    substitutes_for: Person | None = None,
    role: str = "",
    sections: str = "",
) -> Attendance:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _ensure_open(meeting)
    if meeting.checked_on:
        raise ValidationError(_("The minutes are checked: attendance can no longer change."))
    rules.check_substitution(meeting, person=person, capacity=capacity, substitutes_for=substitutes_for)
    attendance = Attendance(
        meeting=meeting, person=person, capacity=capacity, substitutes_for=substitutes_for
    )
    attendance.role, attendance.sections = role, sections
    return _save(attendance, actor)


@transaction.atomic
def remove_attendance(*, attendance: Attendance, actor: Actor) -> None:
    meeting = Meeting.objects.select_for_update().get(pk=attendance.meeting_id)
    _ensure_open(meeting)
    if meeting.checked_on:
        raise ValidationError(_("The minutes are checked: attendance can no longer change."))
    attendance._history_user = actor  # type: ignore[attr-defined]
    attendance.delete()


@transaction.atomic
def record_decision(
    *,
    item: AgendaItem,
    outcome: str,
    decision: str,
    decision_sv: str,
    parts: list[tuple[str, str, str]],
    actor: Actor,
    today: datetime.date | None = None,
) -> AgendaItem:
    """Record what the body decided on ITEM and the appeal instructions of each part of the decision.

    PARTS are (kind, scope in Finnish, scope in Swedish); a tabled item has none (nothing was decided)."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    _ensure_open(meeting)
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if meeting.date is None or meeting.date > today:
        errors.setdefault("outcome", []).append(_("A decision is recorded once the meeting has been held."))
    if outcome not in AgendaItem.Outcome.values:
        errors.setdefault("outcome", []).append(_("Choose the outcome."))
    if outcome != AgendaItem.Outcome.TABLED:
        if not decision.strip():
            errors.setdefault("decision", []).append(_("Write the decision."))
        decided_claims = list(item.decided_claims.select_related("part"))
        allowed = rules.appeal_kinds(meeting.body, decides_claim=bool(decided_claims))
        if not parts:
            errors.setdefault("parts", []).append(_("Choose the appeal instructions of the decision."))
        refused = {kind for kind, _scope, _scope_sv in parts if kind not in allowed}
        if "municipal_appeal" in refused:
            errors.setdefault("parts", []).append(str(rules.MUNICIPAL_APPEAL_REFUSED))
        elif refused:
            errors.setdefault("parts", []).append(_("These appeal instructions do not apply to this body."))
        if (
            meeting.body.kind == Body.Kind.MUNICIPAL
            and any(c.part.kind == AppealPart.Kind.RECTIFICATION for c in decided_claims)
            and parts
            and all(kind != AppealPart.Kind.MUNICIPAL_APPEAL for kind, _scope, _sv in parts)
        ):
            # A decision on a rectification claim is appealed by a municipal appeal (Kuntalaki § 135).
            errors.setdefault("parts", []).append(
                _("This section decides a rectification claim: give it municipal appeal instructions.")
            )
        if len(parts) > 1 and any(not scope.strip() for _kind, scope, _sv in parts):
            errors.setdefault("parts", []).append(
                _("When a decision has several parts, say which part each instruction covers.")
            )
    if errors:
        raise ValidationError(errors)
    if item.claims.exists():
        raise ValidationError(_("Claims have been received against this decision: it cannot be re-recorded."))
    update_fields(
        item,
        actor=actor,
        allowed=(*DECISION_FIELDS, "decided_on"),
        data={
            "outcome": outcome,
            "decision": decision,
            "decision_sv": decision_sv,
            "decided_on": meeting.date,
        },
    )
    for part in item.appeal_parts.all():
        part._history_user = actor  # type: ignore[attr-defined]
        part.delete()
    if outcome != AgendaItem.Outcome.TABLED:
        for order, (kind, scope, scope_sv) in enumerate(parts, start=1):
            _save(AppealPart(item=item, order=order, kind=kind, scope_fi=scope, scope_sv=scope_sv), actor)
    return item


@transaction.atomic
def correct_minutes(
    *, item: AgendaItem, reason: str, data: dict[str, Any], actor: Actor, today: datetime.date | None = None
) -> Correction:
    """Correct a section of published minutes: the change, its reason and its maker are kept."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    if not meeting.published_on:
        raise ValidationError(_("The minutes are not published yet: change the section directly."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the correction.")})
    changed = update_fields(
        item, actor=actor, allowed=CORRECTABLE_FIELDS, data=data, reason=f"correction: {reason}"[:100]
    )
    if not changed:
        raise ValidationError(_("Nothing was changed."))
    labels = ", ".join(
        str(getattr(AgendaItem._meta.get_field(name), "verbose_name", name)) for name in changed
    )
    made_by = actor if isinstance(actor, User) else None
    return _save(
        Correction(
            meeting=meeting,
            item=item,
            reason=reason,
            changed_fields=labels[:300],
            made_on=today or timezone.localdate(),
            made_by=made_by,
        ),
        actor,
    )


@transaction.atomic
def certify_extract(
    *, item: AgendaItem, actor: Actor, place: str, certified_on: datetime.date, certified_by: Person
) -> Extract:
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    if not meeting.checked_on and not meeting.checked_undated:
        raise ValidationError(_("An extract is certified from checked minutes."))
    extract = Extract(item=item, place=place, certified_on=certified_on, certified_by=certified_by)
    return _save(extract, actor)


@transaction.atomic
def record_notification(
    *,
    item: AgendaItem,
    actor: Actor,
    recipient: str,
    method: str,
    sent_on: datetime.date,
    consent: str = Notification.Consent.UNKNOWN,
    proven_receipt_on: datetime.date | None = None,
    reissue_of: Notification | None = None,
    reissue_reason: str = "",
) -> Notification:
    """A decision sent to a party (its period runs from the receipt), or sent again as REISSUE_OF with
    corrected appeal instructions and the REISSUE_REASON."""
    notification = Notification(
        item=item,
        recipient=recipient,
        method=method,
        consent=consent,
        sent_on=sent_on,
        proven_receipt_on=proven_receipt_on,
        reissue_of=reissue_of,
        reissue_reason=reissue_reason,
    )
    return _save(notification, actor)


@transaction.atomic
def record_claim(
    *,
    item: AgendaItem,
    part: AppealPart,
    actor: Actor,
    claimant: str,
    received_on: datetime.date,
    received_at: datetime.time | None = None,
    reference: str = "",
    standing: str = Claim.Standing.UNASSESSED,
    notification: Notification | None = None,
) -> Claim:
    """Record a claim as received: also a late one, one without standing or against a no-appeal part,
    which is then decided (dismissed without examination) like any other (#13 item 6)."""
    claim = Claim(
        item=item,
        part=part,
        claimant=claimant,
        received_on=received_on,
        received_at=received_at,
        reference=reference,
        standing=standing,
        notification=notification,
    )
    return _save(claim, actor)


CLAIM_ASSESSMENT_FIELDS = ("standing", "notification", "received_at")


@transaction.atomic
def assess_claim(*, claim: Claim, actor: Actor, data: dict[str, Any]) -> list[str]:
    """Record the claimant's standing, the notification their period runs from, and the time of receipt."""
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if claim.outcome != Claim.Outcome.PENDING:
        raise ValidationError(_("The claim has been decided: its assessment no longer changes."))
    return update_fields(claim, actor=actor, allowed=CLAIM_ASSESSMENT_FIELDS, data=data)


@transaction.atomic
def decide_claim(
    *,
    claim: Claim,
    outcome: str,
    actor: Actor,
    decided_in: AgendaItem | None = None,
    decision_reference: str = "",
) -> Claim:
    """Record the decision on CLAIM. A rectification claim is decided by the same body in a later
    section (Kuntalaki § 134); that section then carries municipal appeal instructions for the
    claimant (§ 135, § 137 (3)), added here when it has none yet. An appeal is decided by the court,
    recorded by its reference."""
    claim = Claim.objects.select_for_update().select_related("part", "item__body").get(pk=claim.pk)
    if claim.outcome != Claim.Outcome.PENDING:
        raise ValidationError(_("The claim has already been decided."))
    if outcome not in Claim.Outcome.values or outcome == Claim.Outcome.PENDING:
        raise ValidationError({"outcome": _("Choose the outcome.")})
    court_decides = claim.part.kind in (AppealPart.Kind.MUNICIPAL_APPEAL, AppealPart.Kind.COURT_APPEAL)
    if court_decides and not decision_reference.strip():
        raise ValidationError({"decision_reference": _("Give the court's decision and its date.")})
    if not court_decides and decided_in is None:
        raise ValidationError({"decided_in": _("Choose the section in which the body decided the claim.")})
    if outcome == Claim.Outcome.UPHELD and claim.standing == Claim.Standing.NONE:
        raise ValidationError({"outcome": _("A claim without standing is dismissed without examination.")})
    claim.outcome = outcome
    claim.decided_in = None if court_decides else decided_in
    claim.decision_reference = decision_reference.strip()
    _save(claim, actor)
    if decided_in is not None and not court_decides and claim.item.body.kind == Body.Kind.MUNICIPAL:
        meeting = Meeting.objects.select_for_update().get(pk=decided_in.meeting_id)
        if not meeting.locked and not decided_in.appeal_parts.exists():
            _save(
                AppealPart(
                    item=decided_in,
                    order=1,
                    kind=AppealPart.Kind.MUNICIPAL_APPEAL,
                    scope_fi="oikaisuvaatimukseen annettu päätös",
                    scope_sv="beslut med anledning av begäran om omprövning",
                ),
                actor,
            )
    return claim


@transaction.atomic
def create_body(
    *, area: EmploymentArea, code: str, name_fi: str, name_sv: str, kind: str, council: bool, actor: Actor
) -> Body:
    """A body of AREA (e.g. a second city's board) whose meetings and decisions are then recorded."""
    return _save(
        Body(area=area, code=code, name_fi=name_fi, name_sv=name_sv, kind=kind, council=council), actor
    )
