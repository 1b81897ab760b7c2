import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from tym.env import envbool, envint, envlist, envsecret

ROOT = Path(__file__).resolve().parent.parent


def test_envbool_reads_true_and_false_and_refuses_anything_else(monkeypatch):
    monkeypatch.setenv("X_FLAG", "true")
    assert envbool("X_FLAG", False) is True
    monkeypatch.setenv("X_FLAG", "0")
    assert envbool("X_FLAG", True) is False
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        envbool("X_FLAG", False)


def test_envbool_uses_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("X_FLAG", raising=False)
    assert envbool("X_FLAG", True) is True


def test_envint_refuses_words_and_values_below_the_minimum(monkeypatch):
    monkeypatch.setenv("X_NUM", "ten")
    with pytest.raises(ImproperlyConfigured):
        envint("X_NUM", 1)
    monkeypatch.setenv("X_NUM", "-1")
    with pytest.raises(ImproperlyConfigured):
        envint("X_NUM", 1, minimum=0)
    monkeypatch.setenv("X_NUM", "42")
    assert envint("X_NUM", 1) == 42


def test_envlist_splits_on_commas(monkeypatch):
    monkeypatch.setenv("X_LIST", "a.fi, b.fi,,")
    assert envlist("X_LIST", []) == ["a.fi", "b.fi"]


def test_envsecret_prefers_the_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-file\n")
    monkeypatch.setenv("X_SECRET", "from-env")
    monkeypatch.setenv("X_SECRET_FILE", str(secret))
    assert envsecret("X_SECRET") == "from-file"


def test_envsecret_fails_loudly_when_the_file_is_missing(monkeypatch, tmp_path):
    monkeypatch.setenv("X_SECRET_FILE", str(tmp_path / "nope"))
    with pytest.raises(ImproperlyConfigured, match="X_SECRET_FILE"):
        envsecret("X_SECRET")


def _settings_in_subprocess(env: dict, expression: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL", "SECRET_KEY_FILE", "CACHE_URL"}
    }
    clean.update(env)
    code = f"import tym.settings as s; print({expression})"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, check=False
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _settings_in_subprocess({"TYM_VAR_DIR": str(tmp_path)}, "s.DEBUG")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_debug_is_off_unless_turned_on(tmp_path):
    result = _settings_in_subprocess({"SECRET_KEY": "k", "TYM_VAR_DIR": str(tmp_path)}, "s.DEBUG")
    assert result.stdout.strip() == "False"


def test_the_embedded_defaults_need_no_server(tmp_path):
    result = _settings_in_subprocess(
        {"SECRET_KEY": "k", "TYM_VAR_DIR": str(tmp_path)},
        "s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL",
    )
    assert result.stdout.strip() == "django.db.backends.sqlite3 filesystem://"


def test_database_url_selects_postgresql(tmp_path):
    result = _settings_in_subprocess(
        {"SECRET_KEY": "k", "TYM_VAR_DIR": str(tmp_path), "DATABASE_URL": "postgres://u:p@db:5432/tym"},
        "s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME']",
    )
    assert result.stdout.strip() == "django.db.backends.postgresql tym"


def test_sessions_live_in_the_database_with_or_without_redis(tmp_path):
    """#31 item 2: with sessions in the cache (cached_db) an unreachable Redis made every login a 500."""
    base = {"SECRET_KEY": "k", "TYM_VAR_DIR": str(tmp_path)}
    expression = "s.SESSION_ENGINE, s.CACHES['default']['BACKEND']"
    result = _settings_in_subprocess(base, expression)
    assert result.stdout.strip() == (
        "django.contrib.sessions.backends.db django.core.cache.backends.locmem.LocMemCache"
    )
    result = _settings_in_subprocess({**base, "CACHE_URL": "redis://redis:6379/1"}, expression)
    assert result.stdout.strip() == (
        "django.contrib.sessions.backends.db django.core.cache.backends.redis.RedisCache"
    )


# Where uploaded files live (#18 item 4).


def test_uploaded_files_stay_on_the_local_disk_by_default(monkeypatch):
    from tym.env import media_storage

    monkeypatch.delenv("MEDIA_STORAGE", raising=False)
    assert media_storage() == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_an_object_store_is_configured_by_the_environment_with_a_private_bucket(monkeypatch, tmp_path):
    from tym.env import media_storage

    secret = tmp_path / "s3-secret"
    secret.write_text("salainen\n", encoding="utf-8")
    monkeypatch.setenv("MEDIA_STORAGE", "s3")
    monkeypatch.setenv("S3_BUCKET", "tym-media")
    monkeypatch.setenv("S3_ENDPOINT_URL", "https://s3.example.fi")
    monkeypatch.setenv("S3_ACCESS_KEY", "avain")
    monkeypatch.setenv("S3_SECRET_KEY_FILE", str(secret))
    storage = media_storage()
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "tym-media"
    assert options["endpoint_url"] == "https://s3.example.fi"
    assert options["secret_key"] == "salainen"
    assert options["default_acl"] is None  # never public-read
    assert options["querystring_auth"] is True
    assert options["file_overwrite"] is False


@pytest.mark.parametrize(("kind", "bucket"), [("s3", ""), ("ftp", "x")])
def test_a_storage_that_cannot_work_stops_the_start(monkeypatch, kind, bucket):
    from tym.env import media_storage

    monkeypatch.setenv("MEDIA_STORAGE", kind)
    monkeypatch.setenv("S3_BUCKET", bucket)
    with pytest.raises(ImproperlyConfigured, match="MEDIA_STORAGE"):
        media_storage()
