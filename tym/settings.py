"""Settings for TYM Governance.

Every value can be set from the environment (see README, "Environment variables"). Without any,
the embedded defaults run the whole product on one machine: a SQLite file, and a Celery broker on
the local filesystem, so no server is needed. DEBUG is off unless the environment turns it on.
"""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from sso.providers import load as load_oidc_providers
from tym.env import envbool, envint, envlist, envsecret, envstr, media_storage

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(envstr("TYM_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = envbool("DEBUG", False)

SECRET_KEY = envsecret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) must be set when DEBUG is off")
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG"  # noqa: S105

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_ROOT = envstr("SITE_ROOT", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_htmx",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "core",
    "auditlog",
    "statements",
    "backups",
    "casefiles",
    "registers",
    "organisations",
    "decisions",
    "governance",
    "agreements",
    "staffing",
    "costs",
    "accessrights",
    "sso",
    "notifications",
    "reports",
    "archive",
    "api",
]

# Development only, never in a production install: the national data generator (devdata/). The tests
# (tym/settings_test.py) and the benchmark (bench/settings.py) add it themselves.
if DEBUG:
    INSTALLED_APPS.append("devdata")

# The apps that hold the domain's records, lowest layer first: load_demo runs their demo steps in this
# order, and the board secretaries' group holds every permission of their models.
DOMAIN_APPS = (
    "registers",  # the national registers: read-only in the admin, changed by update_reference_data
    "organisations",
    "decisions",
    "governance",
    "agreements",
    "staffing",
    "costs",
    "accessrights",
    "notifications",
)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.SessionRenewalMiddleware",
    "core.middleware.LanguageByChoiceMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.NoStoreForUsersMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # The second factor for those who manage rights and records, before any other page (#14).
    "organisations.second_factor.SecondFactorMiddleware",
    "auditlog.middleware.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # request.htmx: a small interaction answers with the part of the page it changes (#17 item 6).
    "django_htmx.middleware.HtmxMiddleware",
    # A form sent twice is saved once ({% once %} in every form, #14).
    "core.middleware.OnceMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # After CSPMiddleware: on the way out it runs first, letting the logout form reach the provider (#30).
    "sso.middleware.ProviderLogoutMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns lockouts raised by the backend into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tym.urls"
WSGI_APPLICATION = "tym.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["core.templatetags.tym"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# Forms render through TEMPLATES, so templates/django/forms/ can override a widget: the select
# (templates/django/forms/widgets/select.html, Django's markup) lists its options inline instead of
# including a template per option (#15: a select of 117 organisations, 13 -> 5 ms).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Database: DATABASE_URL (e.g. postgres://user:pass@host:5432/tym), else a SQLite file.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'tym.sqlite3'}",
        conn_max_age=envint("DB_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # A persistent connection buys nothing on SQLite and holds the file lock longer.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Single sign-on with the organisations' OpenID Connect providers (#30, sso/): the JSON file named by
# OIDC_PROVIDERS_FILE (README, "Single sign-on"); a file that cannot be used stops the start.
OIDC_PROVIDERS = load_oidc_providers(envstr("OIDC_PROVIDERS_FILE"))
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Brute-force protection on the login form.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", 15, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Lock-out is by user name AND address, never by name alone (anyone could lock any account by name),
# and the address is the client's, not the proxy's (core.addresses, #31 item 6).
AXES_CLIENT_IP_CALLABLE = "core.addresses.client_address"
# The load balancers whose X-Forwarded-For is believed (addresses or networks, comma-separated): the
# client's address is read from that header only when the request comes from one of them.
TRUSTED_PROXIES = envlist("TRUSTED_PROXIES", [])

# Language: Finnish by default; Swedish (the other national language) and English.
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Helsinki"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": media_storage(),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if envbool("STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploaded signature scans are never served as static media: only through a view that checks access.
SIGNATURE_SCAN_MAX_BYTES = envint("SIGNATURE_SCAN_MAX_MB", 10, minimum=1) * 1024 * 1024
# PAdES-signed agreements (#30): the signer's certificate must chain to one of these roots (PEM files,
# comma-separated paths); production: the Finnish DVV roots (README, "Signed PDFs"). None: nothing is trusted.
SIGNATURE_TRUST_ROOTS = envlist("SIGNATURE_TRUST_ROOTS", [])
# Staffing figure imports (staffing/imports.py): the largest file, the most rows, the errors listed.
IMPORT_MAX_BYTES = envint("IMPORT_MAX_KB", 2048, minimum=1) * 1024
IMPORT_MAX_ROWS = envint("IMPORT_MAX_ROWS", 5000, minimum=1)
IMPORT_MAX_ERRORS_SHOWN = envint("IMPORT_MAX_ERRORS_SHOWN", 50, minimum=1)
# A workbook's parts unpacked, and the columns read of each row: checked before they are read (#31 item 5).
IMPORT_MAX_UNZIPPED_BYTES = envint("IMPORT_MAX_UNZIPPED_KB", 20 * 1024, minimum=1) * 1024
IMPORT_MAX_COLUMNS = envint("IMPORT_MAX_COLUMNS", 20, minimum=4)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Security headers. Everything (scripts, styles, fonts) is served by the app itself.
# The JSON API (api/): tokens or the portal's session, problem details, pages of 50 (at most 200).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.auth.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.auth.TokenScopes"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pages",
    "DEFAULT_SCHEMA_CLASS": "api.schema.Schema",
    "EXCEPTION_HANDLER": "api.problems.handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "TYM Governance API",
    "DESCRIPTION": (
        "Cooperations, steering groups, meetings and decisions, agreements, objectives, staffing and "
        "development-day costs of the TYM cooperation model (Act 381/2023, Decree 388/2024). "
        "Authenticate with a personal token from the portal: `Authorization: Bearer tym_…`. "
        "Errors are RFC 9457 problem details."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Idle timeout: a session ends after this long without a request. A request renews it when the last
# renewal is SESSION_RENEW_SECONDS old (core.middleware.SessionRenewalMiddleware), not on every request.
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 60 * 60, minimum=60)
SESSION_RENEW_SECONDS = 60
# The absolute lifetime: a session ends this long after the login, however active (#31 item 8).
SESSION_ABSOLUTE_SECONDS = envint("SESSION_ABSOLUTE_HOURS", 10, minimum=1) * 60 * 60
if envbool("SECURE_PROXY_SSL", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HTTPS only outside DEBUG; behind a TLS-terminating proxy that redirects itself, SECURE_SSL_REDIRECT=false.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
# Preloading (W021) is a commitment to HTTPS for the whole domain, in every browser, for months: the
# host's owner's choice, not the application's. So `check --deploy` passes with the default false.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# Backups (backups/folders.py) are encrypted with GnuPG: to a public key (best: the server cannot read
# them), or with a passphrase. Without either, `backup` refuses unless --unencrypted (#31 item 8).
BACKUP_GPG_RECIPIENT = envstr("BACKUP_GPG_RECIPIENT", "")
BACKUP_PASSPHRASE = envsecret("BACKUP_PASSPHRASE", "") or ""
# The use and disclosure log (auditlog.audit; Act 906/2019 § 17): how long rows are kept, which pages are
# views of non-public records, which anonymous disclosures are logged, and who describes the right.
AUDIT_RETENTION_DAYS = envint("AUDIT_RETENTION_DAYS", 5 * 366, minimum=30)
AUDIT_VIEWED_PAGES = {
    "item-detail",
    "meeting-detail",
    "agreement-detail",
    "group-detail",
    "group-history",
    "organisation-detail",
    "people-and-rights",
    "staffing-year",
    "day-detail",
    "area-detail",
    "cooperation-detail",
    "audit-log",
}
AUDIT_ANONYMOUS_DISCLOSURES = {"calendar-feed"}
AUDIT_RIGHT_DESCRIBER = "organisations.access.describe_right"
# The log's HMAC key (#31 item 3), kept outside the database (a file or the environment); without it a
# key derived from SECRET_KEY. Changing it makes the rows hashed under the old key fail --verify.
AUDIT_LOG_KEY = envsecret("AUDIT_LOG_KEY", "") or ""
# Where the daily job appends the chain's head (one JSON line a day): copy it off the server, or point
# this at storage the database's users cannot write, and check it with `audit_log --verify --heads`.
AUDIT_HEAD_EXPORT = envstr("AUDIT_HEAD_EXPORT", str(VAR_DIR / "audit-heads.jsonl"))
# On PostgreSQL the log's table refuses UPDATE and DELETE to every role but AUDIT_PRUNER_ROLE: pruning is
# `audit_log --prune`, run with that role's connection (AUDIT_PRUNE_DATABASE_URL), never the app's.
AUDIT_PRUNER_ROLE = "tym_audit_pruner"
if envstr("AUDIT_PRUNE_DATABASE_URL"):
    DATABASES["audit_prune"] = dj_database_url.parse(envstr("AUDIT_PRUNE_DATABASE_URL"), conn_max_age=0)

OTP_TOTP_ISSUER = envstr("OTP_TOTP_ISSUER", "TYM-hallinto")

# Password reset requests per hour, per address and per client (core.views).
PASSWORD_RESET_LIMIT_PER_HOUR = envint("PASSWORD_RESET_LIMIT_PER_HOUR", 5, minimum=1)
# The cache holds the rate-limit counters: shared through Redis when CACHE_URL is set, else per process.
# "local" is each process's own, where the counters go while Redis does not answer (core.views, #31).
_redis = envstr("CACHE_URL", "")
_local = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "local"}
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _redis,
            # An unreachable Redis answers within a second, not after the system's TCP timeout.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        if _redis
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    "local": _local,
}
# Sessions live in the database alone: with them in the cache (cached_db, #15) an unreachable Redis made
# every login answer 500 (#31 item 2). One query a page is the price of logins that survive it.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Argon2 first (OWASP's first choice); the others still verify, and rehash on the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# E-mail: SMTP when EMAIL_HOST is set; else files in EMAIL_FILE_PATH (var/mail/ with DEBUG); else the console.
EMAIL_HOST = envstr("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = envsecret("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
elif envstr("EMAIL_FILE_PATH"):
    # Every message as a file in that folder: for staging, and the end-to-end worker test.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = envstr("EMAIL_FILE_PATH")
elif DEBUG:
    # The embedded default (`make run`): every message kept as a file in var/mail/, so a newcomer reads
    # what the portal sent (the administrators' page /dev/mail/, notifications/mailbox.py) (#29 item 6).
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(VAR_DIR / "mail")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "tym@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery. Without CELERY_BROKER_URL the broker is kombu's filesystem transport: a worker with
# beat (-B) runs on one host with no server. Production sets redis://.
CELERY_BROKER_URL = envstr("CELERY_BROKER_URL", "filesystem://")
_CELERY_QUEUE_DIR = VAR_DIR / "celery" / "queue"
_CELERY_DONE_DIR = VAR_DIR / "celery" / "processed"
_CELERY_CONTROL_DIR = VAR_DIR / "celery" / "control"
if CELERY_BROKER_URL.startswith("filesystem://"):
    for _folder in (_CELERY_QUEUE_DIR, _CELERY_DONE_DIR, _CELERY_CONTROL_DIR):
        _folder.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # kombu needs "in" and "out" to be the same folder for producer and worker to meet.
        "data_folder_in": str(_CELERY_QUEUE_DIR),
        "data_folder_out": str(_CELERY_QUEUE_DIR),
        "processed_folder": str(_CELERY_DONE_DIR),
        # Its exchange tables too, which kombu would otherwise write into the working directory.
        "control_folder": str(_CELERY_CONTROL_DIR),
        "store_processed": False,
    }
CELERY_RESULT_BACKEND = envstr("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ALWAYS_EAGER = envbool("CELERY_TASK_ALWAYS_EAGER", False)
# Separate queues let several installations (or test runs) share one Redis safely.
CELERY_TASK_DEFAULT_QUEUE = envstr("CELERY_QUEUE", "celery")
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celery" / "beat-schedule")
# The schedule is static, kept here with the code it runs (reviewed, versioned, tested).
CELERY_BEAT_SCHEDULE = {
    "clear-expired-sessions": {
        "task": "core.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=15),
    },
    # Every app's daily job in layer order: status moves first, then reminders and their e-mail
    # (core/jobs.py); on Mondays also pending signatures and digests.
    "daily-jobs": {
        "task": "core.tasks.run_daily_jobs",
        "schedule": crontab(hour=6, minute=30),
    },
}
# When the broker is down, publishing gives up quickly: the portal keeps serving and the next daily
# run sends whatever was not sent.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# Days before a deadline when a reminder goes out (a term ending, an agreement ending).
# The steering group sets the year's objectives by this day (month, day); a compliance warning after it.
OBJECTIVES_DUE_BY = tuple(int(v) for v in envstr("OBJECTIVES_DUE_BY", "03-31").split("-"))
REMINDER_LEAD_DAYS = [int(v) for v in envlist("REMINDER_LEAD_DAYS", ["180", "90", "30"])]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
