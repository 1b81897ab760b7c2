"""Hostile and careless input (#14): far dates and years, huge numbers, odd strings, double submits,
active PDFs, and the production settings. No input gives a server error or saves half."""

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from agreements import services as agreements
from agreements.models import Agreement, AgreementParty, Dispute, Notice, Signatory, Version
from core import bounds
from core.writes import save_validated
from costs import services as costs
from costs.models import Invoice

D = datetime.date


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/deadlines/?kind=termination&date=9999-12-31&method=letter",
        "/api/v1/deadlines/?kind=rectification&date=9999-12-31&method=letter",
        "/api/v1/deadlines/?kind=rectification&date=0001-01-01&method=email",
        "/deadlines/?kind=rectification&date=9999-12-31&method=letter",
        "/api/v1/cost-split/?total=1E%2B30&counts=A:1",
        "/api/v1/cost-split/?total=NaN&counts=A:1",
        "/api/v1/cost-split/?total=100&counts=A:--3",
        "/api/v1/cost-split/?total=100&counts=A:%C2%B2",
        "/api/v1/cost-split/?total=100&counts=A:99999999999999999999",
    ],
)
def test_the_calculators_answer_bad_input_with_400(db, anonymous, url):
    assert anonymous.get(url).status_code == 400


def test_a_date_out_of_range_is_refused_in_the_users_language(db, anonymous):
    response = anonymous.get(
        "/deadlines/", {"kind": "rectification", "date": "9999-12-31", "method": "letter"}
    )
    assert "Anna päivämäärä väliltä 01.01.1900–31.12.2100" in response.text or "1900" in response.text


@pytest.mark.parametrize("day", [D(1899, 12, 31), D(2101, 1, 1), D(9999, 12, 31), D(1, 1, 1)])
def test_no_service_saves_a_date_out_of_range(world, day):
    agreement = Agreement.objects.create(
        cooperation=world.area.cooperation, title="x", status="in_force", in_force_from=D(2025, 1, 1)
    )
    a = AgreementParty.objects.create(agreement=agreement, organisation=world.org_a)
    b = AgreementParty.objects.create(agreement=agreement, organisation=world.org_b)
    with pytest.raises(ValidationError):
        agreements.request_negotiation(
            agreement=agreement,
            actor=world.editor_a,
            requested_by=a,
            requested_to=b,
            requested_on=day,
            kind="civil",
            subject="x",
        )
    with pytest.raises(ValidationError):
        agreements.give_notice(agreement=agreement, from_party=a, dated_on=day, actor=world.editor_a)
    assert not Dispute.objects.exists()
    assert not Notice.objects.exists()


@pytest.mark.parametrize("day", [D(1900, 1, 1), D(2100, 12, 31)])
def test_the_range_includes_its_ends(day):
    bounds.validate_date(day)


def test_years_out_of_range_are_not_pages(group_world, as_secretary):
    pk = group_world.group.pk
    for url in [
        f"/groups/{pk}/year/0/",
        f"/groups/{pk}/year/0000/",
        f"/groups/{pk}/year/32768/",
        f"/groups/{pk}/year/0/report.pdf",
    ]:
        assert as_secretary.get(url).status_code == 404, url
    assert as_secretary.get(f"/groups/{pk}/costs/", {"year": "0"}).status_code == 200
    assert as_secretary.get(f"/groups/{pk}/costs/", {"year": "99999999999999"}).status_code == 200


def test_a_far_date_in_a_form_is_a_400_that_saves_nothing(group_world, as_editor_a):
    response = as_editor_a.post(
        f"/seats/{group_world.chair.pk}/successor/",
        {"successor": group_world.people["a3"].pk, "start_date": "0001-01-01"},
    )
    assert response.status_code == 400


def test_a_race_past_validation_is_a_refusal_not_a_server_error(world):
    signatory_party = AgreementParty.objects.create(
        agreement=Agreement.objects.create(cooperation=world.area.cooperation, title="x"),
        organisation=world.org_a,
    )
    version = Version.objects.create(agreement=signatory_party.agreement, number=1, kind="original")
    duplicate = Version(agreement=signatory_party.agreement, number=1, kind="original")
    with (
        mock.patch.object(Version, "full_clean"),
        pytest.raises(ValidationError) as refused,
    ):  # as if both passed
        save_validated(duplicate, world.secretary)
    assert refused.value.code == "conflict"
    assert Version.objects.get() == version


def test_the_same_notice_or_negotiation_request_sent_twice_is_saved_once(world):
    agreement = Agreement.objects.create(
        cooperation=world.area.cooperation, title="x", status="in_force", in_force_from=D(2025, 1, 1)
    )
    a = AgreementParty.objects.create(agreement=agreement, organisation=world.org_a)
    b = AgreementParty.objects.create(agreement=agreement, organisation=world.org_b)
    for _ in range(2):
        agreements.give_notice(
            agreement=agreement, from_party=a, dated_on=D(2026, 3, 1), actor=world.editor_a
        )
        agreements.request_negotiation(
            agreement=agreement,
            actor=world.editor_a,
            requested_by=a,
            requested_to=b,
            requested_on=D(2026, 3, 1),
            kind="civil",
            subject="Kustannukset",
        )
    assert Notice.objects.count() == 1
    assert Dispute.objects.count() == 1


def test_a_delivery_is_recorded_once(world):
    agreement = Agreement.objects.create(
        cooperation=world.area.cooperation, title="x", status="in_force", in_force_from=D(2025, 1, 1)
    )
    a = AgreementParty.objects.create(agreement=agreement, organisation=world.org_a)
    AgreementParty.objects.create(agreement=agreement, organisation=world.org_b)
    notice = agreements.give_notice(
        agreement=agreement, from_party=a, dated_on=D(2026, 3, 1), actor=world.editor_a
    )
    delivery = notice.deliveries.get()
    agreements.record_delivery(delivery=delivery, delivered_on=D(2026, 3, 2), actor=world.editor_a)
    with pytest.raises(ValidationError):
        agreements.record_delivery(delivery=delivery, delivered_on=D(2026, 3, 5), actor=world.editor_a)
    assert Agreement.objects.get().ends_on == D(2026, 12, 31)


def test_invoice_numbers_do_not_collide_when_an_earlier_day_is_rebuilt(world, group_world):
    actor = world.secretary
    days = []
    for n in range(2):
        day = costs.create_day(
            group=group_world.group, actor=actor, title=f"Päivä {n}", date=D(2026, 5, 1 + n)
        )
        costs.add_cost_item(
            day=day, description="Tila", amount=Decimal(300), paid_by=world.org_a, actor=actor
        )
        costs.register(day=day, organisation=world.org_a, count=1, actor=actor)
        costs.register(day=day, organisation=world.org_b, count=2, actor=actor)
        days.append(day)
    costs.prepare_invoices(day=days[0], actor=actor, today=D(2026, 5, 3))
    costs.prepare_invoices(day=days[1], actor=actor, today=D(2026, 5, 3))
    costs.reopen_day(day=days[0], reason="Lisäilmoittautuminen", actor=actor, today=D(2026, 5, 4))
    costs.register(day=days[0], organisation=world.org_b, count=1, actor=actor)
    costs.prepare_invoices(day=days[0], actor=actor, today=D(2026, 5, 4))  # rebuilt: a new number
    numbers = list(Invoice.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) == 3  # the voided draft keeps its number


def test_signature_scans_are_downloaded_never_shown_inline(world, settings, tmp_path, as_secretary):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from agreements.models import Signature
    from tests.tools import pdf_bytes

    settings.MEDIA_ROOT = tmp_path
    agreement = Agreement.objects.create(
        cooperation=world.area.cooperation, title="x", status="out_for_signature"
    )
    party = AgreementParty.objects.create(agreement=agreement, organisation=world.org_a)
    signatory = Signatory.objects.create(party=party, name_as_written="A")
    version = Version.objects.create(agreement=agreement, number=1, kind="original")
    signature = Signature(version=version, signatory=signatory, signed_on=D(2026, 1, 1))
    signature.evidence = SimpleUploadedFile("s.pdf", pdf_bytes())
    save_validated(signature, world.secretary)
    response = as_secretary.get(f"/signatures/{signature.pk}/scan.pdf")
    assert response["Content-Disposition"].startswith("attachment")


def test_pages_of_logged_in_users_are_not_stored(world, as_member, anonymous):
    assert as_member.get("/")["Cache-Control"] == "no-store, private"
    assert "no-store" not in anonymous.get("/deadlines/").get("Cache-Control", "")


def test_objects_outside_the_users_reach_are_not_found(world, group_world, as_outsider, as_member):
    from decisions.models import Body, Meeting

    body = Body.objects.create(area=world.area, code="b", name_fi="B", kind="municipal")
    meeting = Meeting.objects.create(body=body, date=D(2026, 3, 1))
    for url in [f"/groups/{group_world.group.pk}/", f"/meetings/{meeting.pk}/", f"/areas/{world.area.code}/"]:
        assert as_outsider.get(url).status_code == 404, url
        assert as_outsider.get(url.replace(str(meeting.pk), "999999")).status_code == 404
    assert as_member.post(f"/meetings/{meeting.pk}/items/new/", {}).status_code == 403  # seen, not changed


def test_password_reset_is_rate_limited(db, anonymous, settings):
    from django.core import mail
    from django.core.cache import cache

    from tests.factories import UserFactory

    cache.clear()
    UserFactory(username="u", email="u@example.fi")
    settings.PASSWORD_RESET_LIMIT_PER_HOUR = 2
    for _ in range(2):
        assert anonymous.post("/accounts/password_reset/", {"email": "u@example.fi"}).status_code == 302
    assert anonymous.post("/accounts/password_reset/", {"email": "u@example.fi"}).status_code == 429
    assert len(mail.outbox) == 2
    cache.clear()


def test_production_settings_are_https_only_with_argon2():
    from tym import settings as production

    assert production.DEBUG is False
    assert production.SECURE_SSL_REDIRECT is True
    assert production.SECURE_HSTS_SECONDS >= 31_536_000
    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert "core.middleware.SessionRenewalMiddleware" in production.MIDDLEWARE
    assert production.SESSION_RENEW_SECONDS < production.SESSION_COOKIE_AGE


def test_the_image_never_copies_secrets_or_local_state():
    from pathlib import Path

    ignored = (Path(__file__).resolve().parent.parent / ".dockerignore").read_text().split()
    assert {"secrets", "var", ".venv"} <= set(ignored)


def test_far_dates_of_a_delivery_or_a_notification_are_refused(world):
    import datetime as dt

    from decisions import services as decisions

    agreement = Agreement.objects.create(
        cooperation=world.area.cooperation, title="x", status="in_force", in_force_from=D(2025, 1, 1)
    )
    a = AgreementParty.objects.create(agreement=agreement, organisation=world.org_a)
    AgreementParty.objects.create(agreement=agreement, organisation=world.org_b)
    notice = agreements.give_notice(
        agreement=agreement, from_party=a, dated_on=D(2026, 3, 1), actor=world.editor_a
    )
    with pytest.raises(ValidationError):
        agreements.record_delivery(
            delivery=notice.deliveries.get(), delivered_on=D(9999, 12, 31), actor=world.editor_a
        )
    assert Agreement.objects.get().ends_on is None
    from decisions.models import Body

    body = Body.objects.create(area=world.area, code="b", name_fi="B", kind="municipal")
    meeting = decisions.create_meeting(body=body, actor=world.secretary, date=dt.date(2026, 3, 1))
    item = decisions.add_item(meeting=meeting, actor=world.secretary, title="x", proposal="y")
    with pytest.raises(ValidationError):
        decisions.record_notification(
            item=item, actor=world.secretary, recipient="B", method="letter", sent_on=D(9999, 12, 31)
        )
    assert not item.notifications.exists()


@pytest.mark.parametrize("value", ["abc", "\x00", "1e9", "99999999999999999999999", "١٢"])
def test_an_odd_identifier_in_a_form_is_not_found_never_a_server_error(world, group_world, value):
    client = Client(raise_request_exception=False)
    client.force_login(world.secretary)
    response = client.post(
        f"/groups/{group_world.group.pk}/year/2026/import/", {"organisation": value, "kind": "staff"}
    )
    assert response.status_code == 404
    code = world.area.cooperation.code
    response = client.post(
        f"/cooperations/{code}/people/users/{world.editor_a.pk}/person/", {"person": value}
    )
    assert response.status_code == 404
