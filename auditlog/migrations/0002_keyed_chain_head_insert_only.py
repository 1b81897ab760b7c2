"""#31 item 3: keyed hashes (rows before this stay unkeyed SHA-256), the chain's one head row, and on
PostgreSQL a trigger that makes the log's table INSERT-only for every role but the pruner's.

The trigger refuses UPDATE (but unlinking a removed user, outside the hash) and DELETE unless the
current role is a member of settings.AUDIT_PRUNER_ROLE (a NOLOGIN role: created here when the migrating role may create roles, else
by the database administrator, see README "Security model"). A superuser or the table's owner could
still drop the trigger: in production the application's role owns neither the table nor the database,
and has no TRUNCATE on it (deploy/audit-roles.sql; the tests' flush truncates, so no trigger refuses it).
"""

from django.conf import settings
from django.db import migrations, models

TABLE = "core_auditevent"


def start_head(apps, schema_editor):
    AuditEvent = apps.get_model("auditlog", "AuditEvent")
    ChainHead = apps.get_model("auditlog", "ChainHead")
    newest = AuditEvent.objects.order_by("-pk").values("pk", "hash").first()
    ChainHead.objects.create(
        pk=1, last_id=newest["pk"] if newest else 0, hash=newest["hash"] if newest else ""
    )


def _run(schema_editor, sql):
    """Without parameters: the function's text holds % (RAISE's placeholders), which must not be taken
    for the driver's."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(sql)


def insert_only(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    role = settings.AUDIT_PRUNER_ROLE
    _run(
        schema_editor,
        f"""
        DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN
                BEGIN
                    CREATE ROLE {role} NOLOGIN;
                EXCEPTION WHEN insufficient_privilege THEN
                    RAISE NOTICE 'role {role} not created: the database administrator creates it';
                END;
            END IF;
        END $$;
        CREATE OR REPLACE FUNCTION tym_audit_insert_only() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
            -- A user removed: the row keeps the name it logged (the hash covers it), loses the link.
            IF TG_OP = 'UPDATE' AND NEW.user_id IS NULL
               AND (NEW.id, NEW.at, NEW.username, NEW.action, NEW.target, NEW."right", NEW.result, NEW.ip,
                    NEW.previous_hash, NEW.hash, NEW.keyed)
                   IS NOT DISTINCT FROM
                   (OLD.id, OLD.at, OLD.username, OLD.action, OLD.target, OLD."right", OLD.result, OLD.ip,
                    OLD.previous_hash, OLD.hash, OLD.keyed) THEN
                RETURN NEW;
            END IF;
            -- Only the pruner's role, or a role granted it directly: not pg_has_role(), which is true for
            -- every superuser, and the application must not be able to prune by being one.
            IF TG_OP = 'DELETE' AND (
                current_user = '{role}'
                OR EXISTS (
                    SELECT 1 FROM pg_auth_members m
                    JOIN pg_roles r ON r.oid = m.roleid
                    JOIN pg_roles u ON u.oid = m.member
                    WHERE r.rolname = '{role}' AND u.rolname = current_user
                )
            ) THEN
                RETURN OLD;
            END IF;
            RAISE EXCEPTION 'the use and disclosure log is append-only (% refused for %)', TG_OP, current_user
                USING ERRCODE = 'insufficient_privilege';
        END
        $f$;
        DROP TRIGGER IF EXISTS tym_audit_insert_only ON {TABLE};
        CREATE TRIGGER tym_audit_insert_only BEFORE UPDATE OR DELETE ON {TABLE}
            FOR EACH ROW EXECUTE FUNCTION tym_audit_insert_only();
        """
    )


def drop_insert_only(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    _run(
        schema_editor,
        f"DROP TRIGGER IF EXISTS tym_audit_insert_only ON {TABLE};"
        "DROP FUNCTION IF EXISTS tym_audit_insert_only();"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("auditlog", "0001_audit_log"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="keyed",
            field=models.BooleanField(default=False),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("login", "logged in"),
                    ("login_failed", "failed login"),
                    ("logout", "logged out"),
                    ("refused", "refused"),
                    ("view", "viewed a record"),
                    ("disclose", "document or data disclosed"),
                    ("grant", "right granted"),
                    ("withdraw", "right withdrawn"),
                    ("password", "password changed or reset"),
                    ("prune", "old entries pruned"),
                ],
                max_length=20,
                verbose_name="action",
            ),
        ),
        migrations.CreateModel(
            name="ChainHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("last_id", models.BigIntegerField(default=0)),
                ("hash", models.CharField(blank=True, max_length=64)),
                ("appended", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(start_head, migrations.RunPython.noop),
        migrations.RunPython(insert_only, drop_insert_only),
    ]
