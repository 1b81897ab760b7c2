"""The benchmark's server settings: production's, over plain HTTP on localhost, with the reference
page's URL (bench/urls.py)."""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
os.environ.setdefault("STATIC_MANIFEST", "false")
os.environ.setdefault("DEBUG", "false")

from tym.settings import *  # noqa: F403

if "devdata" not in INSTALLED_APPS:  # noqa: F405
    INSTALLED_APPS.append("devdata")  # noqa: F405  (the national data generator, development only)

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]  # testserver: the in-process query counts
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
WHITENOISE_USE_FINDERS = True
