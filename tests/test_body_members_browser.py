"""A body's members recorded in Chromium, in Finnish, from the front page (#29 items 4 and 6): the
secretary opens the area, the body's "Jäsenet ja varajäsenet", records a member and then their personal
deputy (first forgetting the member the deputy stands in for: the error summary takes the focus), and
the meeting's attendance checklist then offers the member first and the deputy for their own member.
Every page axe-clean."""

import datetime
import re

import pytest

from tests.browser import assert_accessible, log_in
from tests.factories import PersonFactory

pytestmark = pytest.mark.browser


def test_a_secretary_records_a_member_and_a_deputy_and_the_checklist_follows(page, world):
    from decisions import services
    from decisions.models import Body, BodyMember

    body = Body.objects.create(area=world.area, code="lautakunta-a", name_fi="Lautakunta A", kind="municipal")
    meeting = services.create_meeting(body=body, actor=world.secretary, date=datetime.date(2026, 3, 10))
    PersonFactory(organisation=world.org_a, first_name="Aila", last_name="Aaltonen")  # first by name, no seat
    PersonFactory(organisation=world.org_a, first_name="Veera", last_name="Virtanen")
    PersonFactory(organisation=world.org_b, first_name="Ville", last_name="Varala")

    log_in(page, "secretary")
    page.goto("/")
    page.locator("main a[href='/areas/area-a/']").first.click()  # the area, under its cooperation
    page.get_by_role("link", name=re.compile("^Jäsenet ja varajäsenet.*Lautakunta A")).click()
    page.get_by_role("heading", name="Toimielimen Lautakunta A jäsenet").wait_for()
    assert_accessible(page)

    page.locator("#id_member-person").select_option(label="Veera Virtanen (Kaupunki A)")
    page.locator("#id_member-starts").fill("2026-01-01")
    page.locator("#id_member-elected_by").fill("valtuusto 12.6.2025 § 45")
    page.get_by_role("button", name="Kirjaa jäsen").click()
    page.get_by_text("Jäsen kirjattiin.").wait_for()

    # The deputy without the member they stand in for: refused, the focus on the error summary.
    page.locator("#id_member-person").select_option(label="Ville Varala (Hyvinvointialue B)")
    page.locator("#id_member-role").select_option(label="henkilökohtainen varajäsen")
    page.locator("#id_member-starts").fill("2026-01-01")
    page.get_by_role("button", name="Kirjaa jäsen").click()
    page.locator(".error-summary").wait_for()
    assert page.evaluate("document.activeElement.closest('.error-summary') !== null")
    assert_accessible(page)
    page.locator("#id_member-deputy_of").select_option(label="Veera Virtanen")
    page.get_by_role("button", name="Kirjaa jäsen").click()
    page.get_by_text("Jäsen kirjattiin.").wait_for()
    assert page.get_by_role("cell", name="Ville Varala").count() == 1  # beside the member, as her deputy
    assert BodyMember.objects.filter(body=body).count() == 2

    page.goto(f"/meetings/{meeting.pk}/attendance/")
    rows = page.locator("table.checklist tbody tr")
    assert "Veera Virtanen" in rows.nth(0).inner_text()
    assert "Ville Varala" in rows.nth(1).inner_text()
    assert "Aila Aaltonen" in rows.nth(2).inner_text()
    assert "Veera Virtanen" in rows.nth(1).locator("select option:checked").inner_text()
    assert_accessible(page)
