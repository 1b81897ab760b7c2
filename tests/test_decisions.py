import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from decisions import appeals, services
from decisions.models import AgendaItem, AppealPart, Attendance, Body, Claim, Meeting, Notification
from tests.factories import PersonFactory
from tests.tools import pdf_text

D = datetime.date


@pytest.fixture
def decision(world):
    body = Body.objects.create(
        area=world.area,
        code="lautakunta-a",
        name_fi="Lautakunta A",
        kind="municipal",
        claim_authority_fi="kaupunginhallitus",
        registry_name="Kirjaamo",
        registry_closes_at=datetime.time(15),
    )
    meeting = Meeting.objects.create(body=body, date=D(2025, 3, 18), member_count=9)
    item = AgendaItem.objects.create(
        meeting=meeting,
        body=body,
        year=2025,
        number=16,
        title="Asia",
        proposal="Valitaan Aino Esimerkki.",
        decision="Ehdotus hyväksyttiin.",
        personal_data="Aino Esimerkki",
    )
    AppealPart.objects.create(item=item, order=1, kind="no_appeal", scope_fi="muilta osin")
    part = AppealPart.objects.create(item=item, order=2, kind="rectification", scope_fi="sopimuksen osalta")
    return item, part


@pytest.fixture
def real_case(db):
    call_command("load_demo", verbosity=0)
    return AgendaItem.objects.get(year=2025, number=16)


def test_the_demo_decision_shows_the_worked_example(real_case):
    # The source does not say the party consented to electronic service: no deemed receipt, no finality.
    status = appeals.status(real_case)
    last_days = {p.computation.method: p.computation.last_day for p in status.periods}
    assert last_days == {"publication": D(2025, 4, 16)}
    assert status.final_on is None
    assert any("not recorded" in str(gap) or "ei ole kirjattu" in str(gap) for gap in status.gaps)
    assert status.personal_data_removed_on == D(2025, 4, 17)
    # With the consent recorded, the worked example: e-mail 2.4. → received Sat 5.4. → Tue 22.4.
    real_case.notifications.update(consent="yes")
    status = appeals.status(AgendaItem.objects.get(pk=real_case.pk))
    last_days = {p.computation.method: p.computation.last_day for p in status.periods}
    assert last_days["email"] == D(2025, 4, 22)
    assert status.final_on == D(2025, 4, 23)


def test_a_letter_sent_the_same_day_would_give_the_23rd(real_case):
    Notification.objects.create(
        item=real_case, recipient="Kirjeen saaja", method="letter", sent_on=D(2025, 4, 2)
    )
    last_days = {p.who: p.computation.last_day for p in appeals.status(real_case).periods}
    assert last_days["Kirjeen saaja"] == D(2025, 4, 23)


def test_only_the_appealable_part_has_periods(real_case):
    status = appeals.status(real_case)
    assert {p.part.kind for p in status.periods} == {"rectification"}


def test_a_proven_receipt_overrides_the_deemed_one(decision):
    item, _part = decision
    Meeting.objects.filter(pk=item.meeting_id).update(checked_on=D(2025, 3, 20), published_on=D(2025, 3, 26))
    Notification.objects.create(
        item=item, recipient="X", method="letter", sent_on=D(2025, 4, 2), proven_receipt_on=D(2025, 4, 3)
    )
    item.meeting.refresh_from_db()
    [_members, party] = appeals.status(item).periods
    assert party.computation.deemed_receipt == D(2025, 4, 3)
    assert party.computation.last_day == D(2025, 4, 17)


def test_a_claim_keeps_the_decision_from_becoming_final(real_case):
    Claim.objects.create(
        item=real_case,
        part=real_case.appeal_parts.get(order=2),
        claimant="Kunnan jäsen",
        received_on=D(2025, 4, 10),
    )
    assert appeals.status(real_case).final_on is None


def test_an_unpublished_municipal_decision_is_not_final(decision):
    item, _part = decision
    status = appeals.status(item)
    assert status.final_on is None
    assert status.gaps


def test_a_claim_before_the_decision_is_refused_in_finnish_and_nothing_saved(decision, world):
    item, part = decision
    with translation.override("fi"), pytest.raises(ValidationError) as info:
        services.record_claim(
            item=item, part=part, actor=world.secretary, claimant="X", received_on=D(2025, 3, 1)
        )
    with translation.override("fi"):
        assert "Oikaisuvaatimusta ei voi vastaanottaa ennen päätöstä (18.03.2025)." in info.value.messages
    assert not Claim.objects.exists()


def test_a_claim_against_the_no_appeal_part_is_recorded_and_must_be_dismissed(decision, world):
    item, _part = decision
    claim = services.record_claim(
        item=item,
        part=item.appeal_parts.get(order=1),
        actor=None,
        claimant="X",
        received_on=D(2025, 4, 1),
    )
    [review] = appeals.status(item).reviews
    assert review.claim == claim
    assert review.admissible is False
    assert not review.stops_finality


def test_a_checker_who_did_not_attend_is_refused_and_nothing_saved(decision, world):
    item, _part = decision
    present, absent = PersonFactory(organisation=world.org_a), PersonFactory(organisation=world.org_a)
    Attendance.objects.create(meeting=item.meeting, person=present, capacity="member")
    with pytest.raises(ValidationError) as info:
        services.check_minutes(
            meeting=item.meeting, checkers=[present, absent], checked_on=D(2025, 3, 20), actor=world.secretary
        )
    assert str(absent) in " ".join(info.value.messages)
    item.meeting.refresh_from_db()
    assert item.meeting.checked_on is None
    assert not Attendance.objects.filter(checks_minutes=True).exists()


def test_checking_by_those_present_is_recorded(decision, world):
    item, _part = decision
    present = PersonFactory(organisation=world.org_a)
    Attendance.objects.create(meeting=item.meeting, person=present, capacity="member")
    services.check_minutes(
        meeting=item.meeting, checkers=[present], checked_on=D(2025, 3, 20), actor=world.secretary
    )
    assert Attendance.objects.get(person=present).checks_minutes


def test_a_publication_before_checking_is_refused(decision, world):
    item, _part = decision
    with pytest.raises(ValidationError):
        services.publish_minutes(meeting=item.meeting, published_on=D(2025, 3, 26), actor=world.secretary)
    item.meeting.refresh_from_db()  # the refused write left the instance in memory changed, not the row
    assert item.meeting.published_on is None
    item.meeting.checked_on = D(2025, 3, 27)
    item.meeting.save()
    with pytest.raises(ValidationError):
        services.publish_minutes(meeting=item.meeting, published_on=D(2025, 3, 26), actor=world.secretary)
    item.meeting.refresh_from_db()
    assert item.meeting.published_on is None


def test_a_notification_before_the_decision_is_refused(decision):
    item, _part = decision
    with pytest.raises(ValidationError):
        services.record_notification(
            item=item, actor=None, recipient="X", method="letter", sent_on=D(2025, 3, 1)
        )
    assert not Notification.objects.exists()


def _status_with(item, **notification):
    services.record_notification(
        item=item, actor=None, recipient="Kela", sent_on=D(2025, 4, 2), **notification
    )
    return appeals.status(AgendaItem.objects.get(pk=item.pk))


def test_an_email_without_consent_gives_no_deemed_receipt_and_no_finality(decision):
    # Act 13/2003 § 19: only with consent is an ordinary e-mail deemed received on the 3rd day (#13 item 7).
    item, _part = decision
    with translation.override("en"):
        status = _status_with(item, method="email", consent="no")
    assert [p.who for p in status.periods if p.who == "Kela"] == []
    assert any("Notify again by letter" in gap for gap in status.gaps)
    assert status.final_on is None


def test_an_email_with_consent_not_recorded_gives_no_deemed_receipt_and_no_finality(decision):
    # Act 13/2003 § 19: consent not recorded is no consent; the period runs from a proven receipt only.
    item, _part = decision
    with translation.override("en"):
        status = _status_with(item, method="email", consent="unknown")
    assert [p.who for p in status.periods if p.who == "Kela"] == []
    assert any("consent to electronic service is not recorded" in gap for gap in status.gaps)
    assert status.final_on is None


def test_an_email_with_consent_recorded_is_received_on_the_third_day(decision):
    item, _part = decision
    status = _status_with(item, method="email", consent="yes")
    [kela] = [p for p in status.periods if p.who == "Kela"]
    assert kela.computation.last_day == D(2025, 4, 22)  # received 5.4., day 14 Easter Saturday → Tue 22.4.


def test_a_proven_receipt_counts_even_without_consent(decision):
    item, _part = decision
    status = _status_with(item, method="email", consent="no", proven_receipt_on=D(2025, 4, 4))
    [kela] = [p for p in status.periods if p.who == "Kela"]
    assert kela.computation.deemed_receipt == D(2025, 4, 4)
    assert not [gap for gap in status.gaps if "Kela" in gap]


@pytest.mark.parametrize(
    ("consent", "last_day", "extra"),
    [
        ("yes", "2025-04-22", None),
        ("unknown", None, "reason"),
        ("no", None, "note"),
        ("", "2025-04-22", None),
    ],
)
def test_the_endpoint_takes_the_consent(client, db, consent, last_day, extra):
    query = {"kind": "rectification", "method": "email", "date": "2025-04-02", "consent": consent}
    data = client.get(reverse("deadlines-api"), query).json()
    assert data["last_day"] == last_day
    if extra:
        assert data[extra]
    assert client.get(reverse("deadlines-api"), {**query, "consent": "maybe"}).status_code == 400


def test_sections_are_numbered_once_per_body_and_year(decision):
    item, _part = decision
    duplicate = AgendaItem(meeting=item.meeting, body=item.body, year=2025, number=16, title="Toinen")
    with pytest.raises(ValidationError):
        duplicate.full_clean()


def test_quorum_is_more_than_half_of_the_members(decision, world):
    from decisions.rules import quorum

    item, _part = decision
    for _ in range(4):
        Attendance.objects.create(
            meeting=item.meeting, person=PersonFactory(organisation=world.org_a), capacity="member"
        )
    assert quorum(item.meeting).reached is False  # 4 of 9
    member = PersonFactory(organisation=world.org_a)
    Attendance.objects.create(
        meeting=item.meeting,
        person=PersonFactory(organisation=world.org_a),
        capacity="deputy",
        substitutes_for=member,
    )
    assert quorum(item.meeting).reached is True  # 5 of 9, a deputy counting for their member


# Pages


def test_the_decision_page_shows_the_periods_to_people_of_the_area(real_case, world, as_member):
    from organisations import services
    from organisations.models import EmploymentArea

    services.grant_area_view(world.member, EmploymentArea.objects.get(code="etela-keski-suomi"))
    response = as_member.get(reverse("item-detail", args=[real_case.pk]))
    assert response.status_code == 200
    assert "16.4.2025" in response.text
    assert "22.4.2025" not in response.text  # the e-mail's consent is not recorded: no deemed receipt
    assert "Muutoksenhakukielto" in response.text
    assert "Oikaisuvaatimusohjeet" in response.text
    assert "Tallenna" not in response.text  # a member records nothing


def test_an_outsider_cannot_see_the_decision(real_case, as_outsider):
    assert as_outsider.get(reverse("item-detail", args=[real_case.pk])).status_code == 404


def test_only_the_secretary_records_a_claim(decision, world, as_editor_a, as_secretary):
    item, part = decision
    data = {"part": part.pk, "claimant": "Kunnan jäsen", "received_on": "2025-04-01"}
    assert as_editor_a.post(reverse("claim-create", args=[item.pk]), data).status_code == 403
    assert as_secretary.post(reverse("claim-create", args=[item.pk]), data).status_code == 302
    assert Claim.objects.count() == 1


def test_a_claim_before_the_decision_is_refused_in_the_page(decision, as_secretary):
    item, part = decision
    response = as_secretary.post(
        reverse("claim-create", args=[item.pk]),
        {"part": part.pk, "claimant": "X", "received_on": "2025-03-01"},
    )
    assert response.status_code == 400
    assert "Oikaisuvaatimusta ei voi vastaanottaa ennen päätöstä" in response.text
    assert not Claim.objects.exists()


def test_the_checking_form_refuses_an_absent_checker(decision, world, as_secretary):
    item, _part = decision
    absent = PersonFactory(organisation=world.org_a)
    response = as_secretary.post(
        reverse("meeting-check", args=[item.meeting_id]),
        {"checkers": [absent.pk], "checked_on": "2025-03-20"},
    )
    assert response.status_code == 400  # only those present are offered as checkers
    assert Meeting.objects.get(pk=item.meeting_id).checked_on is None
    with pytest.raises(ValidationError, match="ei ollut kokouksessa"):
        services.check_minutes(
            meeting=item.meeting,
            checkers=[absent],
            checked_on=datetime.date(2025, 3, 20),
            actor=world.secretary,
        )


def test_the_calculator_page_and_the_api_give_the_same_answer(client, db):
    params = {"kind": "rectification", "method": "email", "date": "2025-04-02"}
    page = client.get(reverse("deadline-calculator"), params)
    assert "22.4.2025" in page.text
    data = client.get(reverse("deadlines-api"), params).json()
    assert data["deemed_receipt"] == "2025-04-05"
    assert data["last_day"] == "2025-04-22"
    assert len(data["steps"]) >= 4


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "rectification", "method": "email"},
        {"kind": "appeal", "method": "email", "date": "2025-04-02"},
        {"kind": "rectification", "method": "pigeon", "date": "2025-04-02"},
        {"kind": "rectification", "method": "email", "date": "2.4.2025x"},
    ],
)
def test_the_api_refuses_bad_parameters_with_400(client, db, params):
    response = client.get(reverse("deadlines-api"), params)
    assert response.status_code == 400
    assert response.json()["fields"]


def test_the_public_page_removes_personal_data_after_the_period(real_case, client):
    url = reverse("public-item", args=[real_case.body.code, real_case.pk])
    with time_machine.travel(datetime.datetime(2025, 4, 10, 12, tzinfo=datetime.UTC)):
        assert "Maria Marjeta" in client.get(url).text
    with time_machine.travel(datetime.datetime(2025, 4, 17, 12, tzinfo=datetime.UTC)):
        text = client.get(url).text
    assert "Maria Marjeta" not in text
    assert "[henkilötieto poistettu]" in text
    real_case.refresh_from_db()
    assert "Maria Marjeta" in real_case.proposal  # the archive copy is whole


def test_the_public_index_and_feed_list_the_published_decision(real_case, client):
    body = real_case.body
    assert "§ 16/2025" in client.get(reverse("public-index", args=[body.code])).text
    feed = client.get(reverse("public-feed", args=[body.code]))
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "§ 16/2025" in feed.content.decode()


def test_a_body_that_does_not_publish_has_no_public_page(real_case, client):
    assert client.get(reverse("public-index", args=["etela-keski-suomen-tym-johtoryhma"])).status_code == 404


def test_the_extract_pdf_carries_the_certification_and_each_parts_instructions(
    real_case, as_secretary, tmp_path
):
    response = as_secretary.get(reverse("extract-pdf", args=[real_case.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    for expected in [
        "Otteen oikeaksi todistaa",
        "Jämsä 02.04.2025",
        "Riitta Uosukainen",
        "hallintopäällikkö",
        "Muutoksenhakukielto",
        "muutoin kuin sopimuksen hyväksymisen osalta",
        "Oikaisuvaatimusohjeet",
        "sopimuksen hyväksymisen osalta",
        "(kuntalaki 134 §)",
        "vastaanottajalle Asianosainen",  # the recipient's own copy names the notification (#28)
        "kuntien yhteinen toimielin",
        "Mänttä-Vilppula",
        "16.4.2025",
        "Ehdotus hyväksyttiin.",
    ]:
        assert expected in text, expected


def test_the_minutes_pdf_renders(real_case, as_secretary, tmp_path):
    response = as_secretary.get(reverse("minutes-pdf", args=[real_case.meeting_id]))
    text = pdf_text(response.content, tmp_path)
    assert "Pöytäkirja" in text
    assert "§ 16/2025" in text


def test_the_steering_group_links_to_its_set_up_decision(real_case):
    from governance.models import SteeringGroup

    assert SteeringGroup.objects.get().set_up_decision == real_case


def test_the_demo_decision_lists_the_agreement_as_its_annex(real_case, as_secretary):
    assert [a.title.split(":")[0] for a in real_case.annexes.all()] == ["Yhteistyösopimus"]
    assert "Yhteistyösopimus" in as_secretary.get(reverse("item-detail", args=[real_case.pk])).text


def test_the_public_page_shows_the_swedish_text_where_given(real_case, client):
    real_case.title_sv = "Tillsättning av ledningsgruppen"
    real_case.decision_sv = "Förslaget godkändes."
    real_case.save()
    text = client.get(reverse("public-item", args=[real_case.body.code, real_case.pk])).text
    assert 'lang="sv"' in text
    assert "Förslaget godkändes." in text


def test_the_first_cases_email_says_what_to_record(real_case, as_secretary):
    # The source does not state the recipient's consent: "not recorded", so no deemed receipt.
    assert real_case.notifications.get().consent == "unknown"
    page = as_secretary.get(reverse("item-detail", args=[real_case.pk])).content.decode()
    assert "suostumusta sähköiseen tiedoksiantoon ei ole kirjattu" in page
    assert "Kirjaa suostumus" in page


def test_the_api_gives_no_last_day_for_an_email_without_recorded_consent(client, db):
    query = "?kind=rectification&method=email&consent=unknown&date=2025-04-02"
    data = client.get(reverse("deadlines-api") + query).json()
    assert data["last_day"] is None
    assert data["deemed_receipt"] is None
    assert data["final"] is None
    assert data["consent"] == "unknown"
    assert "ei ole kirjattu" in data["reason"]
    assert "13/2003" in data["reason"]


def test_the_calculator_refuses_a_court_appeal_counted_from_publication(client, db):
    # Municipal members have no standing in an appeal under a special act (Act 808/2019 § 7).
    query = {"kind": "court_appeal", "method": "publication", "date": "2025-03-26"}
    response = client.get(reverse("deadlines-api"), query)
    assert response.status_code == 400
    assert "808/2019" in response.json()["errors"]["method"][0]
    assert client.get(reverse("deadlines-api"), {**query, "method": "letter"}).json()["last_day"]
    assert client.get(reverse("deadlines-api"), {**query, "kind": "municipal_appeal"}).json()["last_day"]


def test_without_notifications_finality_is_only_for_the_recipients_recorded(decision):
    item, _part = decision
    item.meeting.published_on = D(2025, 3, 26)
    item.meeting.save()
    with translation.override("en"):
        status = appeals.status(AgendaItem.objects.get(pk=item.pk))
    assert any("final only with respect to the recipients recorded" in w for w in status.warnings)


def test_the_first_case_shows_its_background_and_says_what_the_source_lacks(real_case, as_secretary):
    # #13 item 12: the background stored, the invented title marked, the self-reference flagged.
    page = as_secretary.get(reverse("item-detail", args=[real_case.pk])).content.decode()
    assert "tuli voimaan 1.1.2025" in page  # the background, hyphenation joined
    assert "kuvaava otsikko: lähteessä ei ole otsikkoa" in page
    assert "kohdassa 2" in real_case.source_notes
    assert "Huomio lähteestä" in page


def test_the_agreements_data_protection_address_is_one_link(db):
    from agreements.demo import sections

    text = " ".join(text for _n, _t, text in sections())
    assert "https://jamsa.fi/jamsan-kaupunki/info-ja-asiointi/tiedonhallinta/tietosuojaselosteet/" in text
