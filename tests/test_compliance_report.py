import datetime
import json

import pytest
import time_machine
from django.core.management import CommandError, call_command


def run(*args) -> tuple[int, str]:
    from io import StringIO

    out = StringIO()
    try:
        call_command("compliance_report", *args, stdout=out)
    except SystemExit as exit_:
        return exit_.code, out.getvalue()
    return 0, out.getvalue()


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2026, 11, 28, 10, tzinfo=datetime.UTC), tick=False)
def test_the_real_case_lists_every_finding_with_citations_and_exits_1():
    call_command("load_demo", verbosity=0)
    code, out = run("--json", "--area", "etela-keski-suomi")
    assert code == 1
    [group] = json.loads(out)["groups"]
    found = sorted((f["rule"], f["severity"]) for f in group["findings"])
    assert found == sorted(
        [
            ("SG-BUSINESS-ID", "error"),  # Jämsä 1068366-0
            ("SG-DEPUTY", "error"),
            ("SG-DEPUTY", "error"),
            ("SG-DEPUTY", "error"),  # Kuittu, Anne Pihl, Anu Pihl
            ("SG-LEADER", "error"),
            ("SG-LEADER", "error"),  # no leading person, no deputy
            ("SG-TERM", "error"),  # the decision gives no term
            ("SG-NOMINATION", "warning"),  # the board's decision date is not in the document
            ("SG-SET-UP", "warning"),
            ("AG-SIGNATORY", "error"),  # Keski-Suomi's signatory is "N.N., titteli"
            *[("AG-SIGNED", "error")] * 6,  # six signatories; the source shows no signature dates
            ("AG-COPIES", "warning"),  # "3 samansisältöistä kappaletta" for 4 parties
            *[("AG-APPROVALS", "warning")] * 3,  # the source shows only Jämsä's approving decision
            ("ST-OBJECTIVES", "warning"),  # no objectives for 2026 (the demo's 2025 ones are examples)
            ("ST-ASSESSED", "warning"),  # the example 2025 staffing review is not assessed
            ("DE-CLAIM-AUTHORITY", "warning"),  # the instructions name the city board (Kuntalaki § 134)
            ("DE-NAMING-APPEALABLE", "warning"),  # "no appeal" on naming members and chair (#28)
            ("SG-VICE-CHAIR-CHOSEN", "warning"),  # the board "chooses" the vice-chair (#28)
        ]
    )
    [claim] = [f["message"] for f in group["findings"] if f["rule"] == "DE-CLAIM-AUTHORITY"]
    assert "kaupunginhallitus" in claim
    assert all(f["citation"] for f in group["findings"])
    # cited from the case's own agreement (#26 item 5): its § 8 is the steering group's section
    assert {f["citation"] for f in group["findings"] if f["rule"] == "SG-DEPUTY"} == {
        "VNA 388/2024 (kokoonpano); sopimuksen 8 §"
    }
    deputies = [f["message"] for f in group["findings"] if f["rule"] == "SG-DEPUTY"]
    assert any("Ulla Kuittu" in m for m in deputies)
    assert any("Anu Pihl" in m for m in deputies)


@pytest.mark.django_db
def test_the_real_case_has_its_chair_and_vice_chair_as_decided():
    from governance.models import Membership

    call_command("load_demo", verbosity=0)
    chair = Membership.objects.get(role="chair", end_date__isnull=True)
    vice = Membership.objects.get(role="vice_chair", end_date__isnull=True)
    assert chair.person.full_name == "Satu Soutolahti"
    assert chair.deputies.get().person.full_name == "Maria Marjeta"
    assert vice.person.full_name == "Ulla Kuittu"
    assert vice.role_named_in.decided_by.full_name == "Jan Tollet"
    assert Membership.objects.filter(capacity="member").count() == 10
    assert Membership.objects.filter(capacity="deputy").count() == 7


@pytest.mark.django_db
def test_a_compliant_group_exits_0(group_world):
    code, out = run()
    assert code == 0
    assert "[error]" not in out


@pytest.mark.django_db
def test_an_unknown_area_is_an_error():
    with pytest.raises(CommandError):
        call_command("compliance_report", "--area", "nowhere")
