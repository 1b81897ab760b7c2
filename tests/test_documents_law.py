"""#28: the first case's source defects are findings with the law that corrects them, and the staffing
rules ask only what the law asks (objectives every year with no fixed date; no assessment before
Act 381/2023 took effect on 1.1.2025)."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import translation

from governance import compliance
from governance.models import SteeringGroup

D = datetime.date


@pytest.fixture
def first_case(db):
    call_command("load_demo", verbosity=0)
    return SteeringGroup.objects.get(set_up_reference="§ 16/2025")


def messages(group, rule, today=None):
    with translation.override("en"):
        found = compliance.evaluate(group, today or D(2025, 5, 1))
        return [f.message for f in found if f.rule == rule]


def test_the_sources_claim_authority_is_a_finding_with_the_reissue_rule(first_case):
    [message] = messages(first_case, "DE-CLAIM-AUTHORITY")
    assert "kaupunginhallitus" in message
    assert "made to the body itself" in message
    assert "Hallintolaki § 49 (3)" in message


def test_the_no_appeal_notice_on_naming_members_and_chair_is_a_finding(first_case):
    [message] = messages(first_case, "DE-NAMING-APPEALABLE")
    assert "§ 16/2025" in message
    assert "final decision" in message
    assert "§ 49 (1), (3)" in message
    first_case.set_up_decision.appeal_parts.filter(kind="no_appeal").delete()
    assert messages(first_case, "DE-NAMING-APPEALABLE") == []


def test_the_board_choosing_the_vice_chair_is_a_finding(first_case):
    [message] = messages(first_case, "SG-VICE-CHAIR-CHOSEN")
    assert "wellbeing services county" in message
    item = first_case.set_up_decision
    item.proposal = "1. asettaa johtoryhmän ja valita jäsenet"
    item.save()
    assert messages(first_case, "SG-VICE-CHAIR-CHOSEN") == []


def test_no_staffing_assessment_is_asked_for_2024(first_case):
    # Act 381/2023 took effect on 1.1.2025: the first assessment concerns 2025.
    assert first_case.term_start is None  # the source gives no term
    assert messages(first_case, "ST-ASSESSED", D(2025, 5, 1)) == []
    assert len(messages(first_case, "ST-ASSESSED", D(2026, 5, 1))) == 1
