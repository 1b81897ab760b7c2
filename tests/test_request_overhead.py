"""What a logged-in request costs before its page does anything (#32 item 6): the middleware, the
session, the second factor, the rights and the use log. A page that reads nothing makes these queries
and no more; bench/run's "overhead" row gives the CPU they cost (the budget: 4 queries, 3 ms)."""

import pytest
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path

from auditlog.models import AuditEvent
from organisations.models import Grant
from organisations.services import grant
from tests.factories import UserFactory
from tym.urls import urlpatterns as portal


@login_required
def empty(request: HttpRequest) -> HttpResponse:
    return HttpResponse("<!DOCTYPE html><title>Tyhjä</title><p>Tyhjä sivu.</p>")


urlpatterns = [path("tyhja/", empty, name="empty-page"), *portal]

pytestmark = pytest.mark.urls(__name__)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)  # tests/conftest.py: with the second factor given, when it is owed
    client.get("/tyhja/")  # the session's renewal (core.middleware.SessionRenewalMiddleware) is behind
    return client


def test_an_administrators_empty_page_reads_the_session_the_user_and_the_device(
    world, django_assert_num_queries
):
    client = client_for(world.secretary)
    # 1. django_session: the session (none with the cache in Redis, as deployed)
    # 2. auth_user: the user
    # 3. otp_totp_totpdevice: the device that gave the second factor this session
    # (no rights: the second factor given, nothing asks; no log: the page is not one the log keeps)
    with django_assert_num_queries(3) as captured:
        assert client.get("/tyhja/").status_code == 200
    tables = ["django_session", "auth_user", "otp_totp_totpdevice"]
    assert all(f'"{t}"' in q["sql"] for t, q in zip(tables, captured.captured_queries, strict=True))


def test_an_editors_empty_page_reads_the_session_the_user_and_the_device(world, django_assert_num_queries):
    client = client_for(world.editor_a)
    # An editor gives the second factor too (#31 item 8), so as an administrator:
    # 1. django_session: the session
    # 2. auth_user: the user
    # 3. otp_totp_totpdevice: the device that gave the second factor this session
    # (no rights read: the second factor given, nothing asks)
    with django_assert_num_queries(3) as captured:
        assert client.get("/tyhja/").status_code == 200
    assert '"otp_totp_totpdevice"' in captured.captured_queries[2]["sql"]


def test_an_account_without_rights_reads_its_grants_in_one_query(world, django_assert_num_queries):
    client = client_for(world.outsider)
    # 1. django_session, 2. auth_user, 3. auth_user with auth_permission and organisations_grant:
    # whether they owe the second factor, from the permission and the grants at once
    with django_assert_num_queries(3) as captured:
        assert client.get("/tyhja/").status_code == 200
    assert '"auth_permission"' in captured.captured_queries[2]["sql"]
    assert '"organisations_grant"' in captured.captured_queries[2]["sql"]


def test_a_secretary_who_has_given_the_second_factor_reads_no_rights(world, django_assert_num_queries):
    secretary = UserFactory(username="alueen-sihteeri")
    grant(
        user=secretary,
        role=Grant.Role.SECRETARY,
        organisation=world.org_a,
        cooperation=world.area.cooperation,
    )
    client = client_for(secretary)
    # 1. django_session, 2. auth_user, 3. otp_totp_totpdevice: as an administrator's
    with django_assert_num_queries(3):
        assert client.get("/tyhja/").status_code == 200


def test_a_secretary_who_has_not_given_it_is_still_sent_to_give_it(world):
    secretary = UserFactory(username="alueen-sihteeri")
    grant(
        user=secretary,
        role=Grant.Role.SECRETARY,
        organisation=world.org_a,
        cooperation=world.area.cooperation,
    )
    client = Client()
    client.post("/accounts/login/", {"username": "alueen-sihteeri", "password": "password"})
    response = client.get("/tyhja/")
    assert response.status_code == 302
    assert response["Location"].startswith("/second-factor/")


def test_the_health_check_of_a_logged_in_user_is_not_a_disclosure(world, django_assert_num_queries):
    client = client_for(world.secretary)
    # 1. the session, 2. the user, 3. the device, 4. the check's own SELECT 1; no log entry (it was
    # five queries more: the rights described, the log's last entry, the new entry, a transaction)
    with django_assert_num_queries(4):
        assert client.get("/healthz/").json()["status"] == "ok"
    assert not AuditEvent.objects.filter(target="/healthz/").exists()


def test_a_logged_page_still_writes_its_entry_with_the_right(world, group_world):
    client = client_for(world.member)
    assert client.get(f"/groups/{group_world.group.pk}/").status_code == 200
    event = AuditEvent.objects.get(action="view", target=f"/groups/{group_world.group.pk}/")
    assert event.username == "member"
    assert event.right.startswith("viewer of cooperation")
