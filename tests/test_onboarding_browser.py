"""A cooperation from nothing, by its own people, in Chromium and in Finnish, from the front page
(#26 item 7): the national administrator creates the cooperation and names its secretary; the new
secretary sets a password from the invitation, adds a body, two people without a login, the steering
group with a seat, drafts the agreement and invites an editor; the editor sets a password, sees the new
cooperation and records their organisation's approving decision. The pages on the way pass axe."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone
from django_otp.oath import TOTP

from organisations.second_factor import needs_second_factor
from tests.browser import assert_accessible, log_in
from tests.conftest import verified_device

pytestmark = pytest.mark.browser

CITY = "1234560-4"
SECOND_CITY = "1234562-0"
COUNTY = "1234561-2"
PASSWORD = "Kevät-aurinko-2026"


def save(page):
    page.get_by_role("button", name="Tallenna").first.click()


def link(page, text: str, hidden: str = ""):
    """The link TEXT, or TEXT with its visually hidden HIDDEN ("New body: Area"), which the accessible
    name carries after a space or a line break."""
    name = re.escape(text) + (r"\W+" + re.escape(hidden) if hidden else "")
    page.get_by_role("link", name=re.compile(name)).first.click()


def accept_invitation(browser, live_server, email: str):
    """The newest invitation to EMAIL: a password chosen from its link, then a login; the new tab."""
    message = [m for m in mail.outbox if m.to == [email]][-1]
    path = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", message.body).group(1)
    context = browser.new_context(base_url=live_server.url)
    tab = context.new_page()
    tab.goto(path)
    tab.locator("#id_new_password1").fill(PASSWORD)
    tab.locator("#id_new_password2").fill(PASSWORD)
    tab.get_by_role("button", name="Tallenna salasana").click()
    tab.get_by_role("link", name="Kirjaudu sisään").click()
    # A secretary manages people, so gives a second factor (#14): an authenticator the test knows.
    user = get_user_model().objects.get(email=email)
    device = verified_device(user) if needs_second_factor(user) else None
    tab.fill("#id_username", email)
    tab.fill("#id_password", PASSWORD)
    tab.click("button.hds-button--primary")
    if device is not None:
        tab.wait_for_url("**/second-factor/**")
        tab.fill("#id_code", f"{TOTP(device.bin_key).token():06d}")
        tab.click("button.hds-button--primary")
    tab.get_by_role("heading", name="Etusivu").wait_for()
    return context, tab


def test_a_cooperation_is_set_up_from_nothing_by_its_own_people(page, world, browser, live_server):
    today = timezone.localdate()

    # 1. The national administrator creates the cooperation and names its secretary.
    log_in(page, "secretary")
    page.get_by_role("link", name="Uusi yhteistoiminta-alue").click()
    page.get_by_role("heading", name="Uusi yhteistoiminta-alue").wait_for()
    assert_accessible(page)
    page.locator("#id_code").fill("jarvi-suomi")
    page.locator("#id_name_fi").fill("Järvi-Suomen yhteistoiminta-alue")
    page.locator("#id_employment_authorities").fill(f"{CITY} Järvikaupunki\n{SECOND_CITY} Rantakaupunki")
    page.locator("#id_counties").fill(f"{COUNTY} Järvi-Suomen hyvinvointialue")
    page.locator("#id_areas").fill(
        f"Järviseudun työllisyysalue; {CITY}; 179, 500, 892\nRannan työllisyysalue; {SECOND_CITY}; 410"
    )
    page.locator("#id_chair_named_by").fill(CITY)
    page.locator("#id_secretary_login").fill("sanna.sihteeri@example.fi")
    page.locator("#id_secretary_first_name").fill("Sanna")
    page.locator("#id_secretary_last_name").fill("Sihteeri")
    page.locator("#id_secretary_organisation").fill(CITY)
    save(page)
    page.get_by_text("Yhteistoiminta-alue Järvi-Suomen yhteistoiminta-alue perustettiin").wait_for()
    main = page.locator("main").inner_text()
    for shown in [
        "Järviseudun työllisyysalue",
        "Rannan työllisyysalue",
        "Kansaneläkelaitos",
        "Rantakaupunki",
    ]:
        assert shown in main

    # 2. The new secretary chooses a password from the invitation and takes the setup steps.
    secretary_context, tab = accept_invitation(browser, live_server, "sanna.sihteeri@example.fi")
    tab.get_by_role("link", name="Yhteistoiminta-alueiden käyttöönotto").click()
    tab.get_by_role("link", name="Järvi-Suomen yhteistoiminta-alue").click()
    tab.get_by_role("heading", name="Käyttöönotto: Järvi-Suomen yhteistoiminta-alue").wait_for()
    assert_accessible(tab)

    link(tab, "Uusi toimielin", "Rannan työllisyysalue")
    tab.locator("#id_name_fi").fill("Rantakaupungin kaupunginhallitus")
    tab.locator("#id_kind").select_option(value="municipal")
    save(tab)
    tab.get_by_text("Toimielin Rantakaupungin kaupunginhallitus lisättiin").wait_for()

    for first, last in [("Lauri", "Lautakunta"), ("Raili", "Varajäsen")]:
        link(tab, "Lisää henkilö ilman käyttäjätunnusta")
        tab.locator("#id_organisation").select_option(label="Järvikaupunki")
        tab.locator("#id_first_name").fill(first)
        tab.locator("#id_last_name").fill(last)
        save(tab)
        tab.get_by_text(f"{first} {last} lisättiin yhteistoiminta-alueelle").wait_for()
    people = tab.locator("section[aria-labelledby=setup-people-heading]").inner_text()
    assert "Lauri Lautakunta" in people
    assert "Raili Varajäsen" in people

    link(tab, "Perusta johtoryhmä")
    tab.locator("#id_set_up_by").fill("Järvikaupungin kaupunginhallitus")
    tab.locator("#id_set_up_on").fill(today.isoformat())
    tab.locator("#id_set_up_reference").fill("§ 12")
    tab.locator("#id_term_start").fill(today.isoformat())
    save(tab)
    tab.get_by_text("Johtoryhmä perustettiin").wait_for()
    link(tab, "Kirjaa nimeämispäätös")
    tab.locator("#id_organisation").select_option(label="Järvikaupunki")
    tab.locator("#id_decided_by_body").fill("Kaupunginhallitus")
    tab.locator("#id_decided_on").fill(today.isoformat())
    tab.locator("#id_reference").fill("§ 13")
    save(tab)
    tab.locator("#id_person").select_option(label="Lauri Lautakunta")
    tab.locator("#id_deputy").select_option(label="Raili Varajäsen")
    assert_accessible(tab)
    save(tab)
    tab.get_by_text("Jäsen lisättiin").wait_for()
    composition = tab.locator("main").inner_text()
    assert "Lauri Lautakunta" in composition
    assert "Raili Varajäsen" in composition

    # The agreement's draft, with the cooperation's parties, for each party's approving decision.
    tab.goto("/cooperations/jarvi-suomi/")
    link(tab, "Uusi sopimusluonnos")
    tab.locator("#id_title").fill("Järvi-Suomen yhteistyösopimus")
    save(tab)
    tab.get_by_role("heading", name="Osapuolten hyväksymispäätökset").wait_for()
    agreement_url = tab.url

    # The editor of the county, invited from the people and rights page.
    tab.goto("/cooperations/jarvi-suomi/setup/")
    tab.get_by_role("link", name="Henkilöt ja oikeudet").last.click()
    tab.locator("#id_invite-email").fill("eero.editori@example.fi")
    tab.locator("#id_invite-first_name").fill("Eero")
    tab.locator("#id_invite-last_name").fill("Editori")
    tab.locator("#id_invite-organisation").select_option(label="Järvi-Suomen hyvinvointialue")
    tab.locator("#id_invite-role").select_option(value="editor")
    tab.get_by_role("button", name="Lähetä kutsu").click()
    tab.get_by_text("eero.editori@example.fi kutsuttiin").wait_for()
    secretary_context.close()

    # 3. The editor sees the new cooperation and records the county's approving decision.
    editor_context, editor = accept_invitation(browser, live_server, "eero.editori@example.fi")
    editor.get_by_role("link", name="Järvi-Suomen yhteistoiminta-alue", exact=True).first.click()
    editor.get_by_role("heading", name="Järvi-Suomen yhteistoiminta-alue").wait_for()
    editor.goto(agreement_url)
    others = editor.get_by_role("link", name=re.compile(r"Kirjaa hyväksymispäätös\W+(Järvikaupunki|Ranta)"))
    assert others.count() == 0  # another party's decision is that party's to record
    link(editor, "Kirjaa hyväksymispäätös", "Järvi-Suomen hyvinvointialue")
    editor.locator("#id_body").fill("Aluehallitus")
    editor.locator("#id_decided_on").fill(today.isoformat())
    editor.locator("#id_section").fill("§ 88")
    assert_accessible(editor)
    save(editor)
    editor.get_by_text("Hyväksymispäätös kirjattiin").wait_for()
    approvals = editor.locator("section[aria-labelledby=approvals-heading]").inner_text()
    assert "Aluehallitus" in approvals
    assert "§ 88" in approvals
    editor_context.close()

    from agreements.models import PartyApproval

    approval = PartyApproval.objects.get(party__organisation__business_id=COUNTY)
    assert approval.history.first().history_user.username == "eero.editori@example.fi"
