"""The two court routes (#13 item 4): the municipal appeal (kunnallisvalitus, Kuntalaki § 135) only against
a council's decision or a decision on a rectification claim, with municipal members' standing only where
§ 137 gives it; the appeal under a special act (hallintovalitus) otherwise; and the court's instructions
naming the route, who may appeal, the grounds, the periods per recipient, the court and how to reach it,
the contents and attachments of an appeal and the fee with its exemption (dated data)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from decisions import appeals, rules, services
from decisions.models import AgendaItem, AppealPart, Body, Claim, Meeting, Notification
from registers.models import CourtFee

D = datetime.date

COURT = {
    "court_fi": "Vaasan hallinto-oikeus",
    "court_sv": "Vasa förvaltningsdomstol",
    "court_address": "PL 204\n65101 Vaasa",
    "court_email": "vaasa.hao@oikeus.fi",
    "court_eservice": "https://asiointi.oikeus.fi/hallintotuomioistuimet",
    "court_hours_fi": "Kirjaamo on avoinna arkisin klo 8.00–16.15.",
    "court_hours_sv": "Registratorskontoret är öppet vardagar kl. 8.00–16.15.",
}


def _body(world, code: str, **fields) -> Body:
    defaults = {"kind": "municipal", "registry_name": "Kirjaamo", "registry_closes_at": datetime.time(15)}
    return Body.objects.create(area=world.area, code=code, name_fi=code.title(), **{**defaults, **fields})


def _item(body: Body, day: D, number: int = 1, **fields) -> AgendaItem:
    meeting = Meeting.objects.create(body=body, date=day)
    return AgendaItem.objects.create(
        meeting=meeting, body=body, year=day.year, number=number, title="Asia", proposal="Ehdotus", **fields
    )


@pytest.fixture
def board(world):
    return _body(world, "lautakunta", **COURT)


@pytest.fixture
def council(world):
    return _body(world, "valtuusto", council=True, **COURT)


# Which instructions a body's decisions can carry.


def test_a_boards_own_decision_goes_to_a_rectification_claim_never_straight_to_a_municipal_appeal(board):
    assert rules.appeal_kinds(board) == ["no_appeal", "rectification", "admin_rectification", "court_appeal"]


def test_a_council_decision_goes_straight_to_the_municipal_appeal(council):
    assert rules.appeal_kinds(council) == [
        "no_appeal",
        "municipal_appeal",
        "admin_rectification",
        "court_appeal",
    ]


def test_a_decision_on_a_claim_can_carry_the_municipal_appeal(board):
    assert "municipal_appeal" in rules.appeal_kinds(board, decides_claim=True)


def test_a_cooperation_body_has_neither_claim_nor_municipal_appeal(world):
    group = _body(world, "johtoryhma", kind="cooperation")
    assert rules.appeal_kinds(group) == ["no_appeal", "admin_rectification", "court_appeal"]


def test_a_council_is_a_municipal_body_in_the_database(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        _body(world, "x", kind="cooperation", council=True)


def test_a_municipal_appeal_part_on_a_boards_own_decision_is_refused_and_nothing_saved(board, world):
    item = _item(board, D(2025, 3, 18))
    with translation.override("fi"), pytest.raises(ValidationError) as info:
        services.record_decision(
            item=item,
            outcome="as_proposed",
            decision="Hyväksyttiin.",
            decision_sv="",
            parts=[("municipal_appeal", "", "")],
            actor=world.secretary,
        )
    assert "Kunnallisvalituksen voi tehdä vain valtuuston päätöksestä" in info.value.message_dict["parts"][0]
    item.refresh_from_db()
    assert item.outcome == ""
    assert not AppealPart.objects.exists()
    with translation.override("en"), pytest.raises(ValidationError, match="only against a council"):
        AppealPart(item=item, kind="municipal_appeal").full_clean()


def test_the_decision_form_offers_a_board_no_municipal_appeal(board, as_secretary):
    item = _item(board, D(2025, 3, 18))
    page = as_secretary.get(reverse("decision-record", args=[item.pk])).text
    assert 'value="rectification"' in page
    assert 'value="municipal_appeal"' not in page


# Who has a period: municipal members only where they have standing (§ 137, § 140).


def _published(item: AgendaItem, day: D) -> None:
    Meeting.objects.filter(pk=item.meeting_id).update(checked_on=day, published_on=day)
    item.meeting.refresh_from_db()


def test_members_have_a_period_against_a_council_decision(council):
    item = _item(council, D(2025, 3, 18))
    AppealPart.objects.create(item=item, kind="municipal_appeal")
    _published(item, D(2025, 3, 26))
    Notification.objects.create(item=item, recipient="Yhtiö Oy", method="letter", sent_on=D(2025, 3, 26))
    periods = {p.who: p.computation.last_day for p in appeals.status(item).periods}
    # Published 26.3 → members informed 2.4 → day 30 is Fri 2.5.2025.
    assert periods["kunnan jäsenet"] == D(2025, 5, 2)
    # Letter 26.3 → received 2.4 → the same day.
    assert periods["Yhtiö Oy"] == D(2025, 5, 2)


def test_members_have_no_period_under_a_special_act(board):
    item = _item(board, D(2025, 3, 18))
    AppealPart.objects.create(item=item, kind="court_appeal")
    _published(item, D(2025, 3, 26))
    Notification.objects.create(item=item, recipient="Yhtiö Oy", method="letter", sent_on=D(2025, 3, 26))
    status = appeals.status(item)
    assert [p.who for p in status.periods] == ["Yhtiö Oy"]
    # Final after the party's period ends: Fri 2.5 → 3.5.2025.
    assert status.final_on == D(2025, 5, 3)
    # ... and the personal data has no members' period to wait for.
    # no members' period: personal data comes off after the parties' (#28)
    assert status.personal_data_removed_on == status.last_day + datetime.timedelta(days=1)


def test_members_have_no_period_against_a_decision_that_rejected_a_claim(board, world):
    original = _item(board, D(2025, 3, 18), number=1)
    part = AppealPart.objects.create(item=original, kind="rectification")
    claim = Claim.objects.create(
        item=original, part=part, claimant="Aino", received_on=D(2025, 4, 1), standing="member"
    )
    on_claim = _item(board, D(2025, 4, 15), number=2)
    services.decide_claim(claim=claim, outcome="rejected", decided_in=on_claim, actor=world.secretary)
    _published(on_claim, D(2025, 4, 22))
    status = appeals.status(on_claim)
    assert status.periods == []  # only the claimant may appeal, from their own notification
    Claim.objects.filter(pk=claim.pk).update(outcome="upheld")
    on_claim = AgendaItem.objects.get(pk=on_claim.pk)
    # A claim that changed the decision gives the members their standing again (§ 137 (3)).
    assert [p.who for p in appeals.status(on_claim).periods] == ["kunnan jäsenet"]


# The instructions themselves.


@pytest.fixture
def council_decision(council, world):
    item = _item(council, D(2025, 3, 18), decision="Hyväksyttiin.", outcome="as_proposed")
    AppealPart.objects.create(item=item, kind="municipal_appeal")
    Notification.objects.create(item=item, recipient="Yhtiö Oy", method="letter", sent_on=D(2025, 3, 26))
    _published(item, D(2025, 3, 26))
    return item


def test_the_municipal_appeal_instructions_say_everything_an_appellant_needs(council_decision, as_secretary):
    page = as_secretary.get(reverse("item-detail", args=[council_decision.pk])).text
    assert "kunnallisvalituksella" in page
    assert "kunnan jäsen" in page
    assert "virheellisessä järjestyksessä" in page
    assert "ylittänyt toimivaltansa" in page
    assert "30 päivän kuluessa" in page
    assert "yleiseen tietoverkkoon 26.3.2025" in page
    assert "Yhtiö Oy: tiedoksisaanti 2.4.2025, valitusajan viimeinen päivä 2.5.2025" in page
    for value in ("Vaasan hallinto-oikeus", "65101 Vaasa", "vaasa.hao@oikeus.fi", "asiointi.oikeus.fi"):
        assert value in page
    assert "klo 8.00–16.15" in page
    assert "16 §" in page
    assert "17 §" in page
    assert "310 euroa" in page  # the 2025 fee, read from the dated data
    assert "valittajan eduksi" in page  # ... and its exemption (tuomioistuinmaksulaki § 9)


def test_the_swedish_court_instructions_use_the_swedish_court_data(council_decision, as_secretary):
    as_secretary.cookies["django_language"] = "sv"
    page = as_secretary.get(reverse("item-detail", args=[council_decision.pk])).text
    assert "kommunalbesvär" in page
    assert "Vasa förvaltningsdomstol" in page
    assert "Registratorskontoret är öppet" in page
    assert "310 euro" in page
    assert "Översättning som service: domstolens" not in page


def test_the_swedish_text_labels_finnish_court_data_as_such(council_decision, as_secretary):
    Body.objects.filter(pk=council_decision.body_id).update(court_sv="", court_hours_sv="")
    as_secretary.cookies["django_language"] = "sv"
    page = as_secretary.get(reverse("item-detail", args=[council_decision.pk])).text
    assert "Översättning som service: domstolens" in page
    assert '<span lang="fi">Vaasan hallinto-oikeus</span> (på finska)' in page


def test_the_fee_is_the_one_of_the_year_the_appeal_is_filed_and_never_guessed(board, world, as_secretary):
    item = _item(board, D(2026, 3, 18), decision="x", outcome="as_proposed")
    AppealPart.objects.create(item=item, kind="court_appeal")
    page = as_secretary.get(reverse("item-detail", args=[item.pk])).text
    assert "310 euroa" not in page
    assert "sinä vuonna, jona valitus tehdään" in page
    assert "Vuoden 2026 maksua ei ole kirjattu" in page
    assert "vahvistetaan vuosittain" in page
    CourtFee.objects.create(valid_from=D(2026, 1, 1), valid_to=D(2026, 12, 31), amount=320, source="testi")
    assert "320 euroa" in as_secretary.get(reverse("item-detail", args=[item.pk])).text


def test_a_court_fee_period_cannot_end_before_it_starts(db):
    with pytest.raises(ValidationError):
        CourtFee(valid_from=D(2027, 1, 1), valid_to=D(2026, 1, 1), amount=1, source="x").full_clean()


def test_the_special_act_instructions_give_members_no_standing(board, as_secretary):
    item = _item(board, D(2025, 3, 18), decision="x", outcome="as_proposed")
    AppealPart.objects.create(item=item, kind="court_appeal")
    page = as_secretary.get(reverse("item-detail", args=[item.pk])).text
    assert "hallintovalitus" in page
    assert "Kunnan jäsenellä ei ole jäsenyytensä perusteella valitusoikeutta" in page
    assert "pöytäkirja on nähtävänä yleisessä tietoverkossa (kuntalaki 140 §)" not in page


def test_minutes_with_a_court_appeal_are_not_published_without_the_courts_address(world):
    body = _body(world, "ilman-tuomioistuinta")
    item = _item(body, D(2025, 3, 18), decision="x", outcome="as_proposed")
    AppealPart.objects.create(item=item, kind="court_appeal")
    Meeting.objects.filter(pk=item.meeting_id).update(checked_on=D(2025, 3, 20))
    item.meeting.refresh_from_db()
    with translation.override("en"), pytest.raises(ValidationError, match="record the court"):
        services.publish_minutes(meeting=item.meeting, published_on=D(2025, 3, 26), actor=world.secretary)
    assert not Meeting.objects.get(pk=item.meeting_id).published_on


def test_the_secretary_records_the_court_in_the_portal_and_others_cannot(board, as_secretary, as_editor_a):
    url = reverse("body-edit", args=[board.pk])
    data = {**COURT, "court_fi": "Hämeenlinnan hallinto-oikeus", "registry_name": "Kirjaamo"}
    data["language"] = "fi"  # the body's official language, as the form's select sends it
    assert as_editor_a.post(url, data).status_code == 403
    assert as_secretary.get(url).status_code == 200
    assert as_secretary.post(url, {**data, "court_eservice": "not a url"}).status_code == 400
    assert Body.objects.get(pk=board.pk).court_fi == "Vaasan hallinto-oikeus"
    assert as_secretary.post(url, data).status_code == 302
    assert Body.objects.get(pk=board.pk).court_fi == "Hämeenlinnan hallinto-oikeus"


def test_the_calculator_endpoint_knows_the_municipal_appeal(client):
    answer = client.get("/api/v1/deadlines/?kind=municipal_appeal&method=publication&date=2025-03-26").json()
    assert answer["period_days"] == 30
    assert answer["last_day"] == "2025-05-02"


# #28: the law each text cites.


def test_the_special_act_appeal_is_not_limited_to_unlawfulness(board):
    # The limit to unlawfulness is the municipal appeal's (Kuntalaki § 135), not a hallintovalitus's.
    from django.template.loader import render_to_string

    item = _item(board, D(2025, 3, 18), decision="x", outcome="as_proposed")
    context = {"item": item, "body": board, "days": {"court_appeal": 30}, "court": board.court()}
    finnish = render_to_string("decisions/appeal/court_appeal_fi.html", context)
    swedish = render_to_string("decisions/appeal/court_appeal_sv.html", context)
    assert "lainvastainen" not in finnish
    assert "(808/2019, 15 §)" in finnish
    assert "strider mot lag" not in swedish
    assert "(808/2019, 15 §)" in swedish
    municipal = render_to_string("decisions/appeal/municipal_appeal_fi.html", context)
    assert "muuten lainvastainen (kuntalaki 135 §)" in municipal


def test_a_cooperation_bodys_no_appeal_notice_does_not_cite_the_local_government_act(world, board):
    # The steering group is no municipal body: preparation only is unappealable under Act 808/2019 § 6 (2).
    from django.template.loader import render_to_string

    group = _body(world, "johtoryhma", kind="cooperation")
    for body, cited, not_cited in [
        (group, "808/2019, 6 §:n 2 momentti", "kuntalain 136"),
        (board, "kuntalain 136", "808/2019"),
    ]:
        item = _item(body, D(2025, 3, 18), decision="x", outcome="as_proposed")
        text = render_to_string("decisions/appeal/no_appeal_fi.html", {"item": item})
        assert cited in text
        assert not_cited not in text
        swedish = render_to_string("decisions/appeal/no_appeal_sv.html", {"item": item})
        assert ("808/2019" in swedish) == (body == group)


def test_a_claim_against_a_cooperation_bodys_no_appeal_part_cites_act_808(world):
    group = _body(world, "johtoryhma", kind="cooperation")
    item = _item(group, D(2025, 3, 18), decision="x", outcome="as_proposed")
    part = AppealPart.objects.create(item=item, kind="no_appeal")
    claim = Claim.objects.create(
        item=item, part=part, claimant="Asukas", received_on=D(2025, 3, 20), standing="party"
    )
    with translation.override("en"):
        review = appeals.review_claim(claim, item, [])
    assert review.admissible is False
    assert review.reasons == ["No appeal lies against this part of the decision (Act 808/2019 § 6 (2))."]
