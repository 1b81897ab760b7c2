"""The minutes as a Finnish municipal body's pöytäkirja (#28 item 3), rendered: heading with the
meeting's number, date, times and place; attendance by role; signatures of the chair and the
secretary and the checkers' certification; the legality and quorum section; each section with its
proposal, decision and instructions. The copy on the public network carries no signature lines but
the checking date. The first real case prints what its source has and says what it lacks."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from decisions import services
from decisions.models import AgendaItem, Body
from organisations.models import Person
from tests.tools import pdf_text

D = datetime.date


@pytest.fixture
def recorded(world):
    """A meeting recorded in full in the portal's services, then checked and published."""
    actor = world.secretary
    body = Body.objects.create(
        area=world.area, code="lautakunta", name_fi="Työllisyyslautakunta", kind="municipal", notice_days=4
    )

    def person(first, last, title=""):
        return Person.objects.create(organisation=world.org_a, first_name=first, last_name=last, title=title)

    chair, member, checker_a, checker_b = (
        person("Paula", "Puheenjohtaja"),
        person("Jussi", "Jäsen"),
        person("Tiina", "Tarkastaja"),
        person("Teemu", "Tarkastaja"),
    )
    absent, deputy = person("Pekka", "Poissa"), person("Vilma", "Varajäsen")
    secretary = person("Sanna", "Sihteeri", "hallintosihteeri")
    meeting = services.create_meeting(
        body=body,
        actor=actor,
        number="3/2025",
        date=D(2025, 3, 18),
        starts_at=datetime.time(15),
        ends_at=datetime.time(16, 30),
        place="Kaupungintalo, valtuustosali",
        invited_on=D(2025, 3, 12),
        invitation="Kokouskutsu ja esityslista lähetettiin sähköpostitse jäsenille ja varajäsenille.",
        opening_number=14,
        member_count=7,
        chair=chair,
        secretary=secretary,
    )
    for p in (chair, member, checker_a, checker_b):
        services.record_attendance(meeting=meeting, actor=actor, person=p, capacity="member")
    services.record_attendance(meeting=meeting, actor=actor, person=absent, capacity="absent")
    services.record_attendance(
        meeting=meeting, actor=actor, person=deputy, capacity="deputy", substitutes_for=absent
    )
    services.record_attendance(
        meeting=meeting, actor=actor, person=secretary, capacity="other", role="pöytäkirjanpitäjä"
    )
    item = services.add_item(
        meeting=meeting, actor=actor, title="Talousarvion seuranta", proposal="Merkitään tiedoksi."
    )
    services.record_decision(
        item=item,
        outcome="as_proposed",
        decision="Ehdotus hyväksyttiin.",
        decision_sv="",
        actor=actor,
        parts=[("rectification", "", "")],
        today=D(2025, 3, 18),
    )
    services.check_minutes(
        meeting=meeting, checkers=[checker_a, checker_b], checked_on=D(2025, 3, 20), actor=actor
    )
    services.publish_minutes(meeting=meeting, published_on=D(2025, 3, 21), actor=actor)
    return meeting


def _pages(response, tmp_path) -> list[str]:
    assert response.status_code == 200, response.status_code
    return pdf_text(response.content, tmp_path).split("\f")


def test_the_minutes_carry_heading_attendance_signatures_legality_and_each_section(
    recorded, as_secretary, tmp_path
):
    as_secretary.cookies["django_language"] = "en"  # the body's Finnish decides, not the reader
    pages = _pages(as_secretary.get(reverse("minutes-pdf", args=[recorded.pk])), tmp_path)
    text = "\n".join(pages)
    for expected in [
        "PÖYTÄKIRJA 3/2025",
        "tiistai 18.3.2025, 15.00–16.30",
        "Kaupungintalo, valtuustosali",
        "Paula Puheenjohtaja, puheenjohtaja",
        "Vilma Varajäsen (jäsenen Pekka Poissa sijaan)",
        "Pekka Poissa",
        "Sanna Sihteeri, sihteeri",
        "Teemu Tarkastaja, Tiina Tarkastaja",
        "Allekirjoitukset",
        "pöytäkirjan tarkastaja",
        "Pöytäkirja on tarkastettu ja hyväksytty 20.3.2025.",
        "Pöytäkirja on asetettu nähtäväksi yleiseen tietoverkkoon 21.3.2025",
        "§ 14 Kokouksen laillisuus ja päätösvaltaisuus",
        "Kokouskutsu on lähetetty 12.3.2025.",
        "kuntalaki 90 §",
        "kuntalaki 103 § 1 mom.",
        "Läsnä 5/7 jäsentä",
        "Kokous on laillisesti koolle kutsuttu ja päätösvaltainen.",
        "§ 15 Pöytäkirjan tarkastajien valinta",
        "§ 16 Talousarvion seuranta",
        "Ehdotus",
        "Päätös",
        "Oikaisuvaatimusohjeet",
    ]:
        assert expected in text, expected
    # Page 1 is not mostly empty: the heading, attendance, signatures and checking record are on it.
    for on_first_page in [
        "PÖYTÄKIRJA 3/2025",
        "Läsnä olleet jäsenet",
        "Allekirjoitukset",
        "Pöytäkirjan tarkastus",
    ]:
        assert on_first_page in pages[0], on_first_page


def test_the_copy_on_the_public_network_has_the_checking_date_and_no_signature_lines(
    recorded, client, tmp_path
):
    url = reverse("public-minutes-pdf", args=[recorded.body.code, recorded.pk])
    text = "\n".join(_pages(client.get(url), tmp_path))
    assert "yleiseen tietoverkkoon asetettu kappale" in text
    assert "Pöytäkirja on tarkastettu ja hyväksytty 20.3.2025." in text
    assert "ei ole allekirjoituksia" in text
    assert "pöytäkirjan tarkastaja" not in text  # the label under a checker's signature line
    assert "Puheenjohtaja: Paula Puheenjohtaja" in text  # named, not signed


def test_unpublished_minutes_have_no_public_copy(recorded, world, client):
    draft = services.create_meeting(body=recorded.body, actor=world.secretary, date=D(2025, 4, 1))
    assert client.get(reverse("public-minutes-pdf", args=[recorded.body.code, draft.pk])).status_code == 404
    assert client.get(reverse("public-minutes-pdf", args=["other", recorded.pk])).status_code == 404


def test_the_first_case_prints_what_its_source_has_and_says_what_it_lacks(db, client, tmp_path):
    call_command("load_demo", verbosity=0)
    client.force_login(_secretary())
    item = AgendaItem.objects.get(year=2025, number=16)
    text = "\n".join(_pages(client.get(reverse("minutes-pdf", args=[item.meeting_id])), tmp_path))
    for expected in [
        "PÖYTÄKIRJA",
        "Kokouksen numeroa ei ole kirjattu.",
        "päivää ei kirjattu",
        "Kokouksen laillisuutta ja päätösvaltaisuutta ei voida todeta kirjatuista tiedoista.",
        "tarkastuspäivää ei ole kirjattu",
        "Pöytäkirja on asetettu nähtäväksi yleiseen tietoverkkoon 26.3.2025",
        "Ehdotus – Satu Soutolahti, työllisyysaluejohtaja",
        "Viranomainen, jolle oikaisuvaatimus tehdään, on Eteläisen Keski-Suomen työllisyysaluelautakunta",
        "Joutsa, Jämsä, Keuruu, Luhanka, Multia, Mänttä-Vilppula, Petäjävesi, Toivakka",
    ]:
        assert expected in " ".join(text.split()), expected
    flat = " ".join(text.split())
    assert "päivää ei kirjattu (alkamis- ja päättymisaikaa ei ole kirjattu)" in flat  # no invented time
    assert "Läsnä olleet jäsenet ei kirjattu" in flat  # no invented attendance
    assert "Läsnä 0" not in flat


def _secretary():
    from django.contrib.auth import get_user_model

    from organisations import access

    user = get_user_model().objects.create_user("minutes-reader", password="x")
    access.make_secretary(user)
    return user


def test_the_first_cases_public_copy_has_no_personal_name_after_the_period(db, client, tmp_path):
    call_command("load_demo", verbosity=0)
    item = AgendaItem.objects.get(year=2025, number=16)
    url = reverse("public-minutes-pdf", args=[item.body.code, item.meeting_id])
    text = " ".join(pdf_text(client.get(url).content, tmp_path).split())
    assert "Pöytäkirja on asetettu nähtäväksi yleiseen tietoverkkoon 26.3.2025" in text
    for name in ["Satu Soutolahti", "Ulla Kuittu", "Tommi Hallikainen"]:  # the period ended in April 2025
        assert name not in text, name
