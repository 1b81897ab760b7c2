"""The statement pages (#17 item 4): the accessibility statement (Act 306/2019 § 15) and the privacy
notice (GDPR Art. 13-14), public, in the reader's language, linked from every footer, kept by the
administrator with their history."""

import datetime

import pytest
from django.urls import reverse

from statements.models import StatementPage
from statements.views import Block, blocks


def test_the_accessibility_statement_names_the_axe_test_and_its_result(client, db):
    page = client.get(reverse("accessibility-statement"))
    assert page.status_code == 200
    text = page.text
    assert "<h1>Saavutettavuusseloste</h1>" in text
    assert "axe-core" in text
    assert "tests/test_accessibility.py" in text
    assert "0 axe-virhettä" in text
    assert "Valvontaviranomainen" in text  # the supervising authority (Act 306/2019 § 15)
    assert "14 päivän kuluessa" in text  # the answer to a request (§ 16)
    assert "Ylläpitonäkymässä" in text  # a known gap, said openly
    assert "tests/test_admin_accessibility.py" in text


def test_the_privacy_notice_says_controllers_purposes_bases_retention_and_rights(client, db):
    text = client.get(reverse("privacy-notice")).text
    for heading in (
        "Rekisterinpitäjät",
        "Käsittelyn tarkoitukset",
        "Käsittelyn oikeusperuste",
        "Säilytysajat",
    ):
        assert f"<h2>{heading}</h2>" in text
    assert "Rekisteröidyn oikeudet" in text
    assert "tietosuojavaltuutetun" in text


@pytest.mark.parametrize(
    ("language", "title"), [("sv", "Tillgänglighetsutlåtande"), ("en", "Accessibility statement")]
)
def test_the_statement_is_read_in_the_readers_language(client, db, language, title):
    client.cookies["django_language"] = language
    text = client.get(reverse("accessibility-statement")).text
    assert f"<h1>{title}</h1>" in text
    assert f'<article lang="{language}"' in text


def test_a_missing_translation_shows_the_finnish_text_marked_as_finnish(client, db):
    StatementPage.objects.filter(kind="privacy").update(body_sv="", title_sv="")
    client.cookies["django_language"] = "sv"
    text = client.get(reverse("privacy-notice")).text
    assert '<article lang="fi"' in text
    assert "<h1>Tietosuojaseloste</h1>" in text


@pytest.mark.parametrize("url", ["/accounts/login/", "/accessibility/", "/deadlines/"])
def test_every_footer_links_both_statements(client, db, url):
    text = client.get(url).text
    assert f'href="{reverse("accessibility-statement")}"' in text
    assert f'href="{reverse("privacy-notice")}"' in text


def test_the_logged_in_front_page_footer_links_them_too(as_secretary):
    text = as_secretary.get(reverse("dashboard")).text
    assert f'href="{reverse("accessibility-statement")}"' in text


def test_the_contact_is_the_deployers_own_and_its_absence_is_said(client, db):
    assert (
        "yhteystietoja ei ole vielä kirjattu" in client.get(reverse("accessibility-statement")).text.lower()
    )
    StatementPage.objects.filter(kind="accessibility").update(contact="Jämsän kaupunki\nkirjaamo@jamsa.fi")
    assert "kirjaamo@jamsa.fi" in client.get(reverse("accessibility-statement")).text


def test_the_administrators_text_is_shown_never_run(client, db):
    StatementPage.objects.filter(kind="privacy").update(body_fi="## Otsikko\n\n<script>alert(1)</script>")
    text = client.get(reverse("privacy-notice")).text
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;" in text


def test_an_edit_in_the_admin_keeps_its_history(admin_client, db):
    statement = StatementPage.objects.get(kind="accessibility")
    url = reverse("admin:statements_statementpage_change", args=[statement.pk])
    data = {
        "kind": "accessibility",
        "reviewed_on": "2026-12-01",
        "contact": "kirjaamo@example.fi",
        "title_fi": statement.title_fi,
        "body_fi": statement.body_fi + "\n\nLisäys.",
        "title_sv": statement.title_sv,
        "body_sv": statement.body_sv,
        "title_en": statement.title_en,
        "body_en": statement.body_en,
    }
    assert admin_client.post(url, data).status_code == 302
    statement.refresh_from_db()
    assert statement.reviewed_on == datetime.date(2026, 12, 1)
    [change] = statement.history.all()  # the migration's first text has no history row of its own
    assert change.history_user.username == "admin"
    assert change.body_fi.endswith("Lisäys.")


def test_a_statement_not_yet_written_is_not_found(client, db):
    StatementPage.objects.filter(kind="privacy").delete()
    assert client.get(reverse("privacy-notice")).status_code == 404


def test_the_text_becomes_headings_paragraphs_and_lists():
    text = "## Otsikko\n\nEnsimmäinen rivi\njatkuu.\n\n- yksi\n- kaksi\n\n\n"
    assert blocks(text) == [
        Block("h2", "Otsikko"),
        Block("p", "Ensimmäinen rivi jatkuu."),
        Block("ul", items=("yksi", "kaksi")),
    ]
