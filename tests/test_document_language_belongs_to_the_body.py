"""A body's documents are in its official language (#28 item 4): minutes, extracts and the agreement come
out in Finnish or Swedish as the body's language is, whatever the reader's interface language; English
only as an unofficial translation, marked on every page and wholly English where the text is ours."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from core import doclang
from decisions import services
from decisions.models import Body
from organisations.models import Person
from tests.tools import pdf_text

D = datetime.date
APPEAL_TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "decisions" / "appeal"


def test_the_document_is_in_the_bodys_language_whatever_is_asked():
    assert doclang.choose(["fi"]) == doclang.DocumentLanguage("fi", True, ("fi",))
    assert doclang.choose(["fi"], "sv").code == "fi"  # Swedish is not official for a Finnish body
    assert doclang.choose(["sv"], "fi").code == "sv"
    assert doclang.choose(["sv"], None).code == "sv"
    assert doclang.choose(["fi"], "de").code == "fi"


def test_a_bilingual_body_offers_both_official_languages_and_english_unofficially():
    assert doclang.choose(["sv", "fi"], "fi") == doclang.DocumentLanguage("fi", True, ("sv", "fi"))
    english = doclang.choose(["sv", "fi"], "en")
    assert (english.code, english.official, english.main) == ("en", False, "sv")
    assert doclang.choose(["fi", "sv"]).alternatives == ["sv", "en"]


def test_the_database_refuses_a_language_that_is_not_official_or_given_twice(world):
    for language, second in (("en", ""), ("fi", "fi"), ("fi", "en")):
        with pytest.raises(IntegrityError), transaction.atomic():
            Body.objects.create(
                area=world.area, code=f"b-{language}-{second}", name_fi="B", kind="municipal",
                language=language, second_language=second,
            )  # fmt: skip


def test_every_appeal_instruction_has_an_english_rendering():
    finnish = {p.name.removesuffix("_fi.html") for p in APPEAL_TEMPLATES.glob("*_fi.html")}
    english = {p.name.removesuffix("_en.html") for p in APPEAL_TEMPLATES.glob("*_en.html")}
    assert finnish <= english, f"add English renderings of {sorted(finnish - english)}"


@pytest.fixture
def meeting(world):
    """A Swedish-speaking board's decided, checked meeting."""
    body = Body.objects.create(
        area=world.area,
        code="namnd",
        name_fi="Lautakunta",
        name_sv="Nämnden",
        kind="municipal",
        language="sv",
        registry_name="Registratorskontoret",
    )
    actor = world.secretary
    chair = Person.objects.create(organisation=world.org_a, first_name="Stina", last_name="Strand")
    meeting = services.create_meeting(
        body=body, actor=actor, number="2/2025", date=D(2025, 3, 18), chair=chair
    )
    item = services.add_item(
        meeting=meeting,
        actor=actor,
        title="Asia",
        title_sv="Ärendet",
        proposal="Esitys",
        proposal_sv="Förslaget",
    )
    services.record_attendance(meeting=meeting, actor=actor, person=chair, capacity="member")
    services.record_decision(
        item=item,
        outcome="as_proposed",
        decision="Esitys hyväksyttiin.",
        decision_sv="Förslaget godkändes.",
        actor=actor,
        parts=[("rectification", "", "")],
        today=D(2025, 3, 18),
    )
    return meeting


def _pages(response, tmp_path) -> list[str]:
    assert response.status_code == 200
    return [page for page in pdf_text(response.content, tmp_path).split("\f") if page.strip()]


def test_a_swedish_boards_minutes_are_in_swedish_for_a_finnish_reader(meeting, as_secretary, tmp_path):
    as_secretary.cookies["django_language"] = "fi"
    text = "\n".join(_pages(as_secretary.get(reverse("minutes-pdf", args=[meeting.pk])), tmp_path))
    for expected in [
        "PROTOKOLL 2/2025",
        "Nämnden",
        "Ärendet",
        "Förslaget godkändes.",
        "Begäran om omprövning",
    ]:
        assert expected in text, expected
    for finnish in ["PÖYTÄKIRJA", "Päätös", "Oikaisuvaatimusohjeet", "Puheenjohtaja"]:
        assert finnish not in text, finnish


def test_the_extract_follows_the_body_not_the_english_interface(meeting, as_secretary, tmp_path):
    as_secretary.cookies["django_language"] = "en"
    item = meeting.items.get()
    text = "\n".join(_pages(as_secretary.get(reverse("extract-pdf", args=[item.pk])), tmp_path))
    assert "Protokollsutdrag" in text
    assert "Extract from the minutes" not in text


def test_english_is_an_unofficial_translation_marked_on_every_page_and_wholly_english(
    meeting, as_secretary, tmp_path
):
    as_secretary.cookies["django_language"] = "sv"
    pages = _pages(as_secretary.get(reverse("minutes-pdf", args=[meeting.pk]) + "?lang=en"), tmp_path)
    assert len(pages) >= 1
    for page in pages:
        assert "UNOFFICIAL TRANSLATION – the official document is in Swedish" in page
    text = "\n".join(pages)
    for english in [
        "MINUTES 2/2025",
        "Legality and quorum of the meeting",
        "Instructions for a rectification",
    ]:
        assert english in text, english
    # Our own headings and instructions are English; only the secretary's recorded texts are not.
    for ours in ["PROTOKOLL", "Beslut", "Ordförande", "Anvisning för begäran", "PÖYTÄKIRJA", "Päätös"]:
        assert ours not in text, ours


def test_the_agreement_pdf_is_in_the_language_of_the_body_that_approved_it(
    meeting, world, as_secretary, tmp_path
):
    from agreements import services as agreements

    agreement = agreements.create_agreement(
        cooperation=world.area.cooperation, title="Avtal", actor=world.secretary
    )
    agreement.approving_decision = meeting.items.get()
    agreement.save()
    as_secretary.cookies["django_language"] = "fi"
    text = "\n".join(_pages(as_secretary.get(reverse("agreement-pdf", args=[agreement.pk])), tmp_path))
    assert "Parter" in text
    assert "Osapuolet" not in text
    english = _pages(as_secretary.get(reverse("agreement-pdf", args=[agreement.pk]) + "?lang=en"), tmp_path)
    assert all("UNOFFICIAL TRANSLATION" in page for page in english)
