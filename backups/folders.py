"""Backups of the database and the uploaded files (#14): one folder per backup, holding the database
(pg_dump's custom format for PostgreSQL, SQLite's online backup otherwise) and a tar of MEDIA_ROOT
(with MEDIA_STORAGE=s3 the object store keeps the files, and the folder says so).
Restored with pg_restore into a database that may be empty (a fresh server), or by copying the SQLite
file back.

Protected (#31 item 8): the folder is the owner's only (0700, files 0600), and each file is encrypted
with GnuPG, to a public key (BACKUP_GPG_RECIPIENT: the server cannot read its own backups; the private
key stays with whoever restores) or with a passphrase (BACKUP_PASSPHRASE or BACKUP_PASSPHRASE_FILE,
AES-256). Without either a backup is refused unless asked for unencrypted (`backup --unencrypted`)."""

from __future__ import annotations

import datetime
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection
from django.utils import timezone

DATABASE_FILE = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(RuntimeError):
    pass


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (Debian package postgresql-client)")
    return path


def _pg_env(url: str | None = None) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore: from URL, or from the default database."""
    values: tuple[object, ...]
    if url:
        parts = urlsplit(url)
        values = (parts.hostname, parts.port, parts.username, parts.password, parts.path.lstrip("/"))
    else:
        db = settings.DATABASES["default"]
        values = (db["HOST"], db["PORT"], db["USER"], db["PASSWORD"], db["NAME"])
    host, port, user, password, name = values
    args = ["--dbname", str(name)]
    if host:
        args += ["--host", str(host)]
    if port:
        args += ["--port", str(port)]
    if user:
        args += ["--username", str(user)]
    env = dict(os.environ)
    if password:
        env["PGPASSWORD"] = str(password)  # in the child's environment only, never on a command line
    return args, env


def _encryption() -> list[str] | None:
    """gpg's arguments for the configured key, or None when none is configured."""
    if settings.BACKUP_GPG_RECIPIENT:
        return ["--trust-model", "always", "--recipient", settings.BACKUP_GPG_RECIPIENT, "--encrypt"]
    if settings.BACKUP_PASSPHRASE:
        return [
            "--pinentry-mode",
            "loopback",
            "--passphrase-fd",
            "0",
            "--symmetric",
            "--cipher-algo",
            "AES256",
        ]
    return None


def _gpg(args: list[str], *, passphrase: bool) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as home:
        # A private keyring for a passphrase (nothing to keep); the user's own for a recipient's key.
        homedir = ["--homedir", home] if passphrase else []
        result = subprocess.run(  # noqa: S603  (a list, no shell; the passphrase on stdin only)
            [_tool("gpg"), "--batch", "--yes", "--quiet", *homedir, *args],
            input=settings.BACKUP_PASSPHRASE if passphrase else "",
            capture_output=True,
            text=True,
        )
    if result.returncode != 0:
        raise BackupError(f"gpg: {result.stderr.strip()}")


def _encrypt(path: Path, how: list[str]) -> None:
    passphrase = "--symmetric" in how
    _gpg([*how, "--output", f"{path}.gpg", str(path)], passphrase=passphrase)
    os.chmod(f"{path}.gpg", 0o600)
    path.unlink()


def _decrypted(path: Path, work: Path) -> Path:
    """PATH itself, or when only PATH.gpg is there, its decryption in the private folder WORK."""
    encrypted = Path(f"{path}.gpg")
    if path.exists() or not encrypted.exists():
        return path
    out = work / path.name
    extra = ["--pinentry-mode", "loopback", "--passphrase-fd", "0"] if settings.BACKUP_PASSPHRASE else []
    _gpg([*extra, "--output", str(out), "--decrypt", str(encrypted)], passphrase=bool(extra))
    return out


def backup(target_dir: Path, *, now: datetime.datetime | None = None, unencrypted: bool = False) -> Path:
    how = _encryption()
    if how is None and not unencrypted:
        raise BackupError(
            "no backup key: set BACKUP_GPG_RECIPIENT or BACKUP_PASSPHRASE(_FILE), or ask for --unencrypted"
        )
    old_umask = os.umask(0o077)  # everything written below is the owner's only
    try:
        folder = _backup(target_dir, now)
        for path in sorted(folder.iterdir()):
            os.chmod(path, 0o600)
            if how is not None and path.name != MEDIA_NOTE:
                _encrypt(path, how)
    finally:
        os.umask(old_umask)
    return folder


def _backup(target_dir: Path, now: datetime.datetime | None) -> Path:
    stamp = (now or timezone.localtime()).strftime("%Y%m%d-%H%M%S")
    folder = Path(target_dir) / f"tym-{stamp}"
    Path(target_dir).mkdir(parents=True, exist_ok=True, mode=0o700)
    folder.mkdir(mode=0o700, exist_ok=False)
    os.chmod(folder, 0o700)
    vendor = connection.vendor
    if vendor == "postgresql":
        args, env = _pg_env()
        out = folder / DATABASE_FILE[vendor]
        result = subprocess.run(  # noqa: S603  (a list, no shell; values from the settings)
            [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(out), *args],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BackupError(result.stderr.strip())
    elif vendor == "sqlite":
        source = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
        destination = sqlite3.connect(str(folder / DATABASE_FILE[vendor]))
        with destination:
            source.backup(destination)  # a consistent copy while the portal runs
        source.close()
        destination.close()
    else:
        raise BackupError(f"no backup for the {vendor} database")
    if not _media_on_disk():
        # Files in an object store are kept by the store (its versioning and replication), not here.
        (folder / MEDIA_NOTE).write_text(
            "Uploaded files are in the object store named by MEDIA_STORAGE/S3_BUCKET; "
            "keep them with the store's own versioning.\n",
            encoding="utf-8",
        )
        return folder
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
        if media.exists():
            archive.add(media, arcname="media")
    return folder


MEDIA_NOTE = "media-in-object-store.txt"


def _media_on_disk() -> bool:
    return bool(settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage")


def restore(folder: Path, *, database_url: str | None = None, media_root: Path | None = None) -> None:
    """Restore FOLDER's database (into DATABASE_URL when given, else the default database) and files,
    decrypting them first where they are encrypted (the key as for `backup`, or the private key)."""
    import tempfile

    old_umask = os.umask(0o077)
    try:
        with tempfile.TemporaryDirectory() as work:
            _restore(Path(folder), Path(work), database_url, media_root)
    finally:
        os.umask(old_umask)


def _restore(folder: Path, work: Path, database_url: str | None, media_root: Path | None) -> None:
    dump = _decrypted(folder / DATABASE_FILE["postgresql"], work)
    if dump.exists():
        args, env = _pg_env(database_url)
        result = subprocess.run(  # noqa: S603  (a list, no shell; values from the settings)
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--exit-on-error",
                *args,
                str(dump),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BackupError(result.stderr.strip())
    elif (sqlite_copy := _decrypted(folder / DATABASE_FILE["sqlite"], work)).exists():
        target = (
            Path(urlsplit(database_url).path) if database_url else Path(settings.DATABASES["default"]["NAME"])
        )
        shutil.copyfile(sqlite_copy, target)
    else:
        raise BackupError(f"{folder} holds no database backup")
    tar = _decrypted(folder / "media.tar.gz", work)
    if not tar.exists() and (folder / MEDIA_NOTE).exists():
        return  # the files stayed in the object store
    media = Path(media_root or settings.MEDIA_ROOT)
    with tarfile.open(tar, "r:gz") as archive:
        members = [m for m in archive.getmembers() if m.name == "media" or m.name.startswith("media/")]
        media.mkdir(parents=True, exist_ok=True)
        for member in members:
            member.name = member.name[len("media") :].lstrip("/") or "."
        archive.extractall(media, members=members, filter="data")  # no absolute paths or links out
