"""The header search in Chromium, in Finnish (#29 item 5): a reader who sees only their own cooperation
types "16/2025" in the header box of the front page and finds § 16/2025, then "johtoryhma" without
umlauts and finds the steering group; nothing of another cooperation; every page axe-clean, the
"nothing found" page too."""

import datetime

import pytest

from tests.browser import assert_accessible, log_in

pytestmark = pytest.mark.browser

D = datetime.date


@pytest.fixture
def records(world):
    from decisions.models import AgendaItem, Body, Meeting
    from governance.models import SteeringGroup

    board = Body.objects.create(
        area=world.area, code="lautakunta", name_fi="Työllisyysaluelautakunta", kind="municipal"
    )
    meeting = Meeting.objects.create(body=board, date=D(2025, 3, 18))
    AgendaItem.objects.create(
        meeting=meeting,
        body=board,
        year=2025,
        number=16,
        title="Johtoryhmän asettaminen ja yhteistyösopimuksen hyväksyminen",
        proposal="Lautakunta asettaa johtoryhmän.",
    )
    SteeringGroup.objects.create(cooperation=world.area.cooperation, name="TYM-johtoryhmä")
    other = Body.objects.create(area=world.other_area, code="muu", name_fi="Muu lautakunta", kind="municipal")
    other_meeting = Meeting.objects.create(body=other, date=D(2025, 3, 18))
    AgendaItem.objects.create(
        meeting=other_meeting, body=other, year=2025, number=16, title="Toisen alueen johtoryhmä"
    )
    SteeringGroup.objects.create(cooperation=world.other_area.cooperation, name="Toinen johtoryhmä")


@pytest.mark.usefixtures("records")
def test_the_header_search_finds_a_section_by_number_and_the_group_without_umlauts(page):
    log_in(page, "editor_a")  # acts for one organisation in area A's cooperation only
    box = page.get_by_role("search").first.get_by_role("searchbox")
    box.fill("16/2025")
    box.press("Enter")
    page.get_by_role("heading", name="Hakutulokset", exact=True).wait_for()
    link = page.get_by_role(
        "link", name="§ 16/2025 Johtoryhmän asettaminen ja yhteistyösopimuksen hyväksyminen"
    )
    assert link.is_visible()
    assert "Toisen alueen" not in page.content()
    assert_accessible(page)

    box = page.get_by_role("search").first.get_by_role("searchbox")
    box.fill("johtoryhma")
    box.press("Enter")
    page.get_by_role("heading", name="Johtoryhmät (1)").wait_for()
    assert page.get_by_role("link", name="TYM-johtoryhmä", exact=True).is_visible()
    assert page.get_by_role("heading", name="Päätökset (1)").is_visible()  # "johtoryhmän", inflected
    assert "Toinen johtoryhmä" not in page.content()
    assert_accessible(page)

    page.get_by_role("link", name="TYM-johtoryhmä", exact=True).click()
    page.get_by_role("heading", name="TYM-johtoryhmä").first.wait_for()

    box = page.get_by_role("search").first.get_by_role("searchbox")
    box.fill("ei-loydy-mitaan")
    box.press("Enter")
    page.get_by_text("ei löytynyt mitään").wait_for()
    assert_accessible(page)
