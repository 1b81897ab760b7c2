"""Backups of the database and the uploaded files (#14): one folder per backup, holding the database
(pg_dump's custom format for PostgreSQL, SQLite's online backup otherwise) and a tar of MEDIA_ROOT
(with MEDIA_STORAGE=s3 the object store keeps the files, and the folder says so).
Restored with pg_restore into a database that may be empty (a fresh server), or by copying the SQLite
file back."""

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


def backup(target_dir: Path, *, now: datetime.datetime | None = None) -> Path:
    stamp = (now or timezone.localtime()).strftime("%Y%m%d-%H%M%S")
    folder = Path(target_dir) / f"tym-{stamp}"
    folder.mkdir(parents=True, exist_ok=False)
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
    """Restore FOLDER's database (into DATABASE_URL when given, else the default database) and files."""
    folder = Path(folder)
    dump = folder / DATABASE_FILE["postgresql"]
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
    elif (folder / DATABASE_FILE["sqlite"]).exists():
        target = (
            Path(urlsplit(database_url).path) if database_url else Path(settings.DATABASES["default"]["NAME"])
        )
        shutil.copyfile(folder / DATABASE_FILE["sqlite"], target)
    else:
        raise BackupError(f"{folder} holds no database backup")
    if not (folder / "media.tar.gz").exists() and (folder / MEDIA_NOTE).exists():
        return  # the files stayed in the object store
    media = Path(media_root or settings.MEDIA_ROOT)
    with tarfile.open(folder / "media.tar.gz", "r:gz") as archive:
        members = [m for m in archive.getmembers() if m.name == "media" or m.name.startswith("media/")]
        media.mkdir(parents=True, exist_ok=True)
        for member in members:
            member.name = member.name[len("media") :].lstrip("/") or "."
        archive.extractall(media, members=members, filter="data")  # no absolute paths or links out
