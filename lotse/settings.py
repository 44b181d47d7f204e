"""Lotse settings: one file, configured from the environment (see README)."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from lib.env import envbool, envint, envsecret, envstr

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("LOTSE_DEBUG")
# The demo shows its users, passwords and TOTP secrets on the login page.
DEMO = envbool("LOTSE_DEMO")
SECRET_KEY = envsecret("LOTSE_SECRET_KEY") or (
    "insecure-development-key-only-for-debug-and-tests"
)
ALLOWED_HOSTS = envstr("LOTSE_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

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
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
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
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
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

OTP_TOTP_ISSUER = "Lotse"

# Staff sessions end after 30 idle minutes and with the browser.
SESSION_COOKIE_AGE = envint("LOTSE_SESSION_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = envbool("LOTSE_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

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
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/kern", BASE_DIR / "node_modules" / "@kern-ux" / "native" / "dist"),
    # ALTCHA's widget (proof of work against spam), served from here: no CDN.
    ("vendor/altcha", BASE_DIR / "node_modules" / "altcha" / "dist" / "main"),
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
# Proof of work (ALTCHA, PBKDF2): the browser derives up to COUNTER_MAX keys
# of COST iterations each; about a second on a phone. Tests lower both.
PORTAL_CHALLENGE_COST = envint("LOTSE_PORTAL_CHALLENGE_COST", 5_000)
PORTAL_CHALLENGE_COUNTER = (
    envint("LOTSE_PORTAL_CHALLENGE_COUNTER_MIN", 2_000),
    envint("LOTSE_PORTAL_CHALLENGE_COUNTER_MAX", 6_000),
)
# Where the public reaches the portal, for links in e-mails.
PUBLIC_URL = envstr("LOTSE_PUBLIC_URL", "http://127.0.0.1:8000")
# Uploads larger than this go to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
