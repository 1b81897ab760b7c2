"""A migrated PostgreSQL test database, built once and copied for each pytest worker (#32 item 1).

Running the migrations renders Django's model state again for each of some 80 migrations: about 30 s
of CPU for every test database, so once per xdist worker and again on every run. Here the migrated
database is built once into a template named after everything that decides its content (the
migration files, the settings, the installed packages' versions), and each worker's test database is
a copy of it (CREATE DATABASE … TEMPLATE, well under a second). pytest-django then finds the test
database there (keepdb); its `migrate`, which would have nothing to apply but would render the model
state again (about 40 s a worker), is skipped for a fresh copy (tests/conftest.py _skipping_migrate):
the fingerprint changes with any migration, so the template has every content type and permission.

The template stays on the server for the next run with the same fingerprint; templates of other
fingerprints are dropped when a new one is built. An advisory lock keeps two workers (or two
checkouts) from building at once. SQLite is left to pytest-django as before.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import sysconfig
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "tym_template_"
LOCK = 3_202_612  # any number of our own for pg_advisory_lock


def fingerprint() -> str:
    """What the migrated database depends on: every migration, the settings, the package versions."""
    digest = hashlib.sha256()
    settings = [ROOT / "tym" / "settings.py", ROOT / "tym" / "settings_test.py"]
    files = [*sorted(ROOT.glob("*/migrations/*.py")), *settings]
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    # The installed packages only: sys.path differs between a plain `python -m` (the current directory
    # first, with the project's own *.egg-info from `pip install .`) and an xdist worker, and so would
    # the fingerprint, making the workers build a template of their own (40 s) beside CI's.
    installed = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    for name, version in sorted(
        (dist.metadata["Name"] or "", dist.version) for dist in metadata.distributions(path=sorted(installed))
    ):
        digest.update(f"{name}=={version}\n".encode())
    return digest.hexdigest()[:16]


def _quoted(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"unexpected database name {name!r}")
    return f'"{name}"'


def _server() -> dict | None:
    """How to reach the PostgreSQL server of the test settings, or None when it is not PostgreSQL."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        return None
    return {
        "host": database.get("HOST") or None,
        "port": database.get("PORT") or None,
        "user": database.get("USER") or None,
        "password": database.get("PASSWORD") or None,
    }


def copy_for_this_worker() -> bool:
    """Make this worker's test database a fresh copy of the migrated template (building the template
    first if no run has). False, changing nothing, when the database is not PostgreSQL."""
    from django.conf import settings

    server = _server()
    if server is None:
        return False
    database = settings.DATABASES["default"]
    test_name = database["TEST"].get("NAME") or f"test_{database['NAME']}"

    def copy(connection, template: str) -> None:
        connection.execute(f"DROP DATABASE IF EXISTS {_quoted(test_name)} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {_quoted(test_name)} TEMPLATE {_quoted(template)}")

    _ensure_template(server, then=copy)
    return True


def _ensure_template(server: dict, then=None) -> str:
    """The template's name, built first if missing; THEN(connection, template) runs under the same lock
    (one builder or copier at a time)."""
    import psycopg

    template = PREFIX + fingerprint()
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as connection:
        connection.execute("SELECT pg_advisory_lock(%s)", [LOCK])
        try:
            found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template]).fetchone()
            if found is None:
                _build(connection, template, server)
            if then is not None:
                then(connection, template)
        finally:
            connection.execute("SELECT pg_advisory_unlock(%s)", [LOCK])
    return template


def _build(connection, template: str, server: dict) -> None:
    building = template + "_building"
    connection.execute(f"DROP DATABASE IF EXISTS {_quoted(building)} WITH (FORCE)")
    connection.execute(f"CREATE DATABASE {_quoted(building)}")
    user = server["user"] or ""
    password = f":{server['password']}" if server["password"] else ""
    at = "@" if user else ""
    url = f"postgres://{user}{password}{at}{server['host'] or ''}:{server['port'] or 5432}/{building}"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "tym.settings_test"},
        check=True,
    )
    connection.execute(f"ALTER DATABASE {_quoted(building)} RENAME TO {_quoted(template)}")
    old = connection.execute(
        "SELECT datname FROM pg_database WHERE datname LIKE %s AND datname <> %s", [PREFIX + "%", template]
    ).fetchall()
    for (name,) in old:
        connection.execute(f"DROP DATABASE IF EXISTS {_quoted(name)} WITH (FORCE)")


if __name__ == "__main__":
    # `python -m tests.pg_template`: build the template now (CI does it while lint runs, so that the
    # test workers find it instead of waiting for the migrations, #32).
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tym.settings_test")
    django.setup()
    server = _server()
    if server is not None:
        print(f"Test database template: {_ensure_template(server)}")
