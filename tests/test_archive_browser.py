"""The secretary archives the minutes from the front page, in Finnish; a member finds them shared
(#18 item 2)."""

import pytest
from django.urls import reverse

from archive.models import ArchivedDocument
from tests.browser import assert_accessible, log_in

pytestmark = pytest.mark.browser


def test_the_secretary_archives_minutes_and_a_member_downloads_them(
    page, world, published, browser, live_server
):
    _body, public, _secret = published
    cooperation = world.area.cooperation
    log_in(page, "secretary")
    page.goto(reverse("dashboard"))
    page.get_by_role("link", name=cooperation.name_fi, exact=True).first.click()
    page.get_by_role("link", name="Asiakirja-arkisto").click()
    assert_accessible(page)
    page.select_option("#id_kind", "minutes")
    page.select_option("#id_source", f"meeting:{public.meeting_id}")
    page.fill("#id_title", "Lautakunnan pöytäkirja 4.3.2026")
    page.fill("#id_case", "TYM/12/2026")
    page.select_option("#id_publicity", "public")
    page.check("#id_permanent")
    page.select_option("#id_audience", "everyone")
    page.get_by_role("button", name="Arkistoi").click()
    assert "arkistoitiin PDF/A-3b-muodossa" in page.locator(".messages").inner_text()
    assert_accessible(page)
    assert ArchivedDocument.objects.get().case == "TYM/12/2026"

    member = browser.new_context(base_url=live_server.url, locale="fi-FI").new_page()
    log_in(member, "member")
    member.goto(reverse("dashboard"))  # from the front page, without typing an address
    member.get_by_role("link", name=cooperation.name_fi, exact=True).first.click()
    member.get_by_role("link", name="Asiakirja-arkisto").click()
    with member.expect_download() as download:
        member.get_by_role("link", name="Lautakunnan pöytäkirja 4.3.2026").click()
    assert download.value.suggested_filename.endswith(".pdf")
