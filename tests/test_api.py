"""The JSON API (#18 item 1): a token reaches what its user's pages reach and no more; a read token
cannot write; errors are RFC 9457 problem details; the public sees only published decisions, personal
data removed after the appeal period; every signed-in read is in the disclosure log; writes go
through the portal's own rules and a refused one saves nothing."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from agreements import services as agreement_services
from agreements.models import Signature
from api.auth import issue_token, revoke_token
from api.models import ApiToken
from auditlog.models import AuditEvent
from governance.models import Membership, Nomination
from organisations import services as org_services
from organisations.models import Grant
from staffing.models import StaffLine
from tests.factories import MunicipalityFactory, PersonFactory
from tests.test_agreement_lifecycle import approving, draft, name_signatories  # noqa: F401

D = datetime.date
PROBLEM = "application/problem+json"


def bearer(user, scopes="read") -> Client:
    _token, key = issue_token(
        user=user,
        name="järjestelmä",
        scopes=scopes,
        expires_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def codes(response) -> set[str]:
    return {row["code"] for row in response.json()["results"]}


def test_the_schema_and_its_documentation_are_served_from_the_app(client):
    schema = client.get("/api/schema/", {"format": "json"})
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for path in ("/api/v1/decisions/", "/api/v1/groups/{id}/", "/api/v1/deadlines/", "/api/v1/cost-split/"):
        assert path in paths
    # every operation documents its problem responses
    assert "application/problem+json" in paths["/api/v1/groups/"]["get"]["responses"]["401"]["content"]
    docs = client.get("/api/docs/").text
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in docs
    assert "https://" not in docs.split("<body>")[1]  # no CDN


def test_without_a_login_a_cooperation_list_is_a_401_problem(client, world):
    response = client.get("/api/v1/cooperations/")
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json()["status"] == 401
    assert response.json()["title"] == "Unauthorized"


@pytest.mark.parametrize("key", ["tym_wrong", "nonsense", "tym_" + "x" * 200])
def test_an_unknown_token_is_refused(world, key):
    response = Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/cooperations/")
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM


def test_a_token_of_one_organisation_sees_only_its_cooperations(world):
    mine = world.area.cooperation.code
    other = world.other_area.cooperation.code
    assert codes(bearer(world.editor_a).get("/api/v1/cooperations/")) == {mine}
    assert codes(bearer(world.member).get("/api/v1/cooperations/")) == {mine}
    assert codes(bearer(world.secretary).get("/api/v1/cooperations/")) == {mine, other}
    assert codes(bearer(world.outsider).get("/api/v1/cooperations/")) == set()
    assert bearer(world.editor_a).get(f"/api/v1/cooperations/{other}/").status_code == 404
    assert {a["code"] for a in bearer(world.editor_a).get("/api/v1/areas/").json()["results"]} == {"area-a"}


def test_the_same_matrix_as_the_pages_for_a_steering_group(world, group_world):
    path = f"/api/v1/groups/{group_world.group.pk}/"
    page = f"/groups/{group_world.group.pk}/"
    for user in (world.secretary, world.editor_a, world.editor_b, world.member, world.outsider):
        api = bearer(user).get(path).status_code
        portal = Client()
        portal.force_login(user)
        assert (api == 200) == (portal.get(page).status_code == 200), user.username
    seats = bearer(world.member).get(path).json()["seats"]
    assert {s["role"] for s in seats if s["current"]} >= {"chair", "vice_chair"}


def test_a_withdrawn_grant_counts_from_the_next_request(world, group_world):
    api = bearer(world.editor_a)
    assert api.get(f"/api/v1/groups/{group_world.group.pk}/").status_code == 200
    grant = Grant.objects.active().get(user=world.editor_a)
    org_services.withdraw(grant=grant, actor=world.secretary)
    assert api.get(f"/api/v1/groups/{group_world.group.pk}/").status_code == 404
    assert api.get("/api/v1/groups/").json()["results"] == []


def test_a_revoked_or_expired_token_no_longer_works(world):
    token, key = issue_token(user=world.editor_a, name="x", scopes="read", expires_on=D(2026, 12, 31))
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    with time_machine.travel(D(2026, 12, 1)):
        assert api.get("/api/v1/cooperations/").status_code == 200
    with time_machine.travel(D(2027, 1, 1)):
        assert api.get("/api/v1/cooperations/").status_code == 401
    with time_machine.travel(D(2026, 12, 1)):
        revoke_token(token=token, actor=world.editor_a)
        assert api.get("/api/v1/cooperations/").status_code == 401


def test_only_a_digest_of_the_key_is_kept(world):
    token, key = issue_token(
        user=world.editor_a,
        name="x",
        scopes="read",
        expires_on=timezone.localdate() + datetime.timedelta(days=1),
    )
    stored = ApiToken.objects.get(pk=token.pk)
    assert key not in (stored.key_digest, stored.hint)
    assert stored.key_digest != key
    assert key.startswith(stored.hint)


def test_a_token_cannot_outlive_a_year(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        issue_token(
            user=world.editor_a,
            name="x",
            scopes="read",
            expires_on=timezone.localdate() + datetime.timedelta(days=400),
        )
    assert not ApiToken.objects.exists()


def test_every_signed_in_read_is_in_the_disclosure_log(world, group_world):
    before = AuditEvent.objects.filter(action="disclose").count()
    bearer(world.member).get(f"/api/v1/groups/{group_world.group.pk}/")
    event = AuditEvent.objects.filter(action="disclose").latest("pk")
    assert event.user == world.member
    assert event.target == f"/api/v1/groups/{group_world.group.pk}/"
    Client().get("/api/v1/deadlines/", {"kind": "rectification", "method": "letter", "date": "2026-03-02"})
    # the public calculator without a login: nobody to log
    assert AuditEvent.objects.filter(action="disclose").count() == before + 1


def test_filters_and_pages(world, group_world):
    api = bearer(world.secretary)
    bad = api.get("/api/v1/groups/", {"since": "2026-13-01"})
    assert bad.status_code == 400
    assert bad["Content-Type"] == PROBLEM
    assert "since" in bad.json()["errors"]
    reversed_range = api.get("/api/v1/groups/", {"since": "2026-01-02", "until": "2026-01-01"})
    assert reversed_range.status_code == 400
    assert api.get("/api/v1/groups/", {"cooperation": world.other_area.cooperation.code}).json()["count"] == 0
    assert api.get("/api/v1/groups/", {"area": "area-a"}).json()["count"] == 1
    assert api.get("/api/v1/groups/", {"since": "2025-04-02"}).json()["count"] == 0
    assert api.get("/api/v1/groups/", {"limit": 100000}).status_code == 200


def test_findings_of_a_group(world, group_world):
    findings = bearer(world.member).get(f"/api/v1/groups/{group_world.group.pk}/findings/").json()
    assert all({"rule", "severity", "citation"} <= set(f) for f in findings)


def test_the_public_reads_published_decisions_with_personal_data_removed_after_the_period(client, published):
    _body, public, secret = published
    with time_machine.travel(D(2026, 3, 10)):
        rows = {r["id"]: r for r in client.get("/api/v1/decisions/").json()["results"]}
        assert rows[public.pk]["title"] == "Liisa Virtasen hakemus"
        assert rows[secret.pk]["proposal"] is None
        assert rows[secret.pk]["decision"] is None
    with time_machine.travel(D(2026, 12, 1)):
        row = client.get(f"/api/v1/decisions/{public.pk}/").json()
        assert "Liisa" not in row["title"]
        assert "[henkilötieto poistettu]" in row["title"]
        assert row["final_on"] is not None


def test_a_member_reads_the_texts_whole(world, published):
    _body, public, secret = published
    api = bearer(world.member)
    with time_machine.travel(D(2026, 12, 1)):
        rows = {r["id"]: r for r in api.get("/api/v1/decisions/").json()["results"]}
    assert rows[public.pk]["title"] == "Liisa Virtasen hakemus"
    assert rows[secret.pk]["proposal"] == "Salassa pidettävä."


def test_unpublished_decisions_are_not_public(client, world):
    from decisions import services
    from decisions.models import Body

    body = Body.objects.create(area=world.area, code="b", name_fi="Lautakunta", kind="municipal")
    meeting = services.create_meeting(body=body, actor=world.secretary, date=D(2026, 3, 2))
    services.add_item(meeting=meeting, actor=world.secretary, title="Valmisteilla")
    assert client.get("/api/v1/decisions/").json()["count"] == 0
    assert client.get("/api/v1/meetings/").json()["count"] == 0
    assert bearer(world.member).get("/api/v1/meetings/").json()["count"] == 1
    assert bearer(world.outsider).get("/api/v1/meetings/").json()["count"] == 0


# Writes


def test_a_read_token_cannot_write(world, group_world):
    response = bearer(world.editor_a).post(
        f"/api/v1/groups/{group_world.group.pk}/nominations/",
        {"organisation": world.org_a.pk, "decided_by_body": "Lautakunta"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response["Content-Type"] == PROBLEM
    assert Nomination.objects.count() == 3


def test_an_editor_records_a_nomination_and_seats_a_member_for_their_own_organisation(world, group_world):
    api = bearer(world.editor_a, "read write")
    made = api.post(
        f"/api/v1/groups/{group_world.group.pk}/nominations/",
        {
            "organisation": world.org_a.pk,
            "decided_by_body": "Kaupunginhallitus",
            "decided_on": "2026-01-12",
            "reference": "§ 5/2026",
        },
        content_type="application/json",
    )
    assert made.status_code == 201, made.json()
    person = PersonFactory(organisation=world.org_a, first_name="Uusi", last_name="Jäsen")
    seat = api.post(
        f"/api/v1/nominations/{made.json()['id']}/seats/",
        {"person": person.pk, "start_date": "2026-02-01"},
        content_type="application/json",
    )
    assert seat.status_code == 201, seat.json()
    assert seat.json()["person"] == "Uusi Jäsen"
    assert Membership.history.filter(person=person, history_user=world.editor_a).exists()


def test_a_nomination_for_another_organisation_is_refused_and_saves_nothing(world, group_world):
    seats = Membership.objects.count()
    api = bearer(world.editor_a, "read write")
    response = api.post(
        f"/api/v1/groups/{group_world.group.pk}/nominations/",
        {"organisation": world.org_b.pk, "decided_by_body": "Hallitus"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "organisation" in response.json()["errors"]
    seat = api.post(
        f"/api/v1/nominations/{group_world.nomination_b.pk}/seats/",
        {"person": group_world.people["b3"].pk},
        content_type="application/json",
    )
    assert seat.status_code == 403
    assert Nomination.objects.count() == 3
    assert Membership.objects.count() == seats


@pytest.mark.parametrize("body", ["[1, 2]", '"text"', '{"organisation": "1; DROP"}', "{bad json"])
def test_odd_bodies_are_400_problems(world, group_world, body):
    api = bearer(world.editor_a, "read write")
    response = api.post(
        f"/api/v1/groups/{group_world.group.pk}/nominations/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert Nomination.objects.count() == 3


def test_a_notification_is_recorded_by_who_records_for_the_body(world, published):
    _body, public, _secret = published
    data = {"recipient": "Liisa Virtanen", "method": "letter", "sent_on": "2026-03-05"}
    refused = bearer(world.member, "read write").post(
        f"/api/v1/decisions/{public.pk}/notifications/", data, content_type="application/json"
    )
    assert refused.status_code == 403
    made = bearer(world.secretary, "read write").post(
        f"/api/v1/decisions/{public.pk}/notifications/", data, content_type="application/json"
    )
    assert made.status_code == 201, made.json()
    assert public.notifications.get().recipient == "Liisa Virtanen"


def test_the_last_signature_through_the_api_brings_the_agreement_into_force(world, draft, approving):  # noqa: F811
    actor = world.secretary
    agreement_services.approve(agreement=draft, decision=approving, actor=actor)
    signatories = name_signatories(draft, actor)
    agreement_services.send_for_signature(agreement=draft, actor=actor)
    agreement_services.record_signature(
        version=draft.versions.get(),
        signatory=signatories[world.org_b.pk],
        signed_on=D(2026, 2, 12),
        esignature_reference="B-1",
        actor=actor,
    )
    api = bearer(world.editor_a, "read write")
    data = {
        "version": draft.versions.get().pk,
        "signatory": signatories[world.org_a.pk].pk,
        "signed_on": "2026-02-13",
        "esignature_reference": "VISMA-123",
    }
    without = api.post(
        f"/api/v1/agreements/{draft.pk}/signatures/",
        {**data, "esignature_reference": ""},
        content_type="application/json",
    )
    assert without.status_code == 400
    other = api.post(
        f"/api/v1/agreements/{draft.pk}/signatures/",
        {**data, "signatory": signatories[world.org_b.pk].pk},
        content_type="application/json",
    )
    assert other.status_code == 400  # not a signatory of the caller's party
    made = api.post(f"/api/v1/agreements/{draft.pk}/signatures/", data, content_type="application/json")
    assert made.status_code == 201, made.json()
    agreement = bearer(world.member).get(f"/api/v1/agreements/{draft.pk}/").json()
    assert agreement["status"] == "in_force"
    assert len(agreement["signatures"]) == 2
    assert Signature.objects.count() == 2


def test_staffing_figures_replace_a_partys_rows_all_or_nothing(world, group_world):
    MunicipalityFactory(code="992", name_fi="Äänekoski", area=world.area)
    api = bearer(world.editor_a, "read write")
    path = f"/api/v1/groups/{group_world.group.pk}/staffing/2026/"
    good = {
        "organisation": world.org_a.pk,
        "kind": "staff",
        "rows": [{"job_title": "Työvalmentaja", "municipality": "Äänekoski", "headcount": 3, "fte": "2.50"}],
    }
    response = api.put(path, good, content_type="application/json")
    assert response.status_code == 200, response.json()
    assert response.json()["staff"][0]["municipality"] == "992"
    bad = {
        **good,
        "rows": [*good["rows"], {"job_title": "Ohjaaja", "municipality": "992", "headcount": 1, "fte": "4"}],
    }
    refused = api.put(path, bad, content_type="application/json")
    assert refused.status_code == 400
    assert "rows[1]" in refused.json()["errors"]
    assert list(StaffLine.objects.values_list("job_title", flat=True)) == ["Työvalmentaja"]
    others = api.put(path, {**good, "organisation": world.org_b.pk}, content_type="application/json")
    assert others.status_code == 403


# The portal page for tokens


def test_a_person_makes_and_revokes_a_token_in_the_portal(world, as_editor_a):
    page = as_editor_a.get("/api/tokens/")
    assert page.status_code == 200
    made = as_editor_a.post(
        "/api/tokens/",
        {
            "name": "Asianhallinta",
            "scopes": "read",
            "expires_on": str(timezone.localdate() + datetime.timedelta(days=60)),
        },
    )
    assert made.status_code == 200, made.content
    key = made.context["new_key"]
    assert key.startswith("tym_")
    assert key in made.text
    token = ApiToken.objects.get(user=world.editor_a)
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/cooperations/").status_code == 200
    assert key not in as_editor_a.get("/api/tokens/").text  # shown once
    as_editor_a.post(f"/api/tokens/{token.pk}/revoke/")
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/cooperations/").status_code == 401


def test_a_person_cannot_revoke_anothers_token(world, as_editor_b):
    token, _key = issue_token(
        user=world.editor_a,
        name="x",
        scopes="read",
        expires_on=timezone.localdate() + datetime.timedelta(days=5),
    )
    assert as_editor_b.post(f"/api/tokens/{token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_a_notification_without_a_sent_date_is_a_400_not_a_crash(world, published):
    # found by schemathesis: the model's clean() compared a missing date
    _body, public, _secret = published
    response = bearer(world.secretary, "read write").post(
        f"/api/v1/decisions/{public.pk}/notifications/",
        {"recipient": "X", "method": "letter", "consent": "yes", "proven_receipt_on": "2026-03-06"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "sent_on" in response.json()["errors"]


@pytest.mark.parametrize("value", [[None, None], {"a": 1}, True, 20260305])
def test_a_value_of_the_wrong_json_type_is_a_400(world, published, value):
    _body, public, _secret = published
    response = bearer(world.secretary, "read write").post(
        f"/api/v1/decisions/{public.pk}/notifications/",
        {"recipient": "X", "method": "letter", "sent_on": value},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "sent_on" in response.json()["errors"]
    assert not public.notifications.exists()


def test_a_broken_multipart_body_is_a_400_on_any_page(as_editor_a):
    # found by schemathesis: a multipart body without a boundary crashed the one-time-token middleware
    assert as_editor_a.post("/api/tokens/", b"x", content_type="multipart/form-data").status_code == 400


def test_an_unknown_api_address_is_a_problem_and_a_page_stays_a_page(client, db):
    response = client.get("/api/v1/no-such-list/")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert response.json()["status"] == 404
    page = client.get("/no-such-page/")
    assert page.status_code == 404
    assert page["Content-Type"].startswith("text/html")
