"""The use and disclosure log (Act 906/2019 § 17): logins, refusals, views of non-public records,
every disclosure of documents and data, grants and withdrawals; append-only with a hash chain; never a
password or a token."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from auditlog import audit
from auditlog.models import AppendOnly, AuditEvent


def actions():
    return [(e.username, e.action) for e in AuditEvent.objects.order_by("pk")]


def test_logins_and_failed_logins_are_logged_without_the_password(world):
    client = Client()
    client.post("/accounts/login/", {"username": "editor_a", "password": "väärä-salasana"})
    client.post("/accounts/login/", {"username": "editor_a", "password": "password"})
    assert ("editor_a", "login_failed") in actions()
    assert ("editor_a", "login") in actions()
    for event in AuditEvent.objects.all():
        assert "väärä" not in event.canonical()


def test_views_disclosures_and_refusals_are_logged_with_the_right(world, group_world, as_member, as_editor_a):
    as_member.get(f"/groups/{group_world.group.pk}/")
    as_member.get(f"/groups/{group_world.group.pk}/composition.pdf")
    as_member.post(f"/groups/{group_world.group.pk}/leadership/new/", {})
    logged = {(e.action, e.target, e.result) for e in AuditEvent.objects.filter(username="member")}
    assert ("view", f"/groups/{group_world.group.pk}/", "ok") in logged
    assert ("disclose", f"/groups/{group_world.group.pk}/composition.pdf", "ok") in logged
    assert ("refused", f"POST /groups/{group_world.group.pk}/leadership/new/", "403") in logged
    assert AuditEvent.objects.filter(username="member").first().right.startswith("viewer of cooperation")


def test_grants_and_withdrawals_are_logged_with_who_did_them(world):
    from organisations import services
    from organisations.models import Grant

    services.grant(
        user=world.outsider,
        role="viewer",
        organisation=world.org_a,
        cooperation=world.area.cooperation,
        actor=world.secretary,
    )
    services.withdraw(grant=Grant.objects.get(user=world.outsider), actor=world.secretary)
    assert [a for u, a in actions() if u == "secretary"] == ["grant", "withdraw"]
    by_secretary = AuditEvent.objects.filter(action__in=["grant", "withdraw"], username="secretary")
    assert all("outsider" in e.target for e in by_secretary)


def test_the_calendar_token_never_reaches_the_log(world):
    from notifications.models import Preference

    secret = Preference.objects.create(user=world.editor_a).calendar_token
    assert Client().get(f"/calendar/{secret}.ics").status_code == 200
    assert AuditEvent.objects.filter(action="disclose", target="/calendar/<token>.ics").exists()
    assert all(secret not in e.canonical() for e in AuditEvent.objects.all())


def test_the_log_cannot_be_changed_or_emptied_through_the_application(world):
    event = audit.record("view", "/x/", user=world.member)
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.update(result="x")


def test_a_row_changed_or_removed_in_the_database_breaks_the_chain(world):
    rows = [audit.record("view", f"/{n}/", user=world.member) for n in range(3)]
    assert audit.verify() is None
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [rows[1].pk])  # noqa: S608
    assert audit.verify().pk == rows[2].pk
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET target = '/forged/' WHERE id = %s", [rows[0].pk])  # noqa: S608
    assert audit.verify().pk == rows[0].pk


def test_retention_prunes_only_old_rows(world):
    old = audit.record("view", "/old/", user=world.member)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET at = %s WHERE id = %s",  # noqa: S608
            ["2000-01-01 00:00:00", old.pk],
        )
    audit.record("view", "/new/", user=world.member)
    assert audit.prune(datetime.date(2026, 1, 1)) == {"audit_rows_pruned": 1}
    targets = [e.target for e in AuditEvent.objects.all()]
    assert "/new/" in targets
    assert "/old/" not in targets


def test_only_national_administrators_read_the_log(world, as_secretary, as_editor_a):
    audit.record("view", "/x/", user=world.member)
    page = as_secretary.get("/audit/", {"user": "member"})
    assert page.status_code == 200
    assert "/x/" in page.text
    assert as_editor_a.get("/audit/").status_code == 403
    assert as_secretary.get("/audit/", {"since": "9999-12-31"}).status_code == 400


def test_the_command_prints_json_and_verifies(world, capsys):
    audit.record("view", "/x/", user=world.member)
    call_command("audit_log", "--user", "member", "--json")
    line = json.loads(capsys.readouterr().out.splitlines()[0])
    assert (line["user"], line["action"], line["target"]) == ("member", "view", "/x/")
    call_command("audit_log", "--verify")
    assert "intact" in capsys.readouterr().out


def test_the_password_reset_link_never_reaches_the_log(world):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = world.editor_a
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    client = Client()
    form = client.get(f"/accounts/reset/{uid}/{token}/", follow=True)
    assert form.status_code == 200
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Uusi-salasana-2026", "new_password2": "Uusi-salasana-2026"},
    )
    assert AuditEvent.objects.filter(action="password").exists()
    assert all(token not in e.canonical() for e in AuditEvent.objects.all())


def test_the_page_checks_the_newest_entries_and_the_command_all(world):
    rows = [audit.record("view", f"/{n}/", user=world.member) for n in range(5)]
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET target = '/forged/' WHERE id = %s", [rows[0].pk])  # noqa: S608
    assert audit.verify(latest=3) is None  # the tampered row is older than the newest three
    assert audit.verify().pk == rows[0].pk
