"""A calm front page (#29 item 3): work grouped by cooperation, plain words for what is awaited
("waiting for 2 of 3 signatures", not a red error per signature), red only for what is wrong and can
be put right, rule codes and sources only for those who run the cooperation, and alike changes
summarised as one line ("12 seats added")."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from agreements import services as agreement_services
from agreements.models import Signatory
from core.sections import Change, summarise
from governance import services
from organisations.models import Grant
from organisations.services import grant
from tests.factories import PersonFactory, UserFactory
from tests.test_agreements import agreement  # noqa: F401 (the fixture)

D = datetime.date


def page_of(user) -> str:
    client = Client()
    client.force_login(user)
    return client.get("/").content.decode()


def section(page: str, heading_id: str) -> str:
    return page.split(f'id="{heading_id}"')[1].split("</section>")[0]


@pytest.fixture
def out_for_signature(agreement, world):  # noqa: F811 (the imported fixture)
    """test_agreements' agreement out for signature among three parties, one of which has signed."""
    version = agreement.versions.get()
    agreement_services.record_signature(
        version=version,
        signatory=Signatory.objects.get(party__agreement=agreement, party__order=1),
        signed_on=D(2025, 4, 10),
        actor=world.secretary,
        esignature_reference="VRK-1",
    )
    return agreement


def test_signatures_awaited_are_one_calm_line_not_an_error_per_signatory(world, out_for_signature):
    findings = section(page_of(world.editor_a), "findings-heading")
    assert "Odottaa 2/3 allekirjoitusta: sopimus tulee voimaan, kun kaikki osapuolet" in findings
    line = findings.split("Odottaa 2/3")[0].rsplit("<li", 1)[1]
    assert "finding-waiting" in line
    assert "finding-error" not in line
    assert "Katso tilanne" in findings
    # Each signature still missing is listed under the line, not as a red box of its own.
    assert findings.count("ei ole allekirjoittanut") == 2
    assert findings.count("finding-error") == 0


def test_the_secretarys_work_reads_the_missing_signatures_as_one_line(world, out_for_signature):
    tasks = section(page_of(world.secretary), "tasks-heading")
    assert tasks.count("ei ole vielä allekirjoittanut") == 0
    [line] = [row for row in tasks.split("<tr")[1:] if "allekirjoitus puuttuu" in row]
    assert "allekirjoitus puuttuu vielä 2 osapuolelta (osapuolia yhteensä 3): " in line
    assert "Hyvinvointialue B" in line  # the parties still to sign are named on the line
    assert ">avoin<" in line  # a weekly reminder's day is this week's, not a deadline missed
    assert "myöhässä" not in line
    # an editor of one party sees that party's own line, in its own words
    own = section(page_of(world.editor_b), "tasks-heading")
    assert "Hyvinvointialue B ei ole vielä allekirjoittanut" in own


def test_rule_codes_and_sources_are_for_those_who_run_the_cooperation(world, out_for_signature):
    secretary = UserFactory(username="yhteistoiminnan_sihteeri")
    grant(
        user=secretary,
        role=Grant.Role.SECRETARY,
        organisation=world.org_a,
        cooperation=world.area.cooperation,
        actor=world.secretary,
    )
    assert "Sääntö AG-SIGNED" in section(page_of(secretary), "findings-heading")
    assert "AG-SIGNED" not in page_of(world.editor_a)


def test_what_is_wrong_comes_before_what_is_awaited_and_says_put_right(world, group_world, out_for_signature):
    services.end_seat(
        seat=_deputy_of(group_world),
        end_date=timezone.localdate() - datetime.timedelta(days=1),
        reason="resigned",
        actor=world.secretary,
    )
    findings = section(page_of(world.editor_a), "findings-heading")
    wrong = findings.index("ei ole henkilökohtaista varajäsentä")
    awaited = findings.index("Odottaa 2/3")
    assert wrong < awaited
    assert "Korjattavaa" in findings[:wrong]
    assert "Korjaa" in findings[wrong:awaited]


def _deputy_of(group_world):
    from governance.models import Membership

    return Membership.objects.get(deputy_of=group_world.chair)


def test_many_seats_added_are_one_line_with_the_seats_underneath(world, group_world):
    for n in range(12):
        person = PersonFactory(organisation=world.org_a, first_name=f"Uusi{n}", last_name="Jäsen")
        services.seat_member(nomination=group_world.nomination_a, person=person, actor=world.secretary)
    changes = section(page_of(world.editor_a), "changes-heading")
    # The group's eleven seats of the fixture and the twelve new ones, all since the (first) visit.
    assert changes.count("paikkaa lisätty: TYM-johtoryhmä, Alueen A työllisyysalue</a>") == 1  # one line
    listed = changes.split("paikkaa lisätty", 1)[1].split("</details>")[0]
    assert "Uusi0 Jäsen" in listed  # each under the one line
    assert "Uusi11 Jäsen" in listed


def test_summarise_keeps_a_single_change_in_its_own_words_and_counts_alike_ones():
    now = timezone.now()

    def seat(n: int, key: str = "seat+:1") -> Change:
        at = now - datetime.timedelta(minutes=n)
        return Change(at, f"P{n} lisätty", "/g/1/", "S", key, lambda c: f"{c} lisätty")

    lines = summarise([seat(1), Change(now, "muu", "/x/"), seat(2), seat(3, "seat+:2")])
    assert [line.text for line in lines] == ["2 lisätty", "muu", "P3 lisätty"]
    assert [c.text for c in lines[0].details] == ["P1 lisätty", "P2 lisätty"]
    assert lines[2].details == []
