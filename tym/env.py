"""Typed readers for settings from environment variables.

Each helper fails loudly (ImproperlyConfigured) on a value it cannot read, so a typo in
production configuration stops the process at start instead of silently using a default.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def envstr(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use true or false")


def envint(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} is below the minimum {minimum}")
    return value


def envlist(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def envsecret(name: str, default: str | None = None) -> str | None:
    """The secret from NAME_FILE (a path, e.g. a Docker secret) if set, else from NAME."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        file = Path(path)
        if not file.is_file():
            raise ImproperlyConfigured(f"{name}_FILE={path!r} is not a readable file")
        return file.read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def media_storage() -> dict[str, Any]:
    """Where uploaded files (the signed scans) live: the local disk, the embedded default, or with
    MEDIA_STORAGE=s3 an S3-compatible object store that several web nodes share (django-storages,
    installed with the "s3" extra). The bucket stays private: every file is served through the
    application, which checks the reader's rights and logs the disclosure."""
    kind = envstr("MEDIA_STORAGE", "local")
    if kind == "local":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if kind != "s3":
        raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'local' or 's3', not {kind!r}")
    bucket = envstr("S3_BUCKET")
    if not bucket:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs S3_BUCKET")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": envstr("S3_ENDPOINT_URL") or None,
            "region_name": envstr("S3_REGION") or None,
            "access_key": envsecret("S3_ACCESS_KEY"),
            "secret_key": envsecret("S3_SECRET_KEY"),
            "location": envstr("S3_PREFIX", "media"),
            "default_acl": None,  # the bucket's own policy: private
            "querystring_auth": True,
            "file_overwrite": False,  # a new upload never replaces a kept scan
        },
    }
