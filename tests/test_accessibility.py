"""WCAG 2.1 AA in a real browser (Act on Digital Services 306/2019): axe-core finds no violations
on the portal's pages, in Finnish and Swedish, and the skip link works from the keyboard."""

import datetime
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from tests.browser import assert_accessible, log_in

pytestmark = pytest.mark.browser


def test_a_visitor_logs_in_after_a_mistake_and_skips_to_the_content(page):
    # One journey instead of three tests (#32 item 1): the login page, a failed login, the skip link.
    page.goto(reverse("login"))
    assert_accessible(page)
    page.fill("#id_username", "editor_a")
    page.fill("#id_password", "wrong")
    page.click("button.hds-button--primary")
    assert page.locator("[role=alert]").is_visible()
    assert_accessible(page)
    log_in(page, "member")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_an_editors_portal_pages_are_accessible_in_finnish_and_in_swedish(page, world):
    # One journey instead of four tests (#32 item 1): a form sent with an error, the pages in Finnish,
    # the switch to Swedish from the menu, the same pages in Swedish.
    log_in(page)
    page.goto(reverse("organisation-edit", args=[world.org_a.pk]))
    page.fill("#id_business_id", "1234567-2")
    page.click("button.hds-button--primary")
    assert "tarkistusmerkki on väärä" in page.locator(".error-summary").inner_text()
    # The focus is on the summary, not at the top of the page (#29 item 4), and its line leads to the field.
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    page.locator(".error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_business_id"
    assert_accessible(page)
    urls = [
        reverse("dashboard"),
        reverse("area-detail", args=[world.area.code]),
        reverse("organisation-detail", args=[world.org_a.pk]),
        reverse("organisation-edit", args=[world.org_a.pk]),
        reverse("decision-list"),
        reverse("decision-list") + "?q=sopimus&year=2025",
        reverse("decision-list") + "?year=abc",  # refused: the errors on the form
        reverse("meeting-list"),
        reverse("agreement-list"),
        reverse("seat-list"),
        reverse("seat-list") + "?on=nonsense",
        reverse("api-tokens"),
        reverse("archive-list", args=[world.area.cooperation.code]),
    ]
    for url in urls:
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == "fi"
        assert_accessible(page)
    page.goto(reverse("dashboard"))
    page.select_option("#language-select", "sv")
    page.click(".lang-form button")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sv"
    assert "Startsida" in page.content()
    for url in urls:
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == "sv"
        assert_accessible(page)


def test_an_editors_group_cost_staffing_and_notification_pages_are_accessible(page, world, group_world):
    # One journey of an editor of area A instead of four tests (#32 item 1).
    from decimal import Decimal

    from costs.models import CostItem, DevelopmentDay, Registration
    from notifications.models import Notification
    from organisations.models import Municipality
    from staffing.models import ClientLine, StaffingReview, StaffLine

    day = DevelopmentDay.objects.create(
        group=group_world.group, date=datetime.date(2025, 10, 15), title="Päivä"
    )
    CostItem.objects.create(day=day, description="Tila", amount=Decimal("700.00"), paid_by=world.org_a)
    Registration.objects.create(day=day, organisation=world.org_a, count=3)
    Notification.objects.create(
        recipient=world.editor_a,
        kind="invoice_overdue",
        object_key="x",
        due_date=datetime.date(2025, 1, 1),
        message="Lasku erääntyi.",
        link="/",
    )
    municipality = Municipality.objects.create(code="182", name_fi="Jämsä", area=world.area)
    review = StaffingReview.objects.create(group=group_world.group, year=2025)
    StaffLine.objects.create(
        review=review,
        organisation=world.org_a,
        job_title="ohjaaja",
        municipality=municipality,
        headcount=2,
        fte=Decimal("1.50"),
    )
    ClientLine.objects.create(review=review, organisation=world.org_a, municipality=municipality, clients=40)
    log_in(page)
    page.goto(reverse("group-detail", args=[group_world.group.pk]))
    assert_accessible(page)
    page.goto(reverse("group-history", args=[group_world.group.pk]))
    assert_accessible(page)
    page.goto(reverse("seat-create", args=[group_world.nomination_a.pk]))
    page.select_option("#id_person", str(group_world.people["a3"].pk))
    page.select_option("#id_role", "chair")
    page.click("button.hds-button--primary")
    assert "Johtoryhmällä on jo puheenjohtaja." in page.locator(".error-summary").inner_text()
    assert_accessible(page)
    page.goto(reverse("day-detail", args=[day.pk]))
    assert_accessible(page)
    page.goto(reverse("group-costs", args=[group_world.group.pk]))
    assert_accessible(page)
    page.goto(reverse("notification-list"))
    assert_accessible(page)
    page.goto(reverse("staffing-year", args=[group_world.group.pk, 2025]))
    assert_accessible(page)


def test_the_first_real_cases_decision_and_agreement_pages_are_accessible(page, world):
    # The public pages, then an editor of Jämsä's: one load of the first real case, not two (#32).
    from django.core.management import call_command

    from agreements.models import Agreement
    from decisions.models import AgendaItem
    from organisations import services
    from organisations.models import EmploymentArea, Organisation

    call_command("load_demo", verbosity=0)
    area = EmploymentArea.objects.get(code="etela-keski-suomi")
    services.make_editor(
        world.editor_a, Organisation.objects.get(name_fi="Jämsän kaupunki"), area.cooperation
    )
    services.grant_area_view(world.editor_a, area)
    item = AgendaItem.objects.get(year=2025, number=16)
    page.goto(reverse("public-item", args=[item.body.code, item.pk]))
    assert_accessible(page)
    page.goto(reverse("deadline-calculator") + "?kind=rectification&method=email&date=2025-04-02")
    assert "22.4.2025" in page.content()
    assert_accessible(page)
    log_in(page)
    page.goto(reverse("item-detail", args=[item.pk]))
    assert_accessible(page)
    page.goto(reverse("meeting-detail", args=[item.meeting_id]))
    assert_accessible(page)
    page.goto(reverse("agreement-detail", args=[Agreement.objects.get().pk]))
    page.click("text=Kirjaa osapuolesi allekirjoitus")
    assert_accessible(page)


def test_the_second_factor_and_audit_pages_are_accessible(page, world):
    """Setting up two-step verification, the recovery codes, the verified page and the log (#14)."""
    import re

    from django.core import mail
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    world.secretary.email = "sihteeri@example.fi"
    world.secretary.save()
    page.goto(reverse("login"))
    page.fill("#id_username", "secretary")
    page.fill("#id_password", "password")
    page.click("button.hds-button--primary")
    page.wait_for_url("**/second-factor/**")
    assert_accessible(page)  # the page that sends the set-up link (#31 item 8)
    [message] = [m for m in mail.outbox if "/second-factor/enrol/" in m.body]
    page.goto(re.search(r"https?://[^/\s]+(/second-factor/enrol/\S+/)", message.body).group(1))
    page.wait_for_url("**/second-factor/")
    assert_accessible(page)  # the set-up page with its QR code
    # The QR code draws (#29 item 7): a data: SVG without its xmlns is a broken image, naturalWidth 0.
    qr = page.get_by_role("img", name="QR-koodi todennussovellukselle")
    assert qr.evaluate("image => image.complete && image.naturalWidth") > 0
    assert page.get_by_label("Vahvistuskoodi").count() == 1  # not the municipality column's "Koodi"
    device = TOTPDevice.objects.get(user=world.secretary, confirmed=False)
    page.fill("#id_code", f"{TOTP(device.bin_key).token():06d}")
    page.click("button.hds-button--primary")
    page.get_by_role("heading", name="Varakoodit").wait_for()
    assert_accessible(page)
    page.goto(reverse("second-factor"))
    assert_accessible(page)
    page.goto(reverse("audit-log"))
    page.get_by_role("heading", name="Käyttö- ja luovutusloki").wait_for()
    assert_accessible(page)
    page.goto(reverse("audit-log") + "?since=9999-12-31")
    assert_accessible(page)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_statement_pages_are_accessible(page, live_server, language):
    # A browser test's database is emptied after each test: put the statements' first text back.
    import_module("statements.migrations.0002_statement_texts").seed(django_apps, None)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    for name in ("accessibility-statement", "privacy-notice"):
        page.goto(reverse(name))
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("h1").count() == 1
        assert_accessible(page)
