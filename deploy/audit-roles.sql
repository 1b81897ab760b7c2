-- The use and disclosure log's roles on PostgreSQL (#31 item 3). Run once as the database's owner or a
-- superuser, after `migrate` (auditlog migration 0002 creates the trigger, and the role when it may).
--
-- Three roles:
--   tym_owner        owns the database and its tables; runs `migrate`. Never the application.
--   tym_app          the application's login (DATABASE_URL): reads and writes the tables, but on the log
--                    may only SELECT and INSERT; the trigger refuses UPDATE and DELETE to it anyway.
--   tym_audit_pruner the only role the trigger lets DELETE log rows: `manage.py audit_log --prune` with
--                    AUDIT_PRUNE_DATABASE_URL set to a login that is a member of it (cron, daily).
-- Replace the names and passwords with your own; keep the passwords in secret files, not here.

DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tym_audit_pruner') THEN
        CREATE ROLE tym_audit_pruner NOLOGIN;
    END IF;
END $$;

-- The application: everything but changing or truncating the log, and owning nothing.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO tym_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO tym_app;
REVOKE UPDATE, DELETE, TRUNCATE ON core_auditevent FROM tym_app;
-- Unlinking a removed user (the trigger's one allowed UPDATE: user_id set to NULL, nothing else).
GRANT UPDATE (user_id) ON core_auditevent TO tym_app;

-- The pruner: reads and deletes log rows, and records that it did (one new row, the chain head moved).
CREATE ROLE tym_audit_prune_login LOGIN PASSWORD 'change-me' IN ROLE tym_audit_pruner;
GRANT SELECT, INSERT, DELETE ON core_auditevent TO tym_audit_pruner;
GRANT SELECT, UPDATE ON auditlog_chainhead TO tym_audit_pruner;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO tym_audit_pruner;
