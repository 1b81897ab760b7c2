"""The use and disclosure log (Act 906/2019 § 17): logins, refusals, views of non-public records,
every disclosure of documents and data, grants and withdrawals; append-only with a hash chain; never a
password or a token."""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from auditlog import audit
from auditlog.models import AppendOnly, AuditEvent


def tamper(sql, params):
    """Change the table behind the application's back, as the database's owner could: on PostgreSQL past
    the INSERT-only trigger (replica mode skips triggers; superusers only)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")


class as_pruner:
    """On PostgreSQL, the pruner's role (settings.AUDIT_PRUNER_ROLE) for the block, as `audit_log --prune`
    runs with its own connection; elsewhere nothing."""

    def __enter__(self):
        if connection.vendor == "postgresql":
            from django.conf import settings

            role = settings.AUDIT_PRUNER_ROLE
            with connection.cursor() as cursor:
                cursor.execute(f"GRANT SELECT, INSERT, DELETE ON {AuditEvent._meta.db_table} TO {role}")
                cursor.execute(f"GRANT SELECT, UPDATE ON auditlog_chainhead TO {role}")
                cursor.execute(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {role}")
                cursor.execute(f"SET LOCAL ROLE {role}")

    def __exit__(self, *exc):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("RESET ROLE")


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
    tamper(f"DELETE FROM {table} WHERE id = %s", [rows[1].pk])  # noqa: S608
    assert audit.verify().pk == rows[2].pk
    tamper(f"UPDATE {table} SET target = '/forged/' WHERE id = %s", [rows[0].pk])  # noqa: S608
    assert audit.verify().pk == rows[0].pk


def test_retention_prunes_only_old_rows_by_the_real_clock_and_logs_it(world):
    old = audit.record("view", "/old/", user=world.member)
    tamper(
        f"UPDATE {AuditEvent._meta.db_table} SET at = %s WHERE id = %s",  # noqa: S608
        ["2000-01-01 00:00:00+00", old.pk],
    )
    audit.record("view", "/new/", user=world.member)
    # A far --date to the daily jobs prunes nothing more: the cutoff is the real clock's (#31 item 4).
    with as_pruner():
        assert audit.prune() == 1
    targets = [e.target for e in AuditEvent.objects.all()]
    assert "/new/" in targets
    assert "/old/" not in targets
    assert AuditEvent.objects.filter(action="prune", result="pruned", target__startswith="1 rows").exists()
    with as_pruner():
        assert audit.prune() == 0


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
    tamper(f"UPDATE {table} SET target = '/forged/' WHERE id = %s", [rows[0].pk])  # noqa: S608
    assert audit.verify(latest=3) is None  # the tampered row is older than the newest three
    assert audit.verify().pk == rows[0].pk


def test_a_row_rewritten_and_rehashed_without_the_key_breaks_the_chain(world):
    """#31 item 3: with unkeyed SHA-256 a rewritten row re-hashed cleanly. The hash is an HMAC now."""
    import hashlib

    rows = [audit.record("view", f"/{n}/", user=world.member) for n in range(2)]
    forged = AuditEvent.objects.get(pk=rows[1].pk)
    forged.target = "/forged/"
    for keyed in (True, False):  # re-hashed as the old rows were, or marked as one of them
        forged.keyed = keyed
        digest = hashlib.sha256(forged.canonical().encode()).hexdigest()
        tamper(
            f"UPDATE {AuditEvent._meta.db_table} SET target = %s, keyed = %s, hash = %s WHERE id = %s",  # noqa: S608
            ["/forged/", keyed, digest, forged.pk],
        )
        assert audit.verify().pk == forged.pk


def test_removing_the_newest_rows_shows(world, tmp_path, settings, capsys):
    rows = [audit.record("view", f"/{n}/", user=world.member) for n in range(3)]
    settings.AUDIT_HEAD_EXPORT = str(tmp_path / "heads.jsonl")
    assert audit.export_head(datetime.date(2026, 1, 1)) == {"audit_heads_exported": 1}
    call_command("audit_log", "--verify", "--heads", settings.AUDIT_HEAD_EXPORT)
    assert "1 exported heads found" in capsys.readouterr().out
    tamper(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [rows[2].pk])  # noqa: S608
    assert audit.verify() is not None  # the chain's head names the row that is gone
    with pytest.raises(CommandError, match="broken"):
        call_command("audit_log", "--verify")
    # Even with the head row set back too, the head exported off the database shows it.
    tamper("UPDATE auditlog_chainhead SET last_id = %s, hash = %s", [rows[1].pk, rows[1].hash])
    assert audit.verify() is None
    with pytest.raises(CommandError, match="gone or changed"):
        call_command("audit_log", "--verify", "--heads", settings.AUDIT_HEAD_EXPORT)


def test_the_command_prints_the_head(world, capsys):
    event = audit.record("view", "/x/", user=world.member)
    call_command("audit_log", "--head")
    head = json.loads(capsys.readouterr().out)
    assert (head["last_id"], head["hash"]) == (event.pk, event.hash)


def test_a_failure_to_log_raises_and_the_page_is_not_given(world, as_member, monkeypatch):
    """#31 item 3: failures to write the log were swallowed; a disclosure that cannot be logged is not
    made."""

    def broken(*args, **kwargs):
        raise RuntimeError("the log's database is full")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError):
        audit.record("view", "/x/")
    as_member.raise_request_exception = False
    response = as_member.get(f"/cooperations/{world.area.cooperation.code}/")
    assert response.status_code == 500


def test_a_signed_in_users_404_is_logged_as_a_refusal(world, as_outsider, client):
    assert as_outsider.get(f"/organisations/{world.org_a.pk}/").status_code == 404
    assert AuditEvent.objects.filter(username="outsider", action="refused", result="404").exists()
    assert client.get("/no-such-page/").status_code == 404
    assert not AuditEvent.objects.filter(action="refused", username="").exists()


def test_the_prune_command_removes_only_rows_past_retention_and_says_how_many(world, capsys):
    old = audit.record("view", "/old/", user=world.member)
    tamper(
        f"UPDATE {AuditEvent._meta.db_table} SET at = %s WHERE id = %s",  # noqa: S608
        ["2000-01-01 00:00:00+00", old.pk],
    )
    with as_pruner():
        call_command("audit_log", "--prune")
    assert "pruned 1 rows" in capsys.readouterr().out
    assert not AuditEvent.objects.filter(target="/old/").exists()
