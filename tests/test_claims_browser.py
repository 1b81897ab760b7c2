"""A claim handled to the end in Chromium, in Finnish, from the front page (#13 items 4 and 6): the
secretary records the court's details for the board, records a claim that came on the last day after
the registry closed, assesses the claimant's standing, and records the board's decision on it in a later
section, which then carries municipal appeal instructions naming the court."""

import datetime
import re

import pytest

from tests.browser import assert_accessible, log_in

pytestmark = pytest.mark.browser

D = datetime.date


@pytest.fixture
def decided(world):
    from decisions.models import AgendaItem, AppealPart, Body, Meeting, Notification

    board = Body.objects.create(
        area=world.area,
        code="lautakunta",
        name_fi="Työllisyyslautakunta",
        kind="municipal",
        registry_name="Kaupungin kirjaamo",
        registry_closes_at=datetime.time(15),
    )
    meeting = Meeting.objects.create(
        body=board, date=D(2025, 3, 18), checked_on=D(2025, 3, 20), published_on=D(2025, 3, 26)
    )
    item = AgendaItem.objects.create(
        meeting=meeting,
        body=board,
        year=2025,
        number=16,
        title="Yhteistyösopimuksen hyväksyminen",
        proposal="Hyväksytään.",
        decision="Hyväksytään.",
        outcome="as_proposed",
    )
    AppealPart.objects.create(item=item, kind="rectification")
    Notification.objects.create(item=item, recipient="Yhtiö Oy", method="letter", sent_on=D(2025, 4, 2))
    later = Meeting.objects.create(body=board, date=D(2025, 5, 6))
    AgendaItem.objects.create(
        meeting=later, body=board, year=2025, number=30, title="Oikaisuvaatimus § 16", proposal="Jätetään."
    )
    return board, item


@pytest.mark.usefixtures("decided")
def test_a_late_claim_is_recorded_assessed_and_decided_in_the_portal(page, world):
    log_in(page, "secretary")
    page.get_by_role("link", name=world.area.cooperation.name_fi, exact=True).first.click()
    page.get_by_role("link", name=world.area.name_fi).click()

    # The court's details, from the area page.
    page.get_by_role("link", name=re.compile("^Muutoksenhaun viranomaiset ja osoitteet")).click()
    page.fill("#id_court_fi", "Vaasan hallinto-oikeus")
    page.fill("#id_court_address", "PL 204\n65101 Vaasa")
    page.fill("#id_court_email", "vaasa.hao@oikeus.fi")
    page.get_by_role("button", name="Tallenna").click()
    page.get_by_text("Toimielimen tiedot tallennettiin").wait_for()

    # The claim: received on the members' last day (16.4.2025) after the registry closed at 15.
    page.get_by_role("link", name="18.3.2025").click()
    page.get_by_role("link", name=re.compile("Yhteistyösopimuksen hyväksyminen")).click()
    page.get_by_text("Kirjaa oikaisuvaatimus").click()
    page.select_option("#id_part", index=1)
    page.fill("#id_claimant", "Aino Asukas")
    page.fill("#id_received_on", "2025-04-16")
    page.fill("#id_received_at", "15:30")
    page.locator("form[action$='/claims/']").get_by_role("button", name="Tallenna").click()
    page.get_by_text("Oikaisuvaatimus tai valitus kirjattiin").wait_for()
    row = page.locator("tr", has_text="Aino Asukas")
    assert "ei vielä tiedossa" in row.inner_text()  # standing not yet assessed
    assert_accessible(page)

    row.get_by_role("link", name=re.compile("^Arvioi")).click()
    page.select_option("#id_standing", value="member")
    page.get_by_role("button", name="Tallenna").click()
    row = page.locator("tr", has_text="Aino Asukas")
    assert "ei: myöhässä" in row.inner_text()
    assert "kirjaamon sulkeuduttua klo 15:00" in row.inner_text()
    # A late claim does not keep the decision from becoming final; it is still decided.
    page.get_by_text("jättämällä tutkimatta").first.wait_for()

    row.get_by_role("link", name=re.compile("^Kirjaa päätös")).click()
    page.select_option("#id_outcome", value="dismissed")
    page.select_option("#id_decided_in", index=1)
    assert_accessible(page)
    page.get_by_role("button", name="Tallenna").click()
    page.get_by_text("Vaatimukseen annettu päätös kirjattiin").wait_for()
    row = page.locator("tr", has_text="Aino Asukas")
    assert "jätetty tutkimatta" in row.inner_text()

    # The decision on the claim carries the municipal appeal for the claimant, naming the court.
    row.get_by_role("link", name="§ 30/2025").click()
    page.get_by_role("heading", name="Valitusosoitus: kunnallisvalitus").wait_for()
    assert "Vaasan hallinto-oikeus" in page.content()
    assert "vain se, joka on tehnyt oikaisuvaatimuksen" in page.content()
    assert_accessible(page)
