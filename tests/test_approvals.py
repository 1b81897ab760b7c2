"""Each party's own decision approving the agreement (#26 item 6): recorded by an editor acting for the
party in the agreement's cooperation or by the cooperation's secretary, refused to anyone else with a
404; the agreement page shows whose approvals are missing; the rules flag missing approvals and a
signature dated before its party's approval."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from agreements import services
from agreements.models import PartyApproval
from governance import compliance
from tests.browser import assert_accessible, log_in
from tests.test_agreement_lifecycle import approving, draft, name_signatories  # noqa: F401

D = datetime.date


def _party(agreement, organisation):
    return agreement.parties.get(organisation=organisation)


def _findings(group, code):
    with translation.override("en"):
        return [f for f in compliance.evaluate(group) if f.rule == code]


# The record and its rules


def test_an_approval_is_recorded_and_corrected_with_its_history(world, draft):  # noqa: F811
    party = _party(draft, world.org_b)
    first = services.record_approval(
        party=party, body="Aluehallitus", decided_on=D(2026, 1, 20), section="§ 12", actor=world.secretary
    )
    again = services.record_approval(
        party=party,
        body="Aluehallitus",
        decided_on=D(2026, 1, 20),
        section="§ 12",
        reference="DNo 45/2026",
        actor=world.secretary,
    )
    assert again.pk == first.pk
    assert PartyApproval.objects.get().reference == "DNo 45/2026"
    assert first.history.count() == 2
    assert str(again) == "Aluehallitus § 12, 20.1.2026, DNo 45/2026"


def test_an_approval_needs_its_body_and_a_section_or_reference_and_no_future_date(world, draft):  # noqa: F811
    party = _party(draft, world.org_b)
    with pytest.raises(ValidationError):
        services.record_approval(party=party, body="Aluehallitus", decided_on=D(2026, 1, 20), actor=None)
    with pytest.raises(ValidationError):
        services.record_approval(party=party, body="", decided_on=D(2026, 1, 20), section="§ 1", actor=None)
    with pytest.raises(ValidationError):
        services.record_approval(
            party=party, body="Aluehallitus", decided_on=D(2100, 1, 1), section="§ 1", actor=None
        )
    assert not PartyApproval.objects.exists()


def test_the_employment_authoritys_approving_decision_is_its_own_approval(world, draft, approving):  # noqa: F811
    services.approve(agreement=draft, decision=approving, actor=world.secretary)
    approval = PartyApproval.objects.get()
    assert approval.party.organisation == world.org_a
    assert (approval.body, approval.section, approval.decided_on) == (
        "Lautakunta",
        approving.section,
        D(2026, 2, 10),
    )


def test_missing_approvals_are_flagged_once_the_agreement_is_approved(world, group_world, draft, approving):  # noqa: F811
    assert _findings(group_world.group, "AG-APPROVALS") == []  # a draft: nobody has decided yet
    services.approve(agreement=draft, decision=approving, actor=world.secretary)
    messages = sorted(f.message for f in _findings(group_world.group, "AG-APPROVALS"))
    assert messages == [
        "Hyvinvointialue B has not recorded its decision approving the agreement.",
        "Kansaneläkelaitos has not recorded its decision approving the agreement.",
    ]
    for organisation, body in [(world.org_b, "Aluehallitus"), (group_world.kela, "Kelan johtokunta")]:
        services.record_approval(
            party=_party(draft, organisation),
            body=body,
            decided_on=D(2026, 1, 20),
            section="§ 12",
            actor=world.secretary,
        )
    assert _findings(group_world.group, "AG-APPROVALS") == []


def test_a_signature_before_its_partys_approval_is_an_error(world, group_world, draft, approving):  # noqa: F811
    actor = world.secretary
    services.approve(agreement=draft, decision=approving, actor=actor)
    signatories = name_signatories(draft, actor)
    services.send_for_signature(agreement=draft, actor=actor)
    services.record_approval(
        party=_party(draft, world.org_b),
        body="Aluehallitus",
        decided_on=D(2026, 3, 2),
        section="§ 20",
        actor=actor,
    )
    for organisation, day in [(world.org_a, D(2026, 2, 20)), (world.org_b, D(2026, 2, 25))]:
        services.record_signature(
            version=draft.versions.get(),
            signatory=signatories[organisation.pk],
            signed_on=day,
            esignature_reference="x",
            actor=actor,
        )
    [finding] = _findings(group_world.group, "AG-APPROVAL-BEFORE-SIGNING")
    assert finding.severity == "error"
    assert "on 25.02.2026, before the party approved the agreement on 02.03.2026" in finding.message
    assert "Aluehallitus § 20, 2.3.2026" in finding.citation  # the parties' own decisions, as recorded


# The portal: who records, who is refused


def _url(party):
    return f"/agreement-parties/{party.pk}/approval/"


FORM = {"body": "Kaupunginhallitus", "decided_on": "2026-01-12", "section": "§ 5", "reference": ""}


def test_an_editor_records_their_own_partys_approval(world, draft, as_editor_a):  # noqa: F811
    party = _party(draft, world.org_a)
    assert as_editor_a.get(_url(party)).status_code == 200
    response = as_editor_a.post(_url(party), FORM)
    assert response.status_code == 302
    approval = PartyApproval.objects.get(party=party)
    assert (approval.body, approval.section, approval.decided_on) == (
        "Kaupunginhallitus",
        "§ 5",
        D(2026, 1, 12),
    )
    assert approval.history.get().history_user == world.editor_a


@pytest.mark.parametrize("persona", ["as_editor_a", "as_member", "as_outsider"])
def test_anyone_but_the_partys_editor_or_the_secretary_is_refused_with_404(request, world, draft, persona):  # noqa: F811
    client = request.getfixturevalue(persona)
    party = _party(draft, world.org_b)
    assert client.get(_url(party)).status_code == 404
    assert client.post(_url(party), FORM).status_code == 404
    assert not PartyApproval.objects.exists()


def test_an_editor_of_the_same_organisation_in_another_cooperation_is_refused(world, draft):  # noqa: F811
    """The right is one cooperation's: acting for org A elsewhere does not reach this agreement."""
    from organisations import services as rights
    from tests.conftest import client_for
    from tests.factories import ParticipationFactory, UserFactory

    ParticipationFactory(area=world.other_area, organisation=world.org_a)
    elsewhere = UserFactory(username="editor_a_elsewhere")
    rights.make_editor(elsewhere, world.org_a, world.other_area.cooperation)
    party = _party(draft, world.org_a)
    client = client_for(elsewhere)
    assert client.get(_url(party)).status_code == 404
    assert client.post(_url(party), FORM).status_code == 404
    assert not PartyApproval.objects.exists()


def test_the_secretary_records_any_partys_approval(world, draft, as_secretary):  # noqa: F811
    party = _party(draft, world.org_b)
    assert as_secretary.post(_url(party), FORM).status_code == 302
    assert PartyApproval.objects.get().party == party


def test_a_refused_form_says_why_in_finnish_and_saves_nothing(world, draft, as_editor_a):  # noqa: F811
    response = as_editor_a.post(_url(_party(draft, world.org_a)), {**FORM, "section": ""})
    assert response.status_code == 400
    assert "Anna päätöksen pykälä (§) tai viite." in response.content.decode()
    assert not PartyApproval.objects.exists()


def test_the_agreement_page_shows_whose_approvals_are_missing(world, draft, as_editor_a, as_member):  # noqa: F811
    services.record_approval(
        party=_party(draft, world.org_b),
        body="Aluehallitus",
        decided_on=D(2026, 1, 20),
        section="§ 12",
        actor=world.secretary,
    )
    page = as_member.get(f"/agreements/{draft.pk}/").content.decode()
    assert "Osapuolten hyväksymispäätökset" in page
    assert "Aluehallitus § 12, 20.1.2026" in page
    assert "ei kirjattu" in page
    assert "/approval/" not in page  # a member records nothing
    page = as_editor_a.get(f"/agreements/{draft.pk}/").content.decode()
    assert _url(_party(draft, world.org_a)) in page
    assert _url(_party(draft, world.org_b)) not in page


@pytest.mark.browser
def test_an_editor_records_their_organisations_approval_from_the_front_page(page, world, draft):  # noqa: F811
    log_in(page, "editor_a")
    page.goto("/")
    page.get_by_role("link", name="Sopimukset").first.click()
    page.get_by_role("link", name="Yhteistyösopimus").first.click()
    assert "Osapuolten hyväksymispäätökset" in page.content()
    # the editor's own party only: Hyvinvointialue B's row has no link for them
    page.get_by_role("link", name="Kirjaa hyväksymispäätös").click()
    assert page.get_by_role("heading", name="Hyväksymispäätös: Kaupunki A").count() == 1
    assert_accessible(page)
    page.fill("#id_body", "Kaupunginhallitus")
    page.fill("#id_decided_on", "2026-01-12")
    page.fill("#id_section", "§ 5")
    page.get_by_role("button", name="Tallenna").click()
    page.wait_for_url(f"**/agreements/{draft.pk}/")
    assert "Hyväksymispäätös kirjattiin: Kaupunki A." in page.content()
    assert "Kaupunginhallitus § 5, 12.1.2026" in page.content()
    assert_accessible(page)
