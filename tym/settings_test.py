"""Settings for the test suite: the production settings, plus what only tests may use."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("STATIC_MANIFEST", "false")

from tym.settings import *  # noqa: F403

if "devdata" not in INSTALLED_APPS:  # noqa: F405
    INSTALLED_APPS.append("devdata")  # noqa: F405  (the national data generator, development only)

# Tests log users in thousands of times; a fast hasher keeps the suite quick.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Serve static files from the finders, as in development: tests do not run collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# The test client speaks plain HTTP; production's redirect and HSTS are checked in tests/test_security.py.
SECURE_SSL_REDIRECT = False
# A failing section, list provider or daily job is raised, not logged and skipped (core/registries.py):
# a broken provider fails its test instead of leaving a page's section quietly empty.
REGISTRIES_RAISE = True
