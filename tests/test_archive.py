"""The document archive (#18 item 2): documents rendered again from the records as PDF/A-3b, with the
records metadata the law asks for held by database constraints; shared by role; every download in
the disclosure log; a refused document leaves neither a row nor a file."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import Client
from pypdf import PdfReader

from archive import services
from archive.models import ArchivedDocument
from auditlog.models import AuditEvent
from tests.test_agreement_lifecycle import approving, draft  # noqa: F401

META = {
    "title": "Pöytäkirja 4.3.2026",
    "case": "TYM/12/2026",
    "publicity": "public",
    "secrecy_basis": "",
    "retention_years": None,
    "permanent": True,
    "audience": "everyone",
}


def archived(world, published, **changes) -> ArchivedDocument:
    _body, public, _secret = published
    return services.archive(
        cooperation=world.area.cooperation,
        kind="minutes",
        source=public.meeting,
        actor=world.secretary,
        **{**META, **changes},
    )


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_minutes_are_kept_as_pdf_a_3b_readable_back(world, published):
    document = archived(world, published)
    data = document.file.open("rb").read()
    reader = PdfReader(io.BytesIO(data))
    assert reader.xmp_metadata.pdfaid_part == "3"
    assert reader.xmp_metadata.pdfaid_conformance == "B"
    intent = reader.trailer["/Root"]["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    assert "/DestOutputProfile" in intent
    assert "Liisa Virtasen hakemus" in "".join(page.extract_text() for page in reader.pages)
    assert document.pdf_variant == "PDF/A-3b"
    assert document.size == len(data)
    import hashlib

    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.history.get().history_user == world.secretary


def test_an_uploaded_annex_must_be_pdf_a_and_plain(world, published):
    from weasyprint import HTML

    plain = HTML(string="<p>Liite</p>").write_pdf()
    with pytest.raises(ValidationError) as refused:
        services.archive(
            cooperation=world.area.cooperation,
            kind="annex",
            actor=world.secretary,
            upload=SimpleUploadedFile("liite.pdf", plain),
            **META,
        )
    assert "PDF/A" in str(refused.value)
    pdfa = HTML(string="<p>Liite</p>").write_pdf(pdf_variant="pdf/a-2b")
    document = services.archive(
        cooperation=world.area.cooperation,
        kind="annex",
        actor=world.secretary,
        upload=SimpleUploadedFile("liite.pdf", pdfa),
        **META,
    )
    assert document.pdf_variant == "PDF/A-2b"
    with pytest.raises(ValidationError):
        services.archive(
            cooperation=world.area.cooperation,
            kind="report",
            actor=world.secretary,
            upload=SimpleUploadedFile("x.pdf", b"%PDF-1.4 nonsense"),
            **META,
        )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"publicity": "secret", "secrecy_basis": ""}, "secrecy basis"),
        ({"publicity": "public", "secrecy_basis": "JulkL 24 § 1 mom. 25 k"}, "secrecy basis"),
        ({"permanent": False, "retention_years": None}, "retention"),
        ({"permanent": False, "retention_years": 500}, "retention"),
        ({"case": ""}, "case"),
    ],
)
def test_records_metadata_is_refused_incomplete_and_nothing_is_left_behind(world, published, changes, field):
    before = set(default_storage.listdir("archive")[1]) if default_storage.exists("archive") else set()
    with pytest.raises(ValidationError):
        archived(world, published, **changes)
    assert not ArchivedDocument.objects.exists()
    after = set(default_storage.listdir("archive")[1]) if default_storage.exists("archive") else set()
    assert after == before


def test_the_database_holds_the_secrecy_rule_too(world, published):
    document = archived(world, published)
    with pytest.raises(IntegrityError), transaction.atomic():
        ArchivedDocument.objects.filter(pk=document.pk).update(publicity="secret")


def test_documents_are_shared_by_role(world, published):
    everyone = archived(world, published)
    parties = archived(world, published, audience="parties", title="Osapuolille")
    secret = archived(
        world, published, audience="secretaries", publicity="secret", secrecy_basis="JulkL 24 § 1 mom. 32 k"
    )
    expected = {
        world.secretary: {everyone, parties, secret},
        world.editor_a: {everyone, parties},
        world.member: {everyone},
    }
    code = world.area.cooperation.code
    for user, shown in expected.items():
        client = client_of(user)
        page = client.get(f"/cooperations/{code}/archive/")
        assert set(page.context["documents"]) == shown, user.username
        for document in (everyone, parties, secret):
            status = client.get(f"/archive/{document.pk}/file.pdf").status_code
            assert status == (200 if document in shown else 404), (user.username, document.audience)
    assert client_of(world.outsider).get(f"/cooperations/{code}/archive/").status_code == 404


def test_a_download_is_in_the_disclosure_log(world, published):
    document = archived(world, published)
    response = client_of(world.member).get(f"/archive/{document.pk}/file.pdf")
    assert response["Content-Disposition"].startswith("attachment")
    event = AuditEvent.objects.filter(action="disclose").latest("pk")
    assert event.user == world.member
    assert event.target == f"/archive/{document.pk}/file.pdf"


def test_the_secretary_archives_from_the_page_and_an_editor_cannot(world, published):
    _body, public, _secret = published
    code = world.area.cooperation.code
    data = {
        **META,
        "permanent": "on",
        "retention_years": "",
        "kind": "minutes",
        "source": f"meeting:{public.meeting_id}",
    }
    refused = client_of(world.editor_a).post(f"/cooperations/{code}/archive/", data)
    assert refused.status_code == 403
    wrong = client_of(world.secretary).post(f"/cooperations/{code}/archive/", {**data, "kind": "agreement"})
    assert wrong.status_code == 400
    assert not ArchivedDocument.objects.exists()
    made = client_of(world.secretary).post(f"/cooperations/{code}/archive/", data)
    assert made.status_code == 302
    document = ArchivedDocument.objects.get()
    assert document.source == f"meeting:{public.meeting_id}"
    assert document.archived_by == world.secretary


def test_the_secretary_changes_the_archive_status_with_history(world, published):
    document = archived(world, published)
    client = client_of(world.secretary)
    data = {**META, "permanent": "on", "retention_years": "", "status": "transferred"}
    assert client.post(f"/archive/{document.pk}/edit/", data).status_code == 302
    document.refresh_from_db()
    assert document.status == "transferred"
    assert document.history.count() == 2
    assert client_of(world.editor_a).post(f"/archive/{document.pk}/edit/", data).status_code == 403


def test_an_agreement_is_kept_with_its_signature_page(world, draft, approving):  # noqa: F811
    import datetime

    from agreements import services as agreements
    from tests.test_agreement_lifecycle import name_signatories

    agreements.approve(agreement=draft, decision=approving, actor=world.secretary)
    signatories = name_signatories(draft, world.secretary)
    agreements.send_for_signature(agreement=draft, actor=world.secretary)
    agreements.record_signature(
        version=draft.versions.get(),
        signatory=signatories[world.org_a.pk],
        signed_on=datetime.date(2026, 2, 12),
        esignature_reference="E-1",
        actor=world.secretary,
    )
    document = services.archive(
        cooperation=world.area.cooperation,
        kind="agreement",
        source=draft,
        actor=world.secretary,
        **{**META, "title": "Yhteistyösopimus"},
    )
    reader = PdfReader(document.file.open("rb"))
    text = "".join(page.extract_text() for page in reader.pages)
    assert reader.xmp_metadata.pdfaid_part == "3"
    assert f"Johtaja {world.org_a}" in text
    assert "12.2.2026" in text
