"""Production settings: `check --deploy` is clean, a missing secret stops Lotse.

Each test starts manage.py in a fresh process with an environment of its own,
so that the settings module is read as a server would read it.
"""

import base64
import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.test import override_settings

from lotse.checks import content_security_policy

MANAGE = Path(settings.BASE_DIR) / "manage.py"
PRODUCTION = {
    "LOTSE_SECRET_KEY": secrets.token_urlsafe(50),
    # The key of the encrypted fields (lib/crypto.py), as Fernet writes one.
    "LOTSE_FIELD_KEYS": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
    "LOTSE_ALLOWED_HOSTS": "lotse.example.org",
    "LOTSE_PUBLIC_URL": "https://lotse.example.org",
}


def manage(*args: str, **environment: str) -> subprocess.CompletedProcess:
    # Nothing of this machine's own Lotse settings may leak in, nor what the
    # browser tests of the same worker set (DJANGO_ALLOW_ASYNC_UNSAFE).
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("LOTSE_", "DJANGO_")) and name != "DATABASE_URL"
    }
    env.update(environment)
    return subprocess.run(
        [sys.executable, str(MANAGE), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def setting(name: str, **environment: str) -> str:
    """The setting's repr as a process with this environment reads it."""
    done = manage(
        "shell",
        "--no-imports",
        "-c",
        f"from django.conf import settings; print(repr(settings.{name}))",
        **environment,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_deploy_check_is_clean_in_production():
    done = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_production_without_a_secret_key_refuses_to_start():
    environment = {**PRODUCTION, "LOTSE_SECRET_KEY": ""}
    done = manage("check", **environment)
    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr
    assert "Set LOTSE_SECRET_KEY" in done.stderr


def test_the_secret_key_may_come_from_a_file(tmp_path):
    key_file = tmp_path / "secret"
    key_file.write_text(PRODUCTION["LOTSE_SECRET_KEY"] + "\n")
    environment = {**PRODUCTION, "LOTSE_SECRET_KEY": ""}
    environment["LOTSE_SECRET_KEY_FILE"] = str(key_file)
    done = manage("check", "--deploy", "--fail-level", "WARNING", **environment)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_plain_http_public_address_fails_the_deploy_check():
    environment = {**PRODUCTION, "LOTSE_PUBLIC_URL": "http://lotse.example.org"}
    done = manage("check", "--deploy", **environment)
    assert done.returncode != 0
    assert "lotse.E003" in done.stderr


def test_production_redirects_to_https_and_trusts_the_proxys_header():
    environment = {**PRODUCTION, "LOTSE_PROXY_SSL_HEADER": "X-Forwarded-Proto"}
    assert setting("SECURE_SSL_REDIRECT", **environment) == "True"
    assert setting("SECURE_PROXY_SSL_HEADER", **environment) == (
        "('HTTP_X_FORWARDED_PROTO', 'https')"
    )
    assert setting("SECURE_HSTS_SECONDS", **environment) == str(365 * 24 * 3600)
    assert setting("CSRF_TRUSTED_ORIGINS", **environment) == (
        "['https://lotse.example.org']"
    )


def test_the_demo_stays_on_plain_http():
    # What `make serve` sets: no secret key, no HTTPS, on 127.0.0.1.
    demo = {"LOTSE_DEMO": "1", "LOTSE_SECURE_COOKIES": "0"}
    assert setting("PRODUCTION", **demo) == "False"
    assert setting("SECURE_SSL_REDIRECT", **demo) == "False"
    assert setting("SESSION_COOKIE_SECURE", **demo) == "False"


def test_the_tests_run_as_development():
    assert settings.PRODUCTION is False
    assert settings.SECURE_SSL_REDIRECT is False


def test_every_security_setting_can_be_set_from_the_environment():
    environment = {
        **PRODUCTION,
        "LOTSE_HSTS_SECONDS": "600",
        "LOTSE_HSTS_INCLUDE_SUBDOMAINS": "0",
        "LOTSE_SSL_REDIRECT": "0",
        "LOTSE_SESSION_MAX_SECONDS": "3600",
    }
    assert setting("SECURE_HSTS_SECONDS", **environment) == "600"
    assert setting("SECURE_HSTS_INCLUDE_SUBDOMAINS", **environment) == "False"
    assert setting("SECURE_SSL_REDIRECT", **environment) == "False"
    assert setting("SESSION_MAX_SECONDS", **environment) == "3600"


def test_our_check_refuses_unsafe_inline_in_the_policy():
    policy = {
        "DIRECTIVES": {
            **settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
            "style-src": ["'self'", "'unsafe-inline'"],
        }
    }
    with override_settings(CONTENT_SECURITY_POLICY=policy):
        problems = content_security_policy(None)
    assert [problem.id for problem in problems] == ["lotse.E002"]
    assert "'unsafe-inline' in style-src" in problems[0].msg


def test_our_check_wants_every_protective_directive():
    policy = {"DIRECTIVES": {"default-src": ["'self'"]}}
    with override_settings(CONTENT_SECURITY_POLICY=policy):
        problems = content_security_policy(None)
    assert {problem.id for problem in problems} == {"lotse.E001"}
    assert len(problems) == 4


def test_the_project_policy_passes_our_check():
    assert content_security_policy(None) == []
