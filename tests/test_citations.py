"""Rules cite each cooperation's own agreement (#26 item 5): the section its agreement records for the
topic, or the topic without a number and a finding that the mapping is missing; its parties' own
approving decisions; and nothing in the rules, templates or messages names the first case's numbers."""

import ast
import datetime
import re
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.utils import translation

from agreements import services
from agreements.models import Agreement, AgreementParty, PartyApproval, Section, TopicSection, Version
from governance import compliance
from governance.citations import Topic
from governance.models import SteeringGroup

ROOT = Path(__file__).resolve().parent.parent
TODAY = datetime.date(2026, 11, 28)
D = datetime.date

# "sopimus § 8", "agreement §§ 2, 8", "yhteistyösopimus 10 §", "avtalet 11 §": a fixed section of an
# agreement, which only the cooperation's own agreement can give.
FIXED_SECTION = re.compile(r"(?i)\b(\w*sopimu\w*|agreement|avtal\w*)\s+(§+\s*\d|\d+\s*§)")
FIRST_CASE = "16/2025"


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


# What nobody may write: the first case's numbers in the rules, the pages or their messages.


def _product_modules() -> list[Path]:
    """Every module of the apps whose rules, views and messages cite the agreement; the demo steps are
    the first case's own data and may name it."""
    found = []
    for app in ("agreements", "governance", "staffing", "costs", "decisions", "accessrights"):
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts or path.name == "demo.py":
                continue
            found.append(path)
    return sorted(found)


def _strings(path: Path) -> list[tuple[int, str]]:
    """The string constants of PATH that can reach a reader: not its docstrings, not its comments."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_no_module_names_the_first_cases_decision_or_a_fixed_agreement_section():
    offending = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path in _product_modules()
        for line, text in _strings(path)
        if FIRST_CASE in text or FIXED_SECTION.search(text)
    ]
    assert offending == []


def test_no_template_names_the_first_cases_decision_or_a_fixed_agreement_section():
    templates = sorted((ROOT / "templates").rglob("*.html"))
    assert len(templates) > 50
    offending = []
    for path in templates:
        text = re.sub(r"{#.*?#}", "", path.read_text(encoding="utf-8"), flags=re.S)
        for n, line in enumerate(text.splitlines(), start=1):
            if FIRST_CASE in line or FIXED_SECTION.search(line):
                offending.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()[:120]}")
    assert offending == []


def test_no_rule_cites_a_fixed_agreement_section():
    for code, rule_ in compliance.REGISTRY.items():
        written = rule_.citation if isinstance(rule_.citation, str) else rule_.citation.law
        assert FIRST_CASE not in written, code
        assert not FIXED_SECTION.search(written), code


def test_the_scan_finds_what_it_looks_for():
    # The patterns above must catch the forms the first case's citations were written in.
    for text in ["sopimus § 8", "sopimus §§ 2, 8", "yhteistyösopimus 10 §", "agreement § 11", "avtalet 11 §"]:
        assert FIXED_SECTION.search(text), text
    for text in ["Kuntalaki 410/2015 § 134", "VNA 388/2024 (kokoonpano)", "Laki 381/2023 § 9"]:
        assert not FIXED_SECTION.search(text), text


# Each cooperation's own sections.


def _agreement(cooperation, title="Yhteistyösopimus", sections=(2, 5, 8, 11, 13)):
    agreement = Agreement.objects.create(cooperation=cooperation, title=title, status="approved")
    version = Version.objects.create(agreement=agreement, number=1, kind="original")
    for number in sections:
        Section.objects.create(version=version, number=number, title=f"Kohta {number}", text="…")
    return agreement


def _finding(group, code, today=TODAY):
    found = [f for f in compliance.evaluate(group, today) if f.rule == code]
    assert found, f"{code} found nothing"
    return found[0]


def _without_a_leader(group):
    group.leadership.all().delete()  # SG-LEADER: a finding that cites the steering group's section


def test_a_rule_cites_the_section_this_cooperations_agreement_records(group_world, world):
    group = group_world.group
    _without_a_leader(group)
    agreement = _agreement(world.area.cooperation)
    TopicSection.objects.create(agreement=agreement, topic=Topic.STEERING_GROUP, section_number=5)
    assert _finding(group, "SG-LEADER").citation == "VNA 388/2024 (johtava henkilö); agreement § 5"

    services.set_topic_section(agreement=agreement, topic="steering_group", section_number=8, actor=None)
    assert _finding(group, "SG-LEADER").citation == "VNA 388/2024 (johtava henkilö); agreement § 8"


def test_an_unmapped_topic_is_cited_without_a_number_and_the_missing_mapping_is_a_finding(group_world, world):
    group = group_world.group
    _without_a_leader(group)
    agreement = _agreement(world.area.cooperation)
    TopicSection.objects.create(agreement=agreement, topic=Topic.PARTIES, section_number=2)
    finding = _finding(group, "SG-LEADER")
    assert finding.citation == (
        "VNA 388/2024 (johtava henkilö); the agreement's section on steering group and leading person"
    )
    [missing] = [f.message for f in compliance.evaluate(group, TODAY) if f.rule == "AG-CITATIONS"]
    assert missing == (
        "The agreement does not record which of its sections covers objectives, staffing, steering group "
        "and leading person, costs, customer register and access rights, entry into force, amendments, "
        "copies, termination, disputes, signatures: the rules cite them without a section number."
    )


def test_several_topics_in_one_citation(group_world, world):
    agreement = _agreement(world.area.cooperation)
    TopicSection.objects.create(agreement=agreement, topic=Topic.PARTIES, section_number=2)
    TopicSection.objects.create(agreement=agreement, topic=Topic.STEERING_GROUP, section_number=8)
    # org_b and Kela sit in the group but are not parties of this agreement: AG-PARTIES
    assert _finding(group_world.group, "AG-PARTIES").citation == "agreement §§ 2, 8"


def test_a_mapping_to_a_section_the_text_lacks_is_a_finding(group_world, world):
    agreement = _agreement(world.area.cooperation)
    TopicSection.objects.create(agreement=agreement, topic=Topic.DISPUTES, section_number=12)
    messages = [f.message for f in compliance.evaluate(group_world.group, TODAY) if f.rule == "AG-CITATIONS"]
    assert "§ 12, recorded as the section on disputes, is not in the agreement's text." in messages


def test_the_section_must_be_in_the_text_and_a_topic_is_mapped_once(world):
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    agreement = _agreement(world.area.cooperation)
    with pytest.raises(ValidationError) as refused:
        services.set_topic_section(agreement=agreement, topic="disputes", section_number=12, actor=None)
    assert "no section with this number" in str(refused.value)
    services.set_topic_section(agreement=agreement, topic="disputes", section_number=11, actor=None)
    services.set_topic_section(agreement=agreement, topic="disputes", section_number=13, actor=None)
    assert TopicSection.objects.get(agreement=agreement, topic="disputes").section_number == 13
    with pytest.raises(IntegrityError), transaction.atomic():
        TopicSection.objects.create(agreement=agreement, topic="disputes", section_number=2)


def test_without_an_agreement_the_rules_cite_topics_without_numbers(group_world):
    group = group_world.group
    _without_a_leader(group)
    finding = _finding(group, "SG-LEADER")
    assert "§" not in finding.citation
    assert "the agreement's section on steering group and leading person" in finding.citation


def test_two_cooperations_each_cite_their_own_agreement(group_world, world):
    """Evaluated together (evaluate_many: facts loaded at once), each group cites its own sections."""
    other = SteeringGroup.objects.create(cooperation=world.other_area.cooperation)
    _without_a_leader(group_world.group)
    mine = _agreement(world.area.cooperation)
    theirs = _agreement(world.other_area.cooperation, title="Toinen sopimus", sections=(3,))
    TopicSection.objects.create(agreement=mine, topic=Topic.STEERING_GROUP, section_number=8)
    TopicSection.objects.create(agreement=theirs, topic=Topic.STEERING_GROUP, section_number=3)
    found = compliance.evaluate_many([group_world.group, other], TODAY)
    cited = {
        group_id: {f.citation for f in findings if f.rule == "SG-LEADER"}
        for group_id, findings in found.items()
    }
    assert cited == {
        group_world.group.pk: {"VNA 388/2024 (johtava henkilö); agreement § 8"},
        other.pk: {"VNA 388/2024 (johtava henkilö); agreement § 3"},
    }


def test_the_nomination_rule_cites_the_parties_own_approving_decisions(group_world, world):
    group = group_world.group
    group_world.nomination_b.decided_on = None  # SG-NOMINATION: a date not recorded
    group_world.nomination_b.save()
    assert _finding(group, "SG-NOMINATION").citation.endswith(
        "the parties' approving decisions (not recorded)"
    )
    agreement = _agreement(world.area.cooperation)
    party = AgreementParty.objects.create(agreement=agreement, organisation=world.org_a)
    PartyApproval.objects.create(
        party=party, body="Lautakunta", decided_on=D(2026, 2, 10), section="§ 7/2026"
    )
    citation = _finding(group, "SG-NOMINATION").citation
    assert citation.startswith("VNA 388/2024 (nimeäminen); the agreement's section on steering group")
    assert citation.endswith("approving decisions: Lautakunta § 7/2026, 10.2.2026")


def test_the_agreement_page_cites_the_termination_section_its_agreement_records(world, as_secretary):
    agreement = _agreement(world.area.cooperation)
    page = as_secretary.get(f"/agreements/{agreement.pk}/").content.decode()
    assert "viimeinen toimitus ratkaisee (sopimuksen kohta (irtisanominen))" in page
    TopicSection.objects.create(agreement=agreement, topic=Topic.TERMINATION, section_number=11)
    page = as_secretary.get(f"/agreements/{agreement.pk}/").content.decode()
    assert "viimeinen toimitus ratkaisee (sopimuksen 11 §)" in page
    assert "Säännöissä viitatut kohdat" in page


def test_the_secretary_records_the_section_of_a_topic_in_the_portal(world, as_secretary, as_editor_a):
    agreement = _agreement(world.area.cooperation)
    url = f"/agreements/{agreement.pk}/topics/"
    assert as_editor_a.get(url).status_code == 404
    assert as_editor_a.post(url, {"topic": "costs", "section_number": 5}).status_code == 404
    assert not TopicSection.objects.exists()
    refused = as_secretary.post(url, {"topic": "costs", "section_number": 9})
    assert refused.status_code == 400
    assert "Sopimuksessa ei ole kohtaa tällä numerolla." in refused.content.decode()
    assert as_secretary.post(url, {"topic": "costs", "section_number": 5}).status_code == 302
    assert TopicSection.objects.get(agreement=agreement).section_number == 5


@time_machine.travel("2026-03-20 10:00 +0200", tick=False)
def test_the_first_cases_agreement_maps_its_own_sections(db):
    """The demo steps (the case file is built from them) record § 8 for the steering group, § 11 for
    termination, and Jämsä's approval § 16/2025; the other parties' approvals are not in the source."""
    from core.demo import DemoContext, run_steps

    ctx = DemoContext()
    run_steps(ctx, settings.DOMAIN_APPS)
    agreement = ctx["agreement"]
    sections = dict(agreement.topic_sections.values_list("topic", "section_number"))
    assert sections == {
        "parties": 2,
        "objectives": 4,
        "staffing": 6,
        "steering_group": 8,
        "costs": 9,
        "access_rights": 10,
        "entry_into_force": 11,
        "amendments": 11,
        "copies": 11,
        "termination": 11,
        "disputes": 12,
        "signatures": 13,
    }
    group = SteeringGroup.objects.get(cooperation=ctx["cooperation"])
    findings = compliance.evaluate(group)
    assert {f.citation for f in findings if f.rule == "SG-DEPUTY"} == {
        "VNA 388/2024 (kokoonpano); agreement § 8"
    }
    assert not [f for f in findings if f.rule == "AG-CITATIONS"]
    [nominations] = {f.citation for f in findings if f.rule == "SG-NOMINATION"} or {""}
    assert "approving decisions: Eteläisen Keski-Suomen työllisyysaluelautakunta § 16/2025" in nominations
    missing = [f.message for f in findings if f.rule == "AG-APPROVALS"]
    assert len(missing) == 3  # the two counties and Kela
