"""Benchmark "portal": the public start page and a submission, served as in production.

gunicorn serves the project on loopback with production settings (no
DEBUG, a random secret key, whitenoise) and a database of the benchmark's
own; 20 clients load it at once. Beside the portal, a bare Django view
("hello") is served by the same workers through the same middleware: the
ratio of the two says how much the portal adds to what Django costs anyway,
so that the figures can be compared across machines.
"""

import datetime
import json
import os
import platform
import re
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path

import django

from bench.machine import machine
from portal import challenge

from .load import Browser, Failed, Reply, Step, Tally, combined, drive, multipart

ROOT = Path(__file__).resolve().parent.parent
DATABASE = ROOT / "var" / "bench-portal.sqlite3"
SERVER_LOG = ROOT / "var" / "bench-portal-gunicorn.log"
MEDIA = ROOT / "var" / "bench-portal-media"
# Görlitz, not the Erzgebirgskreis: with DATABASE_URL the benchmark shares
# the database with bench "cases", whose data must keep its counts.
OFFICE = "goerlitz"
LANGUAGE = "de"
START = f"/p/{OFFICE}/{LANGUAGE}/"
SEND = f"/p/{OFFICE}/{LANGUAGE}/send/"
CHALLENGE = f"/p/{OFFICE}/{LANGUAGE}/challenge/"
HELLO = "/bench-hello/"

CLIENTS = 20
WARM_UP_SECONDS = 3
SECONDS = 10  # per page, in TURNS turns that alternate between the pages
TURNS = 5
WARM_UP_SUBMISSIONS = 3  # per client
SUBMISSIONS = 25  # per client, timed
# Two cores: four synchronous workers keep both busy while some wait for
# the database (see bench/README.md for the configurations tried).
# BENCH_PORTAL_GUNICORN replaces these options, for trying others.
WORKERS = ["--workers", "4", "--worker-class", "sync"]
GOAL_RATIO = 0.6
GOAL_P95_MS = 50
# Above this share of failed requests the figures mean nothing.
MAX_ERROR_SHARE = 0.01

TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RECEIPT = re.compile(r"<code>[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}</code>")


def run() -> dict:
    env = server_env()
    prepare_database(env)
    before = database_facts(env)
    with served(env) as port:
        pages = measure_pages(port, {"hello": HELLO, "start_page": START})
        hello, start = pages["hello"], pages["start_page"]
        form, submission = measure_submissions(port)
    after = database_facts(env)
    tallies = {
        "hello": hello,
        "start_page": start,
        "submission_form": form,
        "submission": submission,
    }
    check_errors(tallies)
    return {
        "figures": figures(hello, start, submission),
        "context": context(tallies, before, after),
    }


# --- The server ----------------------------------------------------------------


def server_env() -> dict[str, str]:
    """Production settings, with limits the benchmark would otherwise hit."""
    env = dict(os.environ)
    # bench/run.py's configure() points DATABASE_URL at the SQLite file of
    # "cases"; a SQLite URL means "the benchmark's own file", any other the
    # database given (PostgreSQL).
    url = env.get("DATABASE_URL", "")
    if not url or url.startswith("sqlite"):
        env["DATABASE_URL"] = f"sqlite:///{DATABASE}"
    env |= {
        "DJANGO_SETTINGS_MODULE": "bench.portal_settings",
        "LOTSE_DEBUG": "0",
        "LOTSE_DEMO": "0",
        "LOTSE_SECRET_KEY": secrets.token_urlsafe(50),
        "LOTSE_ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on loopback: secure cookies would never come back.
        "LOTSE_SECURE_COOKIES": "0",
        "LOTSE_MEDIA_ROOT": str(MEDIA),
        # All clients come from 127.0.0.1: one address, many people.
        "LOTSE_PORTAL_SUBMISSIONS_PER_HOUR": "1000000",
        # The clients' proof of work is not what is measured: a token one.
        "LOTSE_PORTAL_CHALLENGE_COST": "1",
        "LOTSE_PORTAL_CHALLENGE_COUNTER_MIN": "1",
        "LOTSE_PORTAL_CHALLENGE_COUNTER_MAX": "10",
    }
    return env


def prepare_database(env: dict[str, str]) -> None:
    """The demo offices in a fresh SQLite file, or added to the given database."""
    sqlite = env["DATABASE_URL"].startswith("sqlite")
    if sqlite:
        # Built anew each run (a quarter of a minute), so that every run
        # starts from the same rows.
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
    manage(env, "migrate", "--noinput")
    facts = database_facts(env)
    if not sqlite and facts["offices"] and not facts["office_exists"]:
        raise SystemExit(
            "The benchmark database holds other data than the demo's. "
            "Use an empty database or one built by the benchmarks."
        )
    manage(env, "load_demo", "--small")


def manage(env: dict[str, str], *args: str) -> None:
    command = [sys.executable, "manage.py", *args]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"{shlex.join(args)} failed:\n{done.stderr}")


def database_facts(env: dict[str, str]) -> dict:
    command = [sys.executable, "-m", "bench.portal_db", OFFICE]
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def worker_options() -> list[str]:
    chosen = os.environ.get("BENCH_PORTAL_GUNICORN")
    return shlex.split(chosen) if chosen else WORKERS


@contextmanager
def served(env: dict[str, str]) -> Iterator[int]:
    """gunicorn on a free loopback port, stopped whatever happens."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "lotse.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        *worker_options(),
        "--log-level",
        "warning",
    ]
    MEDIA.mkdir(parents=True, exist_ok=True)
    # `kill` (SIGTERM) would end Python without running the finally below.
    previous = signal.signal(signal.SIGTERM, exit_on_signal)
    with SERVER_LOG.open("w") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        try:
            wait_until_up(server, port)
            yield port
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            signal.signal(signal.SIGTERM, previous)


def exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(server: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped; see {SERVER_LOG}")
        probe = Browser(port)
        try:
            reply, _ms = probe.timed("GET", "/healthz")
            if reply.status == 200:
                return
        except OSError:
            pass
        finally:
            probe.close()
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within a minute; see {SERVER_LOG}")


# --- The load ------------------------------------------------------------------


def browsers(port: int) -> list[Browser]:
    return [Browser(port, language=LANGUAGE) for _n in range(CLIENTS)]


def measure_pages(port: int, paths: dict[str, str]) -> dict[str, Tally]:
    """Each page for SECONDS, in turns of a few seconds.

    Other work on the machine then weighs on each page alike, and the ratio
    stays fair.
    """
    clients = {name: browsers(port) for name in paths}
    steps = {name: fetching(path) for name, path in paths.items()}
    turns: dict[str, list[Tally]] = {name: [] for name in paths}
    try:
        for name in paths:
            drive(clients[name], steps[name], seconds=WARM_UP_SECONDS)
        for _turn in range(TURNS):
            for name in paths:
                tally = drive(clients[name], steps[name], seconds=SECONDS / TURNS)
                turns[name].append(tally)
        return {name: combined(tallies) for name, tallies in turns.items()}
    finally:
        for each in clients.values():
            for client in each:
                client.close()


def fetching(path: str) -> Step:
    def fetch(browser: Browser) -> float:
        reply, ms = browser.timed("GET", path)
        expect_ok(reply)
        return ms

    return fetch


def measure_submissions(port: int) -> tuple[Tally, Tally]:
    """Forms fetched and challenges solved first; then only the posts, timed.

    Returns the tally of the form pages (fetched 20 at a time, as the posts
    are) and that of the posts.
    """
    clients = browsers(port)
    origin = f"http://127.0.0.1:{port}"
    try:
        prepared = drive(clients, fill_in, steps=WARM_UP_SUBMISSIONS + SUBMISSIONS)

        def post(browser: Browser) -> float:
            if not browser.ready:
                raise Failed("no form prepared")
            body, content_type = browser.ready.pop(0)
            headers = {
                "Content-Type": content_type,
                "Origin": origin,
                "Referer": f"{origin}{SEND}",
            }
            reply, ms = browser.timed("POST", SEND, body, headers)
            expect_ok(reply)
            if not RECEIPT.search(reply.text()):
                raise Failed("no receipt code")
            return ms

        drive(clients, post, steps=WARM_UP_SUBMISSIONS)
        return prepared, drive(clients, post, steps=SUBMISSIONS)
    finally:
        for client in clients:
            client.close()


def fill_in(browser: Browser) -> float:
    """What a person's browser does before sending; keeps the post ready."""
    page, ms = browser.timed("GET", SEND)
    expect_ok(page)
    html = page.text()
    token, csrf = TOKEN.search(html), CSRF.search(html)
    if not (token and csrf and "csrftoken" in browser.cookies):
        raise Failed("form without token or CSRF cookie")
    puzzle, _ms = browser.timed("GET", CHALLENGE)
    expect_ok(puzzle)
    browser.ready.append(
        multipart(
            fields()
            | {
                "form_token": token.group(1),
                "csrfmiddlewaretoken": csrf.group(1),
                "altcha": challenge.solve(json.loads(puzzle.body)),
            }
        )
    )
    return ms


def fields() -> dict[str, str]:
    """An anonymous complaint without attachments (as portal/tests send)."""
    return {
        "kind": "complaint",
        "topic": "",
        "municipality": "",
        "place": "",
        "text": "Die Heizung in der Unterkunft ist seit zwei Wochen kaputt.",
        "reply": "anonymous",
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
        "answer_language": "",
        "consent": "on",
        "website": "",
    }


def expect_ok(reply: Reply) -> None:
    if reply.status != 200:
        raise Failed(f"HTTP {reply.status}")


def check_errors(tallies: dict[str, Tally]) -> None:
    for name, tally in tallies.items():
        attempts = tally.completed + tally.error_count()
        if not tally.completed or tally.error_count() > MAX_ERROR_SHARE * attempts:
            raise RuntimeError(
                f"{name}: {tally.error_count()} of {attempts} requests failed "
                f"({dict(tally.errors)}); see {SERVER_LOG}"
            )


# --- The figures and the circumstances -----------------------------------------


def figures(hello: Tally, start: Tally, submission: Tally) -> dict[str, float]:
    return {
        "start_page_rps": round(start.rps, 1),
        "start_page_p50_ms": round(start.percentile(50), 2),
        "start_page_p95_ms": round(start.percentile(95), 2),
        "hello_rps": round(hello.rps, 1),
        "hello_p95_ms": round(hello.percentile(95), 2),
        # Below the goal of 0.6 the portal costs more than Django by itself.
        "start_page_ratio": round(start.rps / hello.rps, 3),
        "submission_rps": round(submission.rps, 1),
        "submission_p50_ms": round(submission.percentile(50), 2),
        "submission_p95_ms": round(submission.percentile(95), 2),
        "start_page_ratio_goal": GOAL_RATIO,
        "p95_goal_ms": GOAL_P95_MS,
    }


def context(tallies: dict[str, Tally], before: dict, after: dict) -> dict:
    return {
        "rows": {
            "office": OFFICE,
            "concerns": after["concerns"],
            "submissions_before": before["submissions"],
            "submissions_after": after["submissions"],
        },
        "database": {"vendor": after["vendor"], "version": after["version"]},
        "date": datetime.date.today().isoformat(),
        "machine": machine(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "gunicorn": version("gunicorn"),
        "server": f"gunicorn {shlex.join(worker_options())}, 127.0.0.1, DEBUG off",
        "clients": CLIENTS,
        "pages": {"start_page": START, "hello": HELLO, "submission": SEND},
        "seconds_per_page": SECONDS,
        "turns": f"hello and start page alternate {TURNS} times",
        "warm_up_seconds_per_page": WARM_UP_SECONDS,
        "submissions_per_client": SUBMISSIONS,
        "warm_up_submissions_per_client": WARM_UP_SUBMISSIONS,
        "submission": (
            "timed: the POST of the form (multipart, anonymous complaint, no "
            "file) until the receipt; form page and challenge fetched before"
        ),
        "challenge": "cost 1, counter 1-10 (the clients' solving is not measured)",
        "measured": {name: summary(tally) for name, tally in tallies.items()},
    }


def summary(tally: Tally) -> dict:
    return {
        "requests": tally.completed,
        "errors": dict(tally.errors),
        "seconds": round(tally.seconds, 2),
        "rps": round(tally.rps, 1),
        "p50_ms": round(tally.percentile(50), 2),
        "p95_ms": round(tally.percentile(95), 2),
        "p99_ms": round(tally.percentile(99), 2),
        # The load generator shares the cores with the server.
        "client_cores": round(tally.client_cores, 2),
    }
