"""#30 items 3 and 4: PAdES-signed agreements validated with pyHanko against a test PKI made here (a root,
an intermediate and signers under it; a self-signed signer; an expired certificate), signed with
pyHanko's signer API over the agreement's own signing copy."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from agreements import pades, services
from agreements.models import Agreement, AgreementParty, Section, Signatory, Signature, Version
from agreements.views import agreement_document
from archive.models import ArchivedDocument
from decisions.models import AgendaItem, Body, Meeting
from tests.conftest import client_for
from tests.pki import PKI

D = datetime.date


@pytest.fixture
def pki(tmp_path, settings):
    made = PKI(tmp_path)
    settings.SIGNATURE_TRUST_ROOTS = [str(made.root_path)]
    return made


@pytest.fixture
def agreement(group_world, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    body = Body.objects.create(area=world.area, code="board", name_fi="Lautakunta", kind="municipal")
    meeting = Meeting.objects.create(body=body, date=D(2025, 3, 18))
    decision = AgendaItem.objects.create(meeting=meeting, body=body, year=2025, number=16, title="Sopimus")
    agreement = Agreement.objects.create(
        cooperation=world.area.cooperation,
        title="Yhteistyösopimus",
        approving_decision=decision,
        status="out_for_signature",
    )
    names = ["Aino Allekirjoittaja", "Bertta Berg", "Kalle Kelalainen"]
    for n, (organisation, name) in enumerate(
        zip([world.org_a, world.org_b, group_world.kela], names, strict=True), start=1
    ):
        party = AgreementParty.objects.create(agreement=agreement, organisation=organisation, order=n)
        Signatory.objects.create(party=party, name_as_written=name, title_as_written="johtaja")
    version = Version.objects.create(agreement=agreement, number=1, kind="original")
    Section.objects.create(
        version=version, number=1, title="Osapuolet", text="Sopijaosapuolet sitoutuvat yhteistyöhön."
    )
    Section.objects.create(
        version=version,
        number=11,
        title="Voimassaolo",
        text="Sopimus on voimassa toistaiseksi.\n\nSen voi irtisanoa kirjallisesti.",
    )
    return agreement


@pytest.fixture
def copy(agreement):
    """The signing copy of version 1, as a party downloads it from the agreement's page."""
    return agreement_document(Agreement.objects.get(pk=agreement.pk))


def signer_a(pki, world, **kwargs):
    return pki.signer("Aino Allekirjoittaja", "Kaupunki A", world.org_a.business_id, **kwargs)


def kela_signer(pki, group_world):
    return pki.signer("Kalle Kelalainen", "Kansaneläkelaitos", group_world.kela.business_id)


def check(data, agreement):
    return pades.validate(data, expected=pades.signing_copy(Agreement.objects.get(pk=agreement.pk)))


def codes(report):
    return {p.code for p in report.problems} | {p.code for s in report.signatures for p in s.problems}


def test_a_signature_over_the_versions_copy_by_a_trusted_signer_is_valid(agreement, copy, pki, world):
    report = check(pki.sign(copy, signer_a(pki, world), field="A"), agreement)
    assert codes(report) == set()
    assert report.ok
    [signed] = report.signatures
    assert signed.signer_name == "Aino Allekirjoittaja"
    assert signed.business_id == world.org_a.business_id
    assert "Testi Organisaatiovarmenteet CA" in signed.issuer
    assert (signed.intact, signed.valid, signed.trusted) == (True, True, True)
    assert abs(signed.signing_time - datetime.datetime.now(datetime.UTC)) < datetime.timedelta(minutes=5)


def test_a_document_changed_after_signing_is_refused(agreement, copy, pki, world):
    signed = bytearray(pki.sign(copy, signer_a(pki, world), field="A"))
    start = signed.index(b"stream", 200) + 20  # one byte inside the first page's content, which is signed
    signed[start] ^= 0x01
    assert "not_intact" in codes(check(bytes(signed), agreement))


def test_a_page_changed_in_a_later_update_is_refused(agreement, copy, pki, world):
    from pyhanko.pdf_utils.generic import NumberObject, pdf_name
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    signed = pki.sign(copy, signer_a(pki, world), field="A")
    writer = IncrementalPdfFileWriter(io.BytesIO(signed), strict=False)
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page[pdf_name("/Rotate")] = NumberObject(90)  # the signed page turned after signing
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    report = check(out.getvalue(), agreement)
    assert not report.ok
    assert codes(report) & {"modified", "not_whole"}


def test_a_signature_over_another_version_is_refused(agreement, copy, pki, world):
    signed = pki.sign(copy, signer_a(pki, world), field="A")
    version = Version.objects.create(agreement=agreement, number=2, kind="amendment")
    Section.objects.create(
        version=version, number=11, title="Voimassaolo", text="Voimassa vuoden 2030 loppuun."
    )
    report = check(signed, agreement)
    assert codes(report) == {"fingerprint_missing"}
    assert report.expected.version == 2


def test_a_copy_carrying_the_fingerprint_over_other_text_is_refused(agreement, pki, world, monkeypatch):
    # A forger prints the version's true fingerprint on a text of their own: the text is compared too.
    from agreements import views

    true_digest = pades.signing_copy(agreement).fingerprint
    Section.objects.filter(number=11).update(text="Sopimus on voimassa vuoden loppuun.")
    monkeypatch.setattr(views, "fingerprint", lambda *args: true_digest)
    forged = agreement_document(Agreement.objects.get(pk=agreement.pk))
    monkeypatch.undo()
    Section.objects.filter(number=11).update(
        text="Sopimus on voimassa toistaiseksi.\n\nSen voi irtisanoa kirjallisesti."
    )
    report = check(pki.sign(forged, signer_a(pki, world), field="A"), agreement)
    assert codes(report) == {"text_differs"}
    assert "§ 11" in str(report.signatures[0].problems[0])


def test_a_self_signed_signer_is_not_trusted(agreement, copy, pki):
    report = check(pki.sign(copy, pki.self_signed("Aino Allekirjoittaja"), field="A"), agreement)
    assert codes(report) == {"untrusted"}
    assert not report.signatures[0].trusted


def test_a_signer_under_a_root_not_configured_is_not_trusted(agreement, copy, pki, world, settings, tmp_path):
    other = PKI(tmp_path / "..")  # another CA altogether
    settings.SIGNATURE_TRUST_ROOTS = [str(other.root_path)]
    assert codes(check(pki.sign(copy, signer_a(pki, world), field="A"), agreement)) == {"untrusted"}


def test_an_expired_certificate_is_refused(agreement, copy, pki, world):
    report = check(pki.sign(copy, signer_a(pki, world, expired=True), field="A"), agreement)
    assert "expired" in codes(report)
    assert not report.ok


def test_two_signatures_in_one_file_are_both_checked(agreement, copy, pki, world, group_world):
    both = pki.sign(pki.sign(copy, signer_a(pki, world), field="A"), kela_signer(pki, group_world), field="K")
    report = check(both, agreement)
    assert report.ok, report.lines()
    assert [s.signer_name for s in report.signatures] == ["Aino Allekirjoittaja", "Kalle Kelalainen"]
    assert [s.coverage for s in report.signatures] == ["ENTIRE_REVISION", "ENTIRE_FILE"]


def test_the_service_records_each_partys_signature_and_the_last_one_brings_it_into_force(
    agreement, copy, pki, world, group_world
):
    version = agreement.versions.get()
    parties = list(agreement.parties.order_by("order"))
    both = pki.sign(pki.sign(copy, signer_a(pki, world), field="A"), kela_signer(pki, group_world), field="K")
    recorded = services.record_pades_signatures(
        version=version, data=both, acting_for=[parties[0]], actor=world.editor_a
    )
    assert {s.signatory.party_id for s in recorded} == {parties[0].pk, parties[2].pk}
    first = recorded[0]
    assert first.signer_name == "Aino Allekirjoittaja"
    assert first.signed_on == datetime.datetime.now(datetime.UTC).astimezone().date() or first.signed_on
    assert first.validation_report["ok"] is True
    assert first.validation_report["field_name"] == "A"
    assert first.history.first().history_user == world.editor_a
    with pytest.raises(Exception, match="on jo kirjattu"):
        services.record_pades_signatures(version=version, data=both, acting_for=[parties[0]], actor=None)
    b_signed = pki.sign(
        copy, pki.signer("Bertta Berg", "Hyvinvointialue B", world.org_b.business_id), field="B"
    )
    services.record_pades_signatures(version=version, data=b_signed, acting_for=[parties[1]], actor=None)
    agreement.refresh_from_db()
    assert agreement.status == "in_force"


def test_a_file_without_a_signature_of_the_uploaders_party_is_refused(
    agreement, copy, pki, world, group_world
):
    kela_only = pki.sign(copy, kela_signer(pki, group_world), field="K")
    with pytest.raises(Exception, match="edustamasi osapuolen allekirjoitusta"):
        services.record_pades_signatures(
            version=agreement.versions.get(),
            data=kela_only,
            acting_for=[agreement.parties.get(organisation=world.org_a)],
            actor=None,
        )
    assert not Signature.objects.exists()


def test_a_certificate_of_an_organisation_that_is_not_a_party_is_refused(agreement, copy, pki, world):
    outsider = pki.signer("Aino Allekirjoittaja", "Muu organisaatio", world.other_org.business_id)
    with pytest.raises(Exception, match=world.other_org.business_id):
        services.record_pades_signatures(
            version=agreement.versions.get(),
            data=pki.sign(copy, outsider, field="A"),
            acting_for=list(agreement.parties.all()),
            actor=None,
        )


# The command: the report, and its exit status.


def run_command(path, *args):
    out = io.StringIO()
    try:
        call_command("validate_signed_pdf", str(path), *args, stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue()
    return 0, out.getvalue()


def test_the_command_exits_zero_only_for_a_valid_signature_of_the_agreements_version(
    agreement, copy, pki, world, tmp_path
):
    good = tmp_path / "good.pdf"
    good.write_bytes(pki.sign(copy, signer_a(pki, world), field="A"))
    status, out = run_command(good, "--agreement", str(agreement.pk))
    assert status == 0
    assert "Aino Allekirjoittaja" in out
    assert "Testi Organisaatiovarmenteet CA" in out
    assert pades.signing_copy(agreement).fingerprint in out
    assert run_command(good)[0] == 0  # the signatures alone, not compared with a version

    untrusted = tmp_path / "untrusted.pdf"
    untrusted.write_bytes(pki.sign(copy, pki.self_signed("Aino Allekirjoittaja"), field="A"))
    assert run_command(untrusted, "--agreement", str(agreement.pk))[0] == 1

    Section.objects.filter(number=11).update(text="Toinen teksti.")
    status, out = run_command(good, "--agreement", str(agreement.pk))
    assert status == 1
    assert "fingerprint" in out or "SHA-256" in out

    unsigned = tmp_path / "unsigned.pdf"
    unsigned.write_bytes(copy)
    assert run_command(unsigned)[0] == 1
    assert run_command(tmp_path / "missing.pdf")[0] == 2
    assert run_command(good, "--agreement", "999999")[0] == 2


# The portal: the upload on the agreement's page, its refusals, and the page showing the result.


def upload(client, agreement, data, name="signed.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("signed-pdf-upload", args=[agreement.pk]),
        {
            "signed-version": agreement.versions.get(number=1).pk,
            "signed-signed_pdf": SimpleUploadedFile(name, data, content_type="application/pdf"),
            "signed-confirm": "on",
        },
    )


def test_a_partys_editor_uploads_the_signed_pdf_and_the_page_shows_the_validated_signature(
    agreement, copy, pki, world, as_editor_a, as_member
):
    page = as_editor_a.get(reverse("agreement-detail", args=[agreement.pk]))
    assert reverse("signed-pdf-upload", args=[agreement.pk]) in page.content.decode()
    signed = pki.sign(copy, signer_a(pki, world), field="A")
    response = upload(as_editor_a, agreement, signed)
    assert response.status_code == 302
    signature = Signature.objects.get()
    assert signature.signatory.name_as_written == "Aino Allekirjoittaja"
    assert signature.signer_name == "Aino Allekirjoittaja"
    assert "Testi Organisaatiovarmenteet CA" in signature.certificate_issuer
    kept = ArchivedDocument.objects.get()
    assert kept.sha256 == signature.signed_pdf_sha256
    assert kept.file.read() == signed
    # Everyone who sees the agreement sees who signed, when, and under whose certificate.
    html = as_member.get(reverse("agreement-detail", args=[agreement.pk])).content.decode()
    assert "Aino Allekirjoittaja" in html
    assert "Testi Organisaatiovarmenteet CA" in html
    assert signature.signed_at.astimezone().strftime("%-d.%-m.%Y %H:%M") in html
    download = as_member.get(reverse("signed-pdf-download", args=[signature.pk]))
    assert b"".join(download.streaming_content) == signed


@pytest.mark.parametrize("who", ["outsider", "member", "editor_b_elsewhere"])
def test_only_someone_acting_for_a_party_may_upload_and_others_get_404(agreement, copy, pki, world, who):
    from organisations import services as rights

    user = {"outsider": world.outsider, "member": world.member, "editor_b_elsewhere": world.outsider}[who]
    if who == "editor_b_elsewhere":  # an editor, but for an organisation of another cooperation
        rights.make_editor(user, world.other_org, world.other_area.cooperation)
    response = upload(client_for(user), agreement, pki.sign(copy, signer_a(pki, world), field="A"))
    assert response.status_code == 404
    assert not Signature.objects.exists()


def encrypted(data):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt("salasana")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "kind", ["not_pdf", "huge", "encrypted", "polyglot", "unsigned", "untrusted", "garbage", "truncated"]
)
def test_an_odd_file_is_refused_with_a_clear_message_and_changes_nothing(
    agreement, copy, pki, world, as_editor_a, settings, kind
):
    signed = pki.sign(copy, signer_a(pki, world), field="A")
    if kind == "huge":
        settings.SIGNATURE_SCAN_MAX_BYTES = len(signed) + 1000
    data, message = {
        "not_pdf": (b"PK\x03\x04 not a pdf", "ei ole PDF"),
        "huge": (signed + b"\n%" + b"x" * 2000, "liian suuri"),
        "encrypted": (encrypted(signed), "salattu"),
        "polyglot": (signed + b"<html><script>alert(1)</script></html>", "aktiivista sisältöä"),
        "unsigned": (copy, "ei ole sähköistä allekirjoitusta"),
        "untrusted": (pki.sign(copy, pki.self_signed("Aino Allekirjoittaja"), field="A"), "luotettuun"),
        "garbage": (b"%PDF-1.7\n" + bytes(range(256)) * 40, "ei ole luettava PDF"),
        "truncated": (signed[: len(signed) // 2], "ei ole luettava PDF"),
    }[kind]
    response = upload(as_editor_a, agreement, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Signature.objects.exists()
    assert not ArchivedDocument.objects.exists()


def test_an_amendment_is_not_taken_as_a_signed_pdf(agreement, copy, pki, world):
    # Only the original's copy out for signature carries the fingerprint (#28 item 5).
    Agreement.objects.filter(pk=agreement.pk).update(status="in_force", in_force_from=D(2025, 4, 10))
    version = Version.objects.create(agreement=agreement, number=2, kind="amendment")
    Section.objects.create(version=version, number=11, title="Voimassaolo", text="Vuoden 2030 loppuun.")
    with pytest.raises(Exception, match="vain alkuperäisestä sopimuksesta"):
        services.record_pades_signatures(
            version=version,
            data=pki.sign(copy, signer_a(pki, world), field="A"),
            acting_for=list(agreement.parties.all()),
            actor=None,
        )


def test_the_signed_pdf_is_not_found_across_cooperations(agreement, copy, pki, world, as_editor_a):
    from organisations import services as rights

    upload(as_editor_a, agreement, pki.sign(copy, signer_a(pki, world), field="A"))
    signature = Signature.objects.get()
    url = reverse("signed-pdf-download", args=[signature.pk])
    rights.make_editor(world.outsider, world.other_org, world.other_area.cooperation)
    assert client_for(world.outsider).get(url).status_code == 404
    assert as_editor_a.get(url).status_code == 200
