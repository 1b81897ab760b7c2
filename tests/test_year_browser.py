"""A cooperation's year in Chromium, in Finnish, from the front page, without the admin site and without
the demo loader: a board meeting with two sections is prepared, held, checked, published and notified,
and its extract downloads; the agreement goes from draft to in force; objectives with an indicator are
set and followed up; staffing is assessed; a leading person is named; a development day is costed,
split and invoiced. What each page shows afterwards is asserted.

With TYM_SCREENSHOTS=1 the test saves the README's screenshots to docs/screenshots/."""

import datetime
import os
import re
from pathlib import Path

import pytest
from django.utils import timezone

from tests.browser import assert_accessible, log_in
from tests.tools import pdf_bytes

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
PDF = pdf_bytes()


def shot(page, name: str) -> None:
    if os.environ.get("TYM_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def iso(day: datetime.date) -> str:
    return day.isoformat()


def fi(day: datetime.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def save(page):
    page.get_by_role("button", name="Tallenna").first.click()


def link(page, text: str):
    page.get_by_role("link", name=re.compile(re.escape(text))).first.click()


@pytest.fixture
def cooperation(world):
    """What exists before the year: the parties, their people, the board and the steering group."""
    from decisions.models import Body
    from governance.models import SteeringGroup
    from tests.factories import PersonFactory

    today = timezone.localdate()
    start = today.replace(year=today.year - 1, month=1, day=1)
    Body.objects.create(
        area=world.area, code="tyollisyyslautakunta", name_fi="Työllisyyslautakunta", kind="municipal"
    )
    group = SteeringGroup.objects.create(
        cooperation=world.area.cooperation,
        term_start=start,
        term_end=start.replace(year=start.year + 5) - datetime.timedelta(days=1),
    )
    people = {
        "chair": PersonFactory(organisation=world.org_a, first_name="Paula", last_name="Puheenjohtaja"),
        "secretary": PersonFactory(organisation=world.org_a, first_name="Sami", last_name="Sihteeri"),
        "member": PersonFactory(organisation=world.org_b, first_name="Jaana", last_name="Jäsen"),
        "leader": PersonFactory(organisation=world.org_a, first_name="Johanna", last_name="Johtaja"),
    }
    return group, people


def test_a_cooperation_year_in_the_portal(page, world, cooperation, live_server):
    group, _people = cooperation
    today = timezone.localdate()
    meeting_day = today - datetime.timedelta(days=20)
    checked_day = meeting_day + datetime.timedelta(days=2)
    published_day = meeting_day + datetime.timedelta(days=3)
    signed_day = meeting_day + datetime.timedelta(days=5)

    log_in(page, "secretary")
    page.get_by_role("link", name=world.area.cooperation.name_fi, exact=True).first.click()
    page.get_by_role("link", name=world.area.name_fi, exact=True).first.click()

    # 1. A board meeting: created, agenda of two sections, attendance, decisions.
    link(page, "Uusi kokous")
    page.fill("#id_date", iso(meeting_day))
    page.fill("#id_starts_at", "14:00")
    page.fill("#id_place", "Kaupungintalo")
    page.fill("#id_member_count", "3")
    page.select_option("#id_chair", label="Paula Puheenjohtaja")
    page.select_option("#id_secretary", label="Sami Sihteeri")
    save(page)
    page.get_by_text("Kokous luotiin").wait_for()
    for title, proposal in [
        ("Yhteistyösopimuksen hyväksyminen", "Lautakunta hyväksyy yhteistyösopimuksen."),
        ("Vuoden tavoitteet", "Lautakunta merkitsee tavoitteet tiedoksi."),
    ]:
        link(page, "Lisää pykälä esityslistalle")
        page.fill("#id_title", title)
        page.fill("#id_proposal", proposal)
        save(page)
    meeting_url = page.url
    agenda = page.request.get(
        page.get_by_role("link", name="Esityslista PDF-tiedostona").get_attribute("href")
    )
    assert agenda.headers["content-type"] == "application/pdf"
    link(page, "Kirjaa läsnäolijat")  # one checklist for everyone present (#29 item 4)
    for person in ["Paula Puheenjohtaja", "Jaana Jäsen"]:
        page.get_by_role("checkbox", name=re.compile(f"^{person}")).check()
    assert_accessible(page)
    page.get_by_role("button", name="Kirjaa rastitetut").click()
    page.get_by_text("2 henkilöä kirjattiin").wait_for()
    page.get_by_text("päätösvaltainen: läsnä 2 / 3 jäsentä").wait_for()
    for section in ["§ 1", "§ 2"]:
        row = page.locator("tr", has_text=f"{section}/{meeting_day.year}")
        row.get_by_role("link", name=re.compile("^Kirjaa päätös")).click()
        page.select_option("#id_outcome", value="as_proposed")
        page.select_option("#id_part1_kind", value="rectification")
        if section == "§ 1":
            assert_accessible(page)
        save(page)
        page.get_by_text("Päätös kirjattiin").wait_for()
    shot(page, "year-1-meeting")
    assert_accessible(page)

    # 2. Checked, published after confirmation (then locked), notified; the extract downloads.
    for person in ["Paula Puheenjohtaja", "Jaana Jäsen"]:  # checkboxes (#29 item 4)
        page.locator("#id_checkers").get_by_label(person).check()
    page.fill("#id_checked_on", iso(checked_day))
    page.get_by_role("button", name="Kirjaa tarkastus").click()
    link(page, "Julkaise pöytäkirja")
    page.fill("#id_published_on", iso(published_day))
    page.get_by_role("button", name="Julkaise pöytäkirja").click()
    assert "/publish/" in page.url  # not confirmed: nothing published
    assert_accessible(page)
    page.check("#id_confirm")
    page.get_by_role("button", name="Julkaise pöytäkirja").click()
    page.get_by_text("Pöytäkirja on yleisessä tietoverkossa ja lukittu").wait_for()
    assert page.get_by_role("link", name="Lisää pykälä esityslistalle").count() == 0
    page.get_by_role("link", name="Yhteistyösopimuksen hyväksyminen").click()
    page.get_by_text("Kirjaa tiedoksianto").click()
    page.fill("#id_recipient", "Hyvinvointialue B")
    page.select_option("#id_method", value="letter")
    page.fill("#id_sent_on", iso(published_day))
    page.locator("form[action$='/notifications/'] button").click()
    page.get_by_text("Hyvinvointialue B:").first.wait_for()
    link(page, "Todista ote oikeaksi")
    page.fill("#id_place", "Jyväskylä")
    page.select_option("#id_certified_by", label="Sami Sihteeri")
    save(page)
    extract = page.request.get(
        page.get_by_role("link", name="Oikeaksi todistettu ote PDF-tiedostona").get_attribute("href")
    )
    assert extract.headers["content-type"] == "application/pdf"
    item_url = page.url

    # 3. The agreement: drafted, written, approved by § 1, signatories named, sent out, signed, in force.
    page.goto(f"/cooperations/{world.area.cooperation.code}/")
    link(page, "Uusi sopimusluonnos")
    page.fill("#id_title", "Yhteistyösopimus")
    save(page)
    link(page, "Lisää pykälä")
    page.fill("#id_title", "Sopimuksen voimassaolo")
    page.fill("#id_text", "Sopimus tulee voimaan, kun kaikki osapuolet ovat allekirjoittaneet sen.")
    save(page)
    link(page, "Kirjaa hyväksymispäätös")
    page.select_option(
        "#id_decision", label=f"Työllisyyslautakunta § 1/{meeting_day.year} Yhteistyösopimuksen hyväksyminen"
    )
    save(page)
    page.get_by_text("Hyväksyminen kirjattiin").wait_for()
    for organisation, name in [
        (world.org_a, "Kalle Kaupunginjohtaja"),
        (world.org_b, "Hanna Hyvinvointijohtaja"),
    ]:
        link(page, "Nimeä osapuolesi allekirjoittaja")
        page.select_option("#id_party", label=organisation.name_fi)
        page.fill("#id_name_as_written", name)
        save(page)
    link(page, "Lähetä allekirjoitettavaksi")
    page.check("#id_confirm")
    page.get_by_role("button", name="Lähetä allekirjoitettavaksi").click()
    page.get_by_text("Sopimus on allekirjoitettavana").wait_for()
    for name in ["Kalle Kaupunginjohtaja", "Hanna Hyvinvointijohtaja"]:
        page.get_by_text("Kirjaa osapuolesi allekirjoitus").click()
        # The only version is already chosen (#29 item 4: the obvious choice preselected).
        assert page.locator("#id_version option").count() == 1
        page.select_option("#id_signatory", label=name)
        page.fill("#id_signed_on", iso(signed_day))
        page.set_input_files(
            "#id_evidence", {"name": "allekirjoitus.pdf", "mimeType": "application/pdf", "buffer": PDF}
        )
        page.check("#id_confirm")
        page.locator("form[action$='/signatures/'] button").click()
        page.get_by_text("Allekirjoitus kirjattiin").wait_for()
    assert page.locator(".stages [aria-current=step]").inner_text() == "voimassa"
    page.get_by_text(f"voimassa {fi(signed_day)} alkaen").first.wait_for()
    shot(page, "year-2-agreement")
    assert_accessible(page)

    # 4. Objectives: proposed, set by the group, an indicator followed up; staffing assessed.
    page.goto(f"/groups/{group.pk}/")
    link(page, "Tavoitteet ja henkilöstö")
    link(page, "Ehdota tavoitetta")
    page.fill("#id_title", "Nuorten työllistyminen")
    page.get_by_label(world.org_a.name_fi).check()
    save(page)
    link(page, "Kirjaa johtoryhmän päätös")
    page.fill("#id_set_on", iso(meeting_day))
    save(page)
    link(page, "Lisää mittari")
    page.fill("#id_name", "Työllistyneet nuoret")
    page.fill("#id_unit", "henkilöä")
    page.fill("#id_baseline", "40")
    page.fill("#id_target", "60")
    save(page)
    link(page, "Kirjaa seurantatieto")
    page.fill("#id_measured_on", iso(today))
    page.fill("#id_value", "52")
    save(page)
    link(page, "Päivitä seurannan tila")
    page.select_option("#id_status", value="on_track")
    save(page)
    link(page, "Arvioi henkilöstön riittävyys")
    # An HDS radio button is drawn on its label, which takes the click as a user's would.
    page.locator("label.hds-radio-button__label", has_text=re.compile("^riittävä$")).click()
    assert page.get_by_label("riittävä", exact=True).is_checked()
    page.fill("#id_reasons", "Asiakkaita henkilötyövuotta kohden alle tavoitetason.")
    page.fill("#id_assessed_on", iso(today))
    save(page)
    page.get_by_text("Henkilöstön riittävyyden arvio kirjattiin").wait_for()
    body = page.locator("main").inner_text()
    assert "Nuorten työllistyminen" in body
    assert "etenee" in body
    assert "52" in body
    shot(page, "year-3-objectives")
    assert_accessible(page)

    # 5. The leading person, from the group page.
    page.goto(f"/groups/{group.pk}/")
    link(page, "Nimeä johtava henkilö tai varahenkilö")
    page.select_option("#id_capacity", value="leading")
    page.select_option("#id_person", label="Johanna Johtaja")
    page.fill("#id_approved_on", iso(meeting_day))
    page.fill("#id_named_on", iso(checked_day))
    page.fill("#id_term_start", iso(signed_day))
    page.select_option("#id_administrative_employer", label=world.org_a.name_fi)
    save(page)
    page.get_by_text("Nimeäminen kirjattiin").wait_for()
    assert "Johanna Johtaja" in page.locator("section[aria-labelledby=leadership-heading]").inner_text()

    # 6. A development day: costed, registered, split and invoiced, sent and paid.
    link(page, "Kehittämispäivien kustannukset")
    link(page, "Uusi kehittämispäivä")
    page.fill("#id_title", "Syksyn kehittämispäivä")
    page.fill("#id_date", iso(signed_day))
    save(page)
    link(page, "Lisää kustannus")
    page.fill("#id_description", "Tila ja tarjoilut")
    page.fill("#id_amount", "900")
    page.select_option("#id_paid_by", label=world.org_a.name_fi)
    save(page)
    for organisation, count in [(world.org_a, "2"), (world.org_b, "1")]:
        page.select_option("#id_organisation", label=organisation.name_fi)
        page.fill("#id_count", count)
        page.get_by_role("button", name="Ilmoita").click()
    page.get_by_role("button", name="Muodosta laskutusperusteet").click()
    row = page.locator("tr", has_text=world.org_b.name_fi).filter(has_text="KP-")
    assert "300.00" in row.inner_text() or "300,00" in row.inner_text()
    for status in ["sent", "paid"]:
        row.locator("select").select_option(value=status)
        row.locator("input[type=date]").fill(iso(today))
        row.get_by_role("button", name="Tallenna").click()
    assert "maksettu" in page.locator("tr", has_text="KP-").inner_text()
    shot(page, "year-4-costs")
    assert_accessible(page)

    # Afterwards: the meeting is locked and published; the decision shows its notification and extract.
    page.goto(meeting_url)
    steps = page.locator(".stages [aria-current=step]").inner_text()
    assert steps == "Julkaistu ja lukittu"
    page.goto(item_url)
    assert "Hyvinvointialue B" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Korjaa julkaistua pöytäkirjaa").count() == 1
