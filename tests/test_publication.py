"""The public network (Kuntalaki § 140; #13 items 8 and 9): personal data comes off whole words with
their Finnish inflections, in any case, longest first, in titles, texts, annexes, Swedish and the feed;
a non-public section is listed as a confidential matter with its appeal instructions, its texts never
shown."""

import datetime

import pytest
import time_machine

from decisions import appeals, services

D = datetime.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Riitta Uosukainen esitteli.", "[henkilötieto poistettu] esitteli."),
        ("Esittelijänä RIITTA UOSUKAINEN.", "Esittelijänä [henkilötieto poistettu]."),
        ("Riitan kanssa", "[henkilötieto poistettu] kanssa"),  # the weak grade of Riitta (#28)
        ("Riitta ja Riittaa", "[henkilötieto poistettu] ja [henkilötieto poistettu]"),
        ("Jämsässä ja Jämsän", "[henkilötieto poistettu] ja [henkilötieto poistettu]"),
        ("Ajämsä", "Ajämsä"),  # not from a word's start
    ],
)
def test_personal_data_is_removed_by_whole_words_with_inflections(text, expected):
    assert appeals.redact(text, "Riitta\nRiitta Uosukainen\nJämsä") == expected


def test_a_confidential_section_is_listed_with_its_instructions_only(client, published):
    body, _public, secret = published
    listing = client.get(f"/public/{body.code}/").text
    assert "§ 2/2026 – salassa pidettävä asia" in listing
    assert "Salainen henkilöstöasia" not in listing
    page = client.get(f"/public/{body.code}/{secret.pk}/").text
    assert "Oikaisuvaatimusohje" in page or "oikaisuvaatimus" in page.lower()
    assert "Salassa pidettävä." not in page
    feed = client.get(f"/public/{body.code}/feed/").text
    assert "Salainen henkilöstöasia" not in feed


def test_after_the_appeal_period_the_name_is_gone_from_every_place(client, published):
    body, public, _secret = published
    with time_machine.travel(datetime.datetime(2026, 3, 5, 12, tzinfo=datetime.UTC), tick=False):
        assert "Liisa Virtasen" in client.get(f"/public/{body.code}/{public.pk}/").text
    with time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC), tick=False):
        page = client.get(f"/public/{body.code}/{public.pk}/").text
        listing = client.get(f"/public/{body.code}/").text
        feed = client.get(f"/public/{body.code}/feed/").text
    for text in (page, listing, feed):
        assert "Virtasen" not in text
    assert "[henkilötieto poistettu] hakemus" in page


def test_the_rectification_instructions_print_the_engines_numbers_and_the_dates(
    client, published, monkeypatch
):
    from decisions import deadlines

    body, public, _secret = published
    services.record_notification(
        item=public, actor=None, recipient="Kela", method="letter", sent_on=D(2026, 3, 5)
    )
    monkeypatch.setitem(deadlines.INSTRUCTION_DAYS, "rectification", 15)  # the text follows the engine
    page = client.get(f"/public/{body.code}/{public.pk}/").text
    assert "15 päivän kuluessa" in page
    assert "viimeistään määräajan viimeisenä päivänä" in page
    assert "yleiseen tietoverkkoon 4.3.2026" in page
    # the recipient's name and the send date belong in the recipient's own copy only (#28)
    assert "vastaanottajalle Kela:" not in page
    assert "5.3.2026" not in page


@pytest.mark.parametrize("day", [D(2026, 3, 10), D(2026, 12, 1)])  # within and after the appeal period
def test_a_notified_partys_name_never_appears_on_the_public_page_or_feed(client, published, day):
    body, public, _secret = published
    services.record_notification(
        item=public, actor=None, recipient="Matti Meikäläinen", method="letter", sent_on=D(2026, 3, 5)
    )
    with time_machine.travel(day):
        pages = [
            client.get(f"/public/{body.code}/{public.pk}/"),
            client.get(f"/public/{body.code}/"),
            client.get(f"/public/{body.code}/feed/"),
            client.get("/api/v1/decisions/"),
            client.get(f"/api/v1/decisions/{public.pk}/"),
        ]
    for response in pages:
        assert response.status_code == 200
        text = response.content.decode()
        assert "Meikäläi" not in text
        assert "5.3.2026" not in text


def test_the_swedish_instructions_never_pass_finnish_data_off_as_swedish(client, published):
    body, public, _secret = published
    body.claim_authority_fi = "kaupunginhallitus"  # the source's wording: never printed (#28)
    body.registry_closes_at = datetime.time(15)
    body.save()
    client.cookies["django_language"] = "sv"
    page = client.get(f"/public/{body.code}/{public.pk}/").text
    assert '<div lang="sv">' in page  # the instructions follow the reader's chosen language
    assert "Översättning som service" in page
    # The claim goes to the body itself (Kuntalaki § 134), its Finnish name marked as Finnish.
    assert '<span lang="fi">Lautakunta</span> (på finska) (kommunallagen 134 §)' in page
    assert "kaupunginhallitus" not in page
    assert "Registratorskontoret stänger kl. 15.00 på vardagar." in page
    body.name_sv = "Nämnden"
    body.save()
    page = client.get(f"/public/{body.code}/{public.pk}/").text
    assert "framställs hos det organ som fattat beslutet, Nämnden (kommunallagen 134 §)" in page
    assert "Översättning som service: organet" not in page


def test_the_instructions_name_the_body_itself_not_the_sources_authority(client, published):
    # Kuntalaki § 134: a claim against a board's own decision is made to the board (#28).
    body, public, _secret = published
    body.claim_authority_fi = "kaupunginhallitus"
    body.save()
    page = client.get(f"/public/{body.code}/{public.pk}/").text
    assert "Viranomainen, jolle oikaisuvaatimus tehdään, on Lautakunta (kuntalaki 134 §)." in page
    assert "kaupunginhallitus" not in page


def test_the_swedish_periods_cite_act_150_1930_by_its_swedish_name():
    from django.template.loader import render_to_string

    text = render_to_string("decisions/appeal/_periods_sv.html", {})
    assert "lagen om beräknande av laga termin 150/1930" in text
    assert "laggstadgade" not in text


def test_a_joint_bodys_instructions_name_its_member_municipalities(client, published):
    # Kuntalaki § 51, § 137 (2) (#13 item 3): the member municipalities and their members may also claim.
    from decisions import appeals as appeal_status
    from decisions.models import AgendaItem

    body, public, _secret = published
    body.joint_municipalities = "Jämsä\nKuhmoinen\n"
    body.save()
    page = client.get(f"/public/{body.code}/{public.pk}/").text
    assert "kuntien yhteinen toimielin" in page
    assert "Jämsä, Kuhmoinen" in page
    status = appeal_status.status(AgendaItem.objects.get(pk=public.pk))
    assert any("jäsenkunnat" in p.who or "member municipalities" in p.who for p in status.periods)
