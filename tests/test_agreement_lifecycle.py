"""The agreement's life in the portal: draft, sections, approval by a decision, signatories each party
marks as required, out for signature, in force with the last required signature, amendments void until
all sign. Every move follows Agreement.TRANSITIONS; each refused move changes nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from agreements import selectors, services
from agreements.models import Agreement, Signatory, Signature
from decisions import services as decisions
from decisions.models import Body

D = datetime.date


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def approving(world):
    body = Body.objects.create(area=world.area, code="board", name_fi="Lautakunta", kind="municipal")
    meeting = decisions.create_meeting(body=body, actor=world.secretary, date=D(2026, 2, 10))
    item = decisions.add_item(
        meeting=meeting, actor=world.secretary, title="Sopimus", proposal="Hyväksytään."
    )
    decisions.record_decision(
        item=item,
        outcome="as_proposed",
        decision="Hyväksytään.",
        decision_sv="",
        parts=[("rectification", "", "")],
        actor=world.secretary,
        today=D(2026, 2, 10),
    )
    return item


@pytest.fixture
def draft(world):
    agreement = services.create_agreement(
        cooperation=world.area.cooperation, title="Yhteistyösopimus", actor=world.secretary
    )
    services.add_section(
        agreement=agreement, number=1, title="Osapuolet", text="A ja B.", actor=world.secretary
    )
    return agreement


def name_signatories(agreement, actor):
    result = {}
    for party in agreement.parties.all():
        result[party.organisation_id] = services.add_signatory(
            party=party, actor=actor, name_as_written=f"Johtaja {party.organisation}", must_sign=True
        )
    return result


def test_a_draft_has_the_cooperations_parties_and_an_original_version(world, draft):
    assert draft.status == "draft"
    assert {p.organisation_id for p in draft.parties.all()} == {world.org_a.pk, world.org_b.pk}
    assert [(v.number, v.kind) for v in draft.versions.all()] == [(1, "original")]


def test_from_draft_to_in_force(world, draft, approving):
    actor = world.secretary
    services.approve(agreement=draft, decision=approving, actor=actor)
    draft.refresh_from_db()
    assert (draft.status, draft.approved_on) == ("approved", D(2026, 2, 10))
    signatories = name_signatories(draft, actor)
    extra = services.add_signatory(
        party=draft.parties.get(organisation=world.org_a), actor=actor, name_as_written="Varajohtaja"
    )
    services.set_must_sign(signatory=extra, must_sign=False, actor=actor)  # the decision names only one
    services.send_for_signature(agreement=draft, actor=actor)
    version = draft.versions.get()
    services.record_signature(
        version=version,
        signatory=signatories[world.org_a.pk],
        signed_on=D(2026, 2, 12),
        esignature_reference="a",
        actor=actor,
    )
    assert Agreement.objects.get(pk=draft.pk).status == "out_for_signature"
    services.record_signature(
        version=version,
        signatory=signatories[world.org_b.pk],
        signed_on=D(2026, 2, 14),
        esignature_reference="b",
        actor=actor,
    )
    draft.refresh_from_db()
    assert (draft.status, draft.in_force_from) == ("in_force", D(2026, 2, 14))


def test_a_signatory_not_required_cannot_sign_and_does_not_hold_up_entry_into_force(world, draft, approving):
    actor = world.secretary
    services.approve(agreement=draft, decision=approving, actor=actor)
    name_signatories(draft, actor)
    extra = services.add_signatory(
        party=draft.parties.get(organisation=world.org_a),
        actor=actor,
        name_as_written="Toinen",
        must_sign=False,
    )
    services.send_for_signature(agreement=draft, actor=actor)
    with pytest.raises(ValidationError, match="must sign"):
        services.record_signature(
            version=draft.versions.get(),
            signatory=extra,
            signed_on=D(2026, 2, 12),
            esignature_reference="x",
            actor=actor,
        )
    state = selectors.version_states(selectors.load(draft.pk))[0]
    assert all(extra not in p.missing for p in state.parties)


@pytest.mark.parametrize("move", ["send", "sign", "amend", "draft"])
def test_a_draft_refuses_moves_it_does_not_allow(world, draft, move):
    actor = world.secretary
    signatories = name_signatories(draft, actor)
    moves = {
        "send": lambda: services.send_for_signature(agreement=draft, actor=actor),
        "sign": lambda: services.record_signature(
            version=draft.versions.get(),
            signatory=signatories[world.org_a.pk],
            signed_on=D(2026, 2, 12),
            esignature_reference="x",
            actor=actor,
        ),
        "amend": lambda: services.propose_amendment(
            agreement=draft, description="x", sections=[(1, "x", "y")], actor=actor
        ),
        "draft": lambda: services.back_to_draft(agreement=draft, actor=actor),
    }
    with pytest.raises(ValidationError):
        moves[move]()
    assert Agreement.objects.get(pk=draft.pk).status == "draft"
    assert not Signature.objects.exists()


def test_an_approval_needs_a_decision_that_approved_in_this_cooperation(world, draft, approving):
    approving.outcome = "rejected"
    approving.save()
    with pytest.raises(ValidationError, match="not approval"):
        services.approve(agreement=draft, decision=approving, actor=world.secretary)
    assert Agreement.objects.get(pk=draft.pk).status == "draft"


def test_an_approval_needs_text(world, approving):
    agreement = services.create_agreement(
        cooperation=world.area.cooperation, title="Tyhjä", actor=world.secretary
    )
    with pytest.raises(ValidationError, match="no text"):
        services.approve(agreement=agreement, decision=approving, actor=world.secretary)


def test_sending_out_needs_every_party_to_name_who_must_sign(world, draft, approving):
    services.approve(agreement=draft, decision=approving, actor=world.secretary)
    services.add_signatory(
        party=draft.parties.get(organisation=world.org_a), actor=world.secretary, name_as_written="Johtaja A"
    )
    with pytest.raises(ValidationError, match="Hyvinvointialue B"):
        services.send_for_signature(agreement=draft, actor=world.secretary)
    assert Agreement.objects.get(pk=draft.pk).status == "approved"


@pytest.fixture
def in_force(world, draft, approving):
    actor = world.secretary
    services.approve(agreement=draft, decision=approving, actor=actor)
    signatories = name_signatories(draft, actor)
    services.send_for_signature(agreement=draft, actor=actor)
    for n, signatory in enumerate(signatories.values()):
        services.record_signature(
            version=draft.versions.get(),
            signatory=signatory,
            signed_on=D(2026, 2, 12 + n),
            esignature_reference=str(n),
            actor=actor,
        )
    draft.refresh_from_db()
    return draft, signatories


def test_a_second_signature_for_the_same_party_is_refused(world, in_force):
    agreement, signatories = in_force
    with pytest.raises(ValidationError):
        services.record_signature(
            version=agreement.versions.get(),
            signatory=signatories[world.org_a.pk],
            signed_on=D(2026, 3, 1),
            esignature_reference="again",
            actor=world.secretary,
        )
    assert Signature.objects.count() == 2


def test_the_text_and_signatories_are_fixed_once_in_force(world, in_force):
    agreement, _signatories = in_force
    with pytest.raises(ValidationError):
        services.add_section(agreement=agreement, number=2, title="x", text="y", actor=world.secretary)
    with pytest.raises(ValidationError):
        services.add_signatory(party=agreement.parties.first(), actor=world.secretary, name_as_written="Uusi")
    with pytest.raises(ValidationError):
        services.approve(agreement=agreement, decision=agreement.approving_decision, actor=world.secretary)


def test_an_amendment_is_void_until_every_party_signs_it(world, in_force):
    agreement, signatories = in_force
    version = services.propose_amendment(
        agreement=agreement,
        description="Kustannukset",
        sections=[(1, "Osapuolet", "A, B ja C.")],
        actor=world.secretary,
    )
    assert version.number == 2
    state = selectors.version_states(selectors.load(agreement.pk))[1]
    assert state.void
    services.record_signature(
        version=version,
        signatory=signatories[world.org_a.pk],
        signed_on=D(2026, 4, 1),
        esignature_reference="a2",
        actor=world.secretary,
    )
    assert selectors.effective_sections(selectors.load(agreement.pk))[0].text == "A ja B."
    services.record_signature(
        version=version,
        signatory=signatories[world.org_b.pk],
        signed_on=D(2026, 4, 2),
        esignature_reference="b2",
        actor=world.secretary,
    )
    assert selectors.effective_sections(selectors.load(agreement.pk))[0].text == "A, B ja C."


# The pages.


def test_the_secretary_drafts_an_agreement_from_the_cooperation_page(world, as_secretary):
    page = as_secretary.get(f"/cooperations/{world.area.cooperation.code}/")
    url = f"/cooperations/{world.area.cooperation.code}/agreements/new/"
    assert url in page.content.decode()
    response = as_secretary.post(url, {"title": "Sopimus"})
    agreement = Agreement.objects.get()
    assert response["Location"] == f"/agreements/{agreement.pk}/"
    response = as_secretary.post(
        f"/agreements/{agreement.pk}/sections/new/", {"number": "1", "title": "Osapuolet", "text": "A ja B."}
    )
    assert response.status_code == 302
    assert "A ja B." in as_secretary.get(f"/agreements/{agreement.pk}/").content.decode()


def test_sending_out_is_confirmed(world, draft, approving, as_secretary):
    services.approve(agreement=draft, decision=approving, actor=world.secretary)
    name_signatories(draft, world.secretary)
    assert as_secretary.post(f"/agreements/{draft.pk}/send/", {}).status_code == 400
    assert Agreement.objects.get(pk=draft.pk).status == "approved"
    assert as_secretary.post(f"/agreements/{draft.pk}/send/", {"confirm": "on"}).status_code == 302
    assert Agreement.objects.get(pk=draft.pk).status == "out_for_signature"


def test_an_editor_names_and_marks_only_their_own_partys_signatories(world, draft, as_editor_a):
    url = f"/agreements/{draft.pk}/signatories/new/"
    other = draft.parties.get(organisation=world.org_b)
    own = draft.parties.get(organisation=world.org_a)
    assert (
        as_editor_a.post(url, {"party": other.pk, "name_as_written": "X", "must_sign": "on"}).status_code
        == 400
    )
    assert (
        as_editor_a.post(url, {"party": own.pk, "name_as_written": "Y", "must_sign": "on"}).status_code == 302
    )
    signatory = Signatory.objects.get()
    assert signatory.must_sign
    as_editor_a.post(f"/signatories/{signatory.pk}/must-sign/", {"must_sign": "no"})
    assert not Signatory.objects.get().must_sign


@pytest.mark.parametrize("persona", ["as_editor_a", "as_member", "as_outsider"])
def test_only_the_secretary_moves_the_agreement(request, world, draft, persona):
    client = request.getfixturevalue(persona)
    for url in ["sections/new/", "approve/", "send/", "draft/", "amendments/new/"]:
        # refused to those who see it (403); not found to those who do not (404)
        expected = 404 if persona == "as_outsider" else 403
        assert client.post(f"/agreements/{draft.pk}/{url}", {"confirm": "on"}).status_code == expected
    assert (
        client.post(
            f"/cooperations/{world.area.cooperation.code}/agreements/new/", {"title": "x"}
        ).status_code
        == expected  # the cooperation is looked up for the user first: an outsider is told nothing
    )
    assert Agreement.objects.count() == 1


@pytest.mark.parametrize("start", Agreement.Status.values)
@pytest.mark.parametrize("to", Agreement.Status.values)
def test_every_move_not_in_the_transitions_is_refused(start, to):
    agreement = Agreement(title="x", status=start)
    if to in Agreement.TRANSITIONS[Agreement.Status(start)]:
        agreement.move_to(to)
        assert agreement.status == to
    else:
        with pytest.raises(ValidationError, match="cannot move"):
            agreement.move_to(to)
        assert agreement.status == start


def test_the_agreement_page_keeps_its_query_count_as_signatories_grow(world, draft, as_secretary):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert as_secretary.get(f"/agreements/{draft.pk}/").status_code == 200
        return len(queries)

    name_signatories(draft, world.secretary)
    before = count()
    for party in draft.parties.all():
        for n in range(3):
            services.add_signatory(party=party, actor=world.secretary, name_as_written=f"Lisä {n}")
    assert count() == before


def test_signing_before_the_approving_decision_is_final_is_a_warning(world, group_world, draft, approving):
    # Kuntalaki § 143 (#13 item 8): the approval could still be rectified when the parties signed.
    from governance import compliance

    actor = world.secretary
    services.approve(agreement=draft, decision=approving, actor=actor)
    signatories = name_signatories(draft, actor)
    services.send_for_signature(agreement=draft, actor=actor)
    services.record_signature(
        version=draft.versions.get(),
        signatory=signatories[world.org_a.pk],
        signed_on=D(2026, 2, 12),  # the minutes are not even published: not final
        esignature_reference="a",
        actor=actor,
    )
    found = [f for f in compliance.evaluate(group_world.group) if f.rule == "AG-BEFORE-FINAL"]
    assert len(found) == 1
    assert "12.02.2026" in found[0].message
