"""Lotse settings: one file, configured from the environment (see README)."""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from lib.env import envbool, envint, envsecret, envstr

BASE_DIR = Path(__file__).resolve().parent.parent
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}

DEBUG = envbool("LOTSE_DEBUG")
# The demo shows its users, passwords and TOTP secrets on the login page.
DEMO = envbool("LOTSE_DEMO")
ALLOWED_HOSTS = envstr("LOTSE_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
# Serving any host but this machine means people reach Lotse over a network:
# production rules apply (a real secret key, HTTPS only). The demo, the tests
# and development run on 127.0.0.1 over plain HTTP.
PRODUCTION = envbool(
    "LOTSE_PRODUCTION",
    not DEBUG and not DEMO and not set(ALLOWED_HOSTS) <= LOCAL_HOSTS,
)
SECRET_KEY = envsecret("LOTSE_SECRET_KEY")
if not SECRET_KEY and PRODUCTION:
    # A known key would let anyone forge sessions: refuse to start.
    raise ImproperlyConfigured(
        "Set LOTSE_SECRET_KEY (or LOTSE_SECRET_KEY_FILE) in production, for "
        "example to the output of: python -c 'import secrets; "
        "print(secrets.token_urlsafe(50))'"
    )
SECRET_KEY = SECRET_KEY or "insecure-development-key-only-for-debug-and-tests"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "directory",
    "clients",
    "cases",
    "reports",
    "portal",
    "pages",
    "mediators",
    "guidance",
    "dedupe",
    "housing",
    "schedule",
    "backups",
    "privacy",
    "demo",
    # Last: the project's own system checks (lotse/checks.py).
    "lotse",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so that static files carry the headers too.
    "lib.security.ContentSecurityPolicyMiddleware",
    "lib.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads the body (CSRF reads the form).
    "lib.security.RequestSizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "lib.security.SessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that lockouts see the final response of the login view.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lotse.urls"
WSGI_APPLICATION = "lotse.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.staff",
                "portal.context_processors.portal",
            ],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL selects PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'lotse.sqlite3'}",
        # Keep connections for a minute: opening one per request costs
        # PostgreSQL several milliseconds. Health checks drop broken ones.
        conn_max_age=envint("LOTSE_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer commits; IMMEDIATE takes the
    # write lock at BEGIN so that two writers queue instead of failing late.
    # synchronous=FULL: a commit that was acknowledged (a portal receipt)
    # survives a power cut too, not only a crash of the server; in the
    # load-and-kill benchmark it cost nothing measurable.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
            "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["TEST"] = {"NAME": envstr("LOTSE_TEST_DB", "") or None}

# The concern list's index includes extra columns for PostgreSQL's
# index-only scans; SQLite ignores them, which is harmless (its indexes carry
# the row id anyway), so its warning about it is silenced.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "cases:desk"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Lock an account and address after five failed attempts for 30 minutes.
AXES_FAILURE_LIMIT = envint("LOTSE_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Password spraying tries few passwords on many accounts, which the lock per
# account never sees: failed logins from one address across all user names
# are limited too (accounts/throttle.py), within the same 30 minutes.
LOGIN_FAILURES_PER_ADDRESS = envint("LOTSE_LOGIN_FAILURES_PER_ADDRESS", 20)
# Masked in the log of failed logins like the password (axes keeps the post).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "otp_token"]

OTP_TOTP_ISSUER = "Lotse"

# Staff sessions end after 30 idle minutes and with the browser.
SESSION_COOKIE_AGE = envint("LOTSE_SESSION_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = envbool("LOTSE_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# However active, a session ends after a working day (lib/security.py).
SESSION_MAX_SECONDS = envint("LOTSE_SESSION_MAX_SECONDS", 10 * 60 * 60)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# HTTPS. A reverse proxy terminates TLS and tells Django through a header
# (LOTSE_PROXY_SSL_HEADER=X-Forwarded-Proto) that the request came in over
# HTTPS; only set it when the proxy overwrites that header from clients.
SECURE_SSL_REDIRECT = envbool("LOTSE_SSL_REDIRECT", PRODUCTION)
if proxy_header := envstr("LOTSE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + proxy_header.upper().replace("-", "_"),
        "https",
    )
# Browsers remember for a year to use HTTPS only; Django sends the header on
# HTTPS responses only, so plain HTTP on 127.0.0.1 is untouched. Preloading
# is a decision for the whole domain and slow to undo, so it is opt-in.
SECURE_HSTS_SECONDS = envint("LOTSE_HSTS_SECONDS", 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("LOTSE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("LOTSE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS.append("security.W021")

# Scripts, styles, fonts, pictures and workers only from Lotse itself; no
# inline code at all, so injected markup cannot run or restyle anything.
# data: pictures are KERN's icons inside its stylesheet.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Powerful browser features no page of Lotse uses, switched off for all.
PERMISSIONS_POLICY = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "usb",
]
# Whole requests above this size are refused before they are read (413);
# the largest legitimate one is a portal message with five 10 MB files.
MAX_REQUEST_BYTES = envint("LOTSE_MAX_REQUEST_MB", 100) * 1024 * 1024

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Berlin"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# var/ holds the SQLite database and generated files; it must exist.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
ALTCHA_DIST = BASE_DIR / "node_modules" / "altcha" / "dist"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/kern", BASE_DIR / "node_modules" / "@kern-ux" / "native" / "dist"),
    # ALTCHA's widget (proof of work against spam), served from here: no CDN.
    # static/js/altcha.js puts these parts together under the CSP.
    ("vendor/altcha/external", ALTCHA_DIST / "external"),
    ("vendor/altcha/i18n", ALTCHA_DIST / "i18n"),
    ("vendor/altcha/workers", ALTCHA_DIST / "workers"),
    # KERN rewritten with logical properties by tools/logical_css.py (make assets).
    ("vendor/kern-logical", BASE_DIR / "var" / "assets"),
]
WHITENOISE_USE_FINDERS = True

EMAIL_BACKEND = envstr(
    "LOTSE_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = envstr("LOTSE_FROM_EMAIL", "lotse@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

FORM_RENDERER = "lib.forms.KernRenderer"

# Background work (e-mails to the public) is queued in the database and run
# by `manage.py db_worker`; tests run tasks at once.
TASKS = {
    "default": {
        "BACKEND": envstr("LOTSE_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
    }
}

# Public portal. Attachments are kept outside the static files and only
# handed out to staff through an access-checked view.
PORTAL_MEDIA_ROOT = Path(envstr("LOTSE_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Rendered portal pages are kept per process; an edit makes a new key at once
# (portal/cache.py), this is only the upper bound for memory's sake.
PORTAL_CACHE_SECONDS = envint("LOTSE_PORTAL_CACHE_SECONDS", 600)
PORTAL_MAX_FILES = 5
PORTAL_MAX_FILE_BYTES = 10 * 1024 * 1024
PORTAL_MAX_TEXT = 10_000
# Per address and hour; without JavaScript nobody solved a challenge, so
# fewer submissions pass.
PORTAL_SUBMISSIONS_PER_HOUR = envint("LOTSE_PORTAL_SUBMISSIONS_PER_HOUR", 10)
PORTAL_UNSOLVED_PER_HOUR = envint("LOTSE_PORTAL_UNSOLVED_PER_HOUR", 3)
PORTAL_LOOKUPS_PER_HOUR = envint("LOTSE_PORTAL_LOOKUPS_PER_HOUR", 60)
# Opening or cancelling a booked appointment by the link in its e-mail.
PORTAL_APPOINTMENT_LOOKUPS_PER_HOUR = envint(
    "LOTSE_PORTAL_APPOINTMENT_LOOKUPS_PER_HOUR", 30
)
# Proof of work (ALTCHA, PBKDF2): the browser derives up to COUNTER_MAX keys
# of COST iterations each; about a second on a phone. Tests lower both.
PORTAL_CHALLENGE_COST = envint("LOTSE_PORTAL_CHALLENGE_COST", 5_000)
PORTAL_CHALLENGE_COUNTER = (
    envint("LOTSE_PORTAL_CHALLENGE_COUNTER_MIN", 2_000),
    envint("LOTSE_PORTAL_CHALLENGE_COUNTER_MAX", 6_000),
)
# Where the public reaches the portal, for links in e-mails.
PUBLIC_URL = envstr("LOTSE_PUBLIC_URL", "http://127.0.0.1:8000")
# Forms posted to that address are Lotse's own, also when a proxy in between
# does not pass on the scheme or the host name.
CSRF_TRUSTED_ORIGINS = [
    origin for origin in [PUBLIC_URL.rstrip("/")] if origin.startswith("https://")
]
# Uploads larger than this go to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Field-level encryption of counselling notes (lib/crypto.py): Fernet keys,
# comma-separated; the first encrypts, all decrypt (rotation: README,
# "Encryption keys"). Outside production a fixed development key serves
# debug, the demo and the tests; production without a key fails the system
# check lotse.E101, and no encrypted field can be read or written.
FIELD_KEYS = [
    key.strip() for key in envsecret("LOTSE_FIELD_KEYS").split(",") if key.strip()
]
if not FIELD_KEYS and not PRODUCTION:
    # base64 of b"lotse-development-key-not-secret": known to all, never real.
    FIELD_KEYS = ["bG90c2UtZGV2ZWxvcG1lbnQta2V5LW5vdC1zZWNyZXQ="]
