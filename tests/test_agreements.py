import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from agreements import selectors, services
from agreements.models import Agreement, AgreementParty, Section, Signatory, Signature, Version
from decisions.models import AgendaItem, Body, Meeting
from tests.tools import pdf_bytes, pdf_text

D = datetime.date
PDF = pdf_bytes()


@pytest.fixture
def agreement(group_world, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    body = Body.objects.create(area=world.area, code="board", name_fi="Lautakunta", kind="municipal")
    meeting = Meeting.objects.create(body=body, date=D(2025, 3, 18))
    decision = AgendaItem.objects.create(meeting=meeting, body=body, year=2025, number=16, title="Sopimus")
    agreement = Agreement.objects.create(
        cooperation=world.area.cooperation,
        title="Yhteistyösopimus",
        copies_stated=3,
        approving_decision=decision,
        status="out_for_signature",
        forum_public_law="Hallinto-oikeus",
        forum_civil="Käräjäoikeus",
    )
    for n, organisation in enumerate([world.org_a, world.org_b, group_world.kela], start=1):
        party = AgreementParty.objects.create(agreement=agreement, organisation=organisation, order=n)
        Signatory.objects.create(party=party, name_as_written=f"Allekirjoittaja {n}", person=None)
    version = Version.objects.create(agreement=agreement, number=1, kind="original")
    Section.objects.create(
        version=version, number=11, title="Voimassaolo", text="Sopimus on voimassa toistaiseksi."
    )
    return agreement


SIGNING_DAY = D(2025, 4, 10)


def sign_all(agreement, version, actor, day=SIGNING_DAY):
    for signatory in Signatory.objects.filter(party__agreement=agreement):
        services.record_signature(
            version=version,
            signatory=signatory,
            signed_on=day,
            actor=actor,
            esignature_reference=f"VRK-{signatory.pk}",
        )


def test_the_agreement_is_in_force_from_the_last_signature(agreement, world):
    version = agreement.versions.get()
    signatories = list(Signatory.objects.filter(party__agreement=agreement))
    for day, signatory in zip([D(2025, 4, 3), D(2025, 4, 9)], signatories[:2], strict=True):
        services.record_signature(
            version=version,
            signatory=signatory,
            signed_on=day,
            actor=world.secretary,
            esignature_reference="x",
        )
    agreement.refresh_from_db()
    assert agreement.status == "out_for_signature"
    services.record_signature(
        version=version,
        signatory=signatories[2],
        signed_on=D(2025, 4, 7),
        actor=world.secretary,
        esignature_reference="x",
    )
    agreement.refresh_from_db()
    assert agreement.status == "in_force"
    assert agreement.in_force_from == D(2025, 4, 9)


def test_a_signature_dated_before_the_approval_is_refused_in_finnish(agreement, world):
    signatory = Signatory.objects.filter(party__agreement=agreement).first()
    with translation.override("fi"), pytest.raises(ValidationError) as info:
        services.record_signature(
            version=agreement.versions.get(),
            signatory=signatory,
            signed_on=D(2025, 3, 1),
            actor=world.secretary,
            esignature_reference="x",
        )
    with translation.override("fi"):
        assert any("ennen kuin sopimus hyväksyttiin" in m for m in info.value.messages)
    assert not Signature.objects.exists()


def test_a_placeholder_signatory_cannot_sign(agreement, world):
    signatory = Signatory.objects.filter(party__agreement=agreement).first()
    signatory.name_as_written, signatory.is_placeholder = "N.N.", True
    signatory.save()
    with pytest.raises(ValidationError):
        services.record_signature(
            version=agreement.versions.get(),
            signatory=signatory,
            signed_on=D(2025, 4, 1),
            actor=world.secretary,
            esignature_reference="x",
        )


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"GIF89a not a pdf", "scan.pdf"),  # judged by content, not by name
        (b"%PDF-" + b"0" * (11 * 1024 * 1024), "scan.pdf"),  # over 10 MB
        (b"%PDF-1.4\n<html><script>alert(1)</script></html>", "scan.pdf"),  # HTML behind a PDF header
        (pdf_bytes(javascript=True), "scan.pdf"),
        (pdf_bytes(attachment=True), "scan.pdf"),
        (pdf_bytes(launch=True), "scan.pdf"),
    ],
)
def test_a_scan_that_is_not_a_pdf_or_too_large_is_refused(agreement, world, content, name):
    signatory = Signatory.objects.filter(party__agreement=agreement).first()
    with pytest.raises(ValidationError):
        services.record_signature(
            version=agreement.versions.get(),
            signatory=signatory,
            signed_on=D(2025, 4, 1),
            actor=world.secretary,
            evidence=SimpleUploadedFile(name, content),
        )
    assert not Signature.objects.exists()


def test_a_pdf_scan_is_stored_under_a_random_name(agreement, world):
    signatory = Signatory.objects.filter(party__agreement=agreement).first()
    signature = services.record_signature(
        version=agreement.versions.get(),
        signatory=signatory,
        signed_on=D(2025, 4, 1),
        actor=world.secretary,
        evidence=SimpleUploadedFile("Jori Reijula allekirjoitus.pdf", PDF),
    )
    assert "Reijula" not in signature.evidence.name
    assert signature.evidence.name.startswith("signatures/")


def test_the_scan_is_served_only_to_people_of_the_area(agreement, world, as_member, as_outsider):
    signatory = Signatory.objects.filter(party__agreement=agreement).first()
    signature = services.record_signature(
        version=agreement.versions.get(),
        signatory=signatory,
        signed_on=D(2025, 4, 1),
        actor=world.secretary,
        evidence=SimpleUploadedFile("scan.pdf", PDF),
    )
    url = reverse("signature-evidence", args=[signature.pk])
    assert as_outsider.get(url).status_code == 404
    response = as_member.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_an_amendment_is_void_until_every_party_signs(agreement, world):
    sign_all(agreement, agreement.versions.get(), world.secretary)
    amendment = Version.objects.create(agreement=agreement, number=2, kind="amendment", description="§ 11")
    Section.objects.create(
        version=amendment, number=11, title="Voimassaolo", text="Sopimus on voimassa 2030 asti."
    )
    signatory = Signatory.objects.filter(party__agreement=agreement).first()
    services.record_signature(
        version=amendment,
        signatory=signatory,
        signed_on=D(2025, 9, 1),
        actor=world.secretary,
        esignature_reference="x",
    )
    agreement = selectors.load(agreement.pk)
    states = selectors.version_states(agreement)
    assert states[1].void
    assert selectors.effective_sections(agreement)[0].text == "Sopimus on voimassa toistaiseksi."
    assert any(line.startswith("+Sopimus on voimassa 2030") for line in states[1].changes[0][2])
    sign_all_rest = Signatory.objects.filter(party__agreement=agreement).exclude(pk=signatory.pk)
    for s in sign_all_rest:
        services.record_signature(
            version=amendment,
            signatory=s,
            signed_on=D(2025, 9, 2),
            actor=world.secretary,
            esignature_reference="x",
        )
    agreement = selectors.load(agreement.pk)
    assert not selectors.version_states(agreement)[1].void
    assert selectors.effective_sections(agreement)[0].text == "Sopimus on voimassa 2030 asti."


def test_a_notice_delivered_on_different_days_ends_by_the_last_delivery(agreement, world):
    sign_all(agreement, agreement.versions.get(), world.secretary)
    agreement.refresh_from_db()
    notice = services.give_notice(
        agreement=agreement,
        from_party=agreement.parties.first(),
        dated_on=D(2025, 6, 25),
        actor=world.secretary,
    )
    first, second = notice.deliveries.all()
    services.record_delivery(delivery=first, delivered_on=D(2025, 6, 27), actor=world.secretary)
    agreement.refresh_from_db()
    assert agreement.status == "in_force"  # not yet delivered to every party
    services.record_delivery(delivery=second, delivered_on=D(2025, 7, 1), actor=world.secretary)
    agreement.refresh_from_db()
    assert agreement.status == "notice_given"
    assert agreement.ends_on == D(2026, 12, 31)


def test_the_agreement_ends_after_its_end_date_and_by_repeal_of_the_law(agreement, world):
    sign_all(agreement, agreement.versions.get(), world.secretary)
    agreement.refresh_from_db()
    agreement.status, agreement.ends_on = "notice_given", D(2025, 12, 31)
    agreement.save()
    assert not services.end_if_due(agreement=agreement, today=D(2025, 12, 31), actor=None)
    assert services.end_if_due(agreement=agreement, today=D(2026, 1, 1), actor=None)
    other = Agreement.objects.create(
        cooperation=world.area.cooperation, title="Toinen", status="in_force", in_force_from=D(2025, 1, 1)
    )
    services.law_repealed(agreement=other, on=D(2027, 1, 1), actor=None)
    assert other.status == "ended"
    assert other.end_reason == "law_repealed"


@pytest.mark.parametrize(
    ("start", "to"), [("draft", "in_force"), ("ended", "in_force"), ("approved", "ended")]
)
def test_illegal_status_moves_are_refused(area, start, to):
    agreement = Agreement(cooperation=area.cooperation, title="X", status=start)
    with translation.override("fi"), pytest.raises(ValidationError) as info:
        agreement.move_to(to)
    assert "Sopimusta ei voi siirtää" in " ".join(str(m) for m in info.value.messages)


def test_a_dispute_gives_day_60_and_the_forum(agreement, world):
    parties = list(agreement.parties.all())
    dispute = services.request_negotiation(
        agreement=agreement,
        actor=world.secretary,
        requested_by=parties[0],
        requested_to=parties[1],
        requested_on=D(2025, 4, 2),
        kind="civil",
    )
    assert dispute.day_60 == D(2025, 6, 1)
    assert dispute.court_from == D(2025, 6, 2)
    assert dispute.forum == "Käräjäoikeus"


def test_an_editor_records_only_their_own_partys_signature(agreement, world, as_editor_a):
    page = as_editor_a.get(reverse("agreement-detail", args=[agreement.pk]))
    assert page.status_code == 200
    own = Signatory.objects.get(party__organisation=world.org_a)
    other = Signatory.objects.get(party__organisation=world.org_b)
    url = reverse("signature-create", args=[agreement.pk])
    data = {
        "version": agreement.versions.get().pk,
        "signed_on": "2025-04-10",
        "esignature_reference": "x",
        "confirm": "on",
    }
    assert as_editor_a.post(url, {**data, "signatory": other.pk}).status_code == 400
    assert as_editor_a.post(url, {**data, "signatory": own.pk}).status_code == 302
    assert list(Signature.objects.values_list("signatory", flat=True)) == [own.pk]


def test_a_member_cannot_record_a_signature(agreement, as_member):
    response = as_member.post(reverse("signature-create", args=[agreement.pk]), {"signed_on": "2025-04-10"})
    assert response.status_code == 403


def test_the_page_refuses_a_non_pdf_upload_in_finnish(agreement, world, as_editor_a):
    own = Signatory.objects.get(party__organisation=world.org_a)
    response = as_editor_a.post(
        reverse("signature-create", args=[agreement.pk]),
        {
            "version": agreement.versions.get().pk,
            "signatory": own.pk,
            "signed_on": "2025-04-10",
            "evidence": SimpleUploadedFile("scan.pdf", b"not a pdf"),
            "confirm": "on",
        },
    )
    assert response.status_code == 400
    assert "Skannauksen on oltava PDF-tiedosto." in response.text
    assert not Signature.objects.exists()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "termination", "date": "2025-06-30"}, {"end_date": "2025-12-31"}),
        ({"kind": "termination", "date": "2025-07-01"}, {"end_date": "2026-12-31"}),
        ({"kind": "dispute", "date": "2025-04-02"}, {"day_60": "2025-06-01", "court_from": "2025-06-02"}),
    ],
)
def test_the_api_answers_termination_and_dispute(client, db, query, expected):
    data = client.get(reverse("deadlines-api"), query).json()
    for key, value in expected.items():
        assert data[key] == value


@pytest.mark.parametrize("query", [{"kind": "termination"}, {"kind": "dispute", "date": "huomenna"}])
def test_the_api_refuses_bad_dates_with_400(client, db, query):
    assert client.get(reverse("deadlines-api"), query).status_code == 400


@pytest.fixture
def real_agreement(db):
    call_command("load_demo", verbosity=0)
    return Agreement.objects.get()


def test_the_real_agreement_carries_its_13_sections_and_signatories_as_written(real_agreement):
    version = real_agreement.versions.get()
    assert [s.number for s in version.sections.all()] == list(range(1, 14))
    assert version.sections.get(number=12).text.count("Hämeenlinnan hallinto-oikeuden") == 1
    written = [str(s) for s in Signatory.objects.filter(party__agreement=real_agreement)]
    assert "N.N., titteli" in written
    assert "Heikki Heilä, ratkaisukeskuksen päällikkö" in written
    assert real_agreement.copies_stated == 3
    assert real_agreement.status == "out_for_signature"


def test_the_signing_copy_says_for_signature_with_version_and_fingerprint_on_every_page(
    real_agreement, as_secretary, tmp_path
):
    # #28 item 5: the copy out for signature is no draft; each page names the version and its hash.
    from agreements.views import fingerprint

    url = reverse("agreement-pdf", args=[real_agreement.pk])
    text = pdf_text(as_secretary.get(url).content, tmp_path)
    digest = fingerprint(real_agreement, selectors.version_states(real_agreement))
    assert len(digest) == 64
    pages = [page for page in text.split("\x0c") if page.strip()]
    assert len(pages) > 1
    for page in pages:
        assert f"ALLEKIRJOITETTAVAKSI – versio 1 – SHA-256 {digest}" in " ".join(page.split())
    assert "LUONNOS" not in text
    section = real_agreement.versions.get().sections.get(number=12)
    section.text += " Muutettu."
    section.save()
    changed = Agreement.objects.get(pk=real_agreement.pk)
    assert fingerprint(changed, selectors.version_states(changed)) != digest


@pytest.mark.parametrize(
    ("status", "draft", "signing"),
    [("draft", True, False), ("approved", True, False), ("in_force", False, False)],
)
def test_a_draft_says_draft_and_an_agreement_in_force_neither(
    real_agreement, as_secretary, tmp_path, status, draft, signing
):
    in_force_from = D(2025, 4, 15) if status == "in_force" else None
    Agreement.objects.filter(pk=real_agreement.pk).update(status=status, in_force_from=in_force_from)
    text = pdf_text(as_secretary.get(reverse("agreement-pdf", args=[real_agreement.pk])).content, tmp_path)
    assert ("LUONNOS" in text) == draft
    assert ("ALLEKIRJOITETTAVAKSI" in text) == signing
    assert ("SHA-256" in text) == signing


def test_the_agreement_pdf_shows_the_signature_page(real_agreement, as_secretary, tmp_path):
    response = as_secretary.get(reverse("agreement-pdf", args=[real_agreement.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    for expected in [
        "Allekirjoitukset",
        "N.N., titteli",
        "Jori Reijula, kaupunginjohtaja",
        "1068366-0",
        "Erimielisyyksien ratkaiseminen",
        "käräjäoikeuden",
    ]:
        assert expected in text, expected
