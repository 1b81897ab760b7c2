"""make backup / make restore (#14): a backup of a live database and its files restores into a fresh
PostgreSQL database with every table's rows equal (count and a checksum of all rows, so every report
computed from them, the compliance report included, is the same), and the files equal."""

import stat

import pytest
from django.db import connection

from backups import folders
from tests.tools import require


def _fingerprints(cursor, tables):
    result = {}
    for table in tables:
        rows = "md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
        cursor.execute(f'SELECT count(*), {rows} FROM "{table}" t')  # noqa: S608 (our own table names)
        result[table] = cursor.fetchone()
    return result


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_a_fresh_database(world, group_world, tmp_path, settings):
    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)", "REQUIRE_POSTGRESQL")
    import psycopg

    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "signatures").mkdir(parents=True)
    (tmp_path / "media" / "signatures" / "a.pdf").write_bytes(b"%PDF-1.4 scan")
    settings.BACKUP_PASSPHRASE = "correct horse battery staple"
    folder = folders.backup(tmp_path / "backups")
    # #31 item 8: the owner's only, and nothing readable without the key
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert sorted(p.name for p in folder.iterdir()) == ["database.dump.gpg", "media.tar.gz.gpg"]
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert not path.read_bytes().startswith((b"PGDMP", b"\x1f\x8b"))  # not pg_dump's, not gzip's
        assert b"scan" not in path.read_bytes()
    db = settings.DATABASES["default"]
    fresh = f"{db['NAME']}_restored"
    admin = psycopg.connect(
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    admin.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
    admin.execute(f'CREATE DATABASE "{fresh}"')
    try:
        auth = f"{db['USER']}:{db['PASSWORD']}@" if db["PASSWORD"] else f"{db['USER']}@"
        url = f"postgres://{auth}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{fresh}"
        folders.restore(folder, database_url=url, media_root=tmp_path / "restored-media")
        tables = connection.introspection.table_names()
        with connection.cursor() as cursor:
            before = _fingerprints(cursor, tables)
        restored = psycopg.connect(url)
        with restored.cursor() as cursor:
            after = _fingerprints(cursor, tables)
        restored.close()
        assert after == before
        assert before["governance_steeringgroup"][0] == 1
        assert (tmp_path / "restored-media" / "signatures" / "a.pdf").read_bytes() == b"%PDF-1.4 scan"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
        admin.close()


def test_a_folder_without_a_backup_is_refused(tmp_path):
    with pytest.raises(folders.BackupError):
        folders.restore(tmp_path)


@pytest.mark.django_db(transaction=True)
def test_with_an_object_store_the_backup_says_where_the_files_are(tmp_path, settings):
    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)", "REQUIRE_POSTGRESQL")
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "storages.backends.s3.S3Storage"}}
    folder = folders.backup(tmp_path / "backups", unencrypted=True)
    assert not (folder / "media.tar.gz").exists()
    assert "S3_BUCKET" in (folder / folders.MEDIA_NOTE).read_text(encoding="utf-8")


def test_without_a_key_a_backup_is_refused_unless_asked_for_unencrypted(tmp_path, settings):
    settings.BACKUP_PASSPHRASE = ""
    settings.BACKUP_GPG_RECIPIENT = ""
    with pytest.raises(folders.BackupError, match="no backup key"):
        folders.backup(tmp_path / "backups")
    assert not (tmp_path / "backups").exists()


@pytest.mark.django_db(transaction=True)
def test_a_wrong_passphrase_restores_nothing(world, tmp_path, settings):
    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)", "REQUIRE_POSTGRESQL")
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BACKUP_PASSPHRASE = "the right one"
    folder = folders.backup(tmp_path / "backups")
    settings.BACKUP_PASSPHRASE = "a wrong one"
    with pytest.raises(folders.BackupError, match="gpg"):
        folders.restore(folder, database_url="postgres://nobody@127.0.0.1:1/none")
