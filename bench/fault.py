"""Benchmark "load": portal submissions at full rate, the server killed midway.

gunicorn serves the project as in bench "portal" (production settings, sync
workers, a database of the benchmark's own). Clients send the public form
as fast as the machine answers (bench/fault_client.py) for a minute; half
way through, the whole process group of the server — master and workers —
is killed with SIGKILL, a hard crash, and started again at once, while the
clients keep sending and send again what got no answer. Afterwards the
database is asked (bench/fault_db.py) whether every submission that was
acknowledged with a tracking code is stored, stored once, and whether
anything was stored that nobody was told about.

The number of clients is found first: a few seconds at 4, 8, 16 … clients,
and the run takes the fewest that reach the highest rate without errors
(BENCH_LOAD_CLIENTS skips the search).
"""

import datetime
import json
import os
import platform
import random
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import django

from bench.machine import machine

from . import portal
from .fault_client import LANGUAGES, OFFICE, Client, Form, Request, run_clients
from .load import percentile

ROOT = Path(__file__).resolve().parent.parent
DATABASE = ROOT / "var" / "bench-load.sqlite3"
SERVER_LOG = ROOT / "var" / "bench-load-gunicorn.log"
MEDIA = ROOT / "var" / "bench-load-media"

SECONDS = 60
WARM_UP_SECONDS = 3
CLIENT_LEVELS = [4, 8, 16, 32]
LEVEL_SECONDS = 6
# A smaller number of clients within this share of the best rate is as good:
# the server is saturated, more clients only wait longer in its queue (and
# on a shared machine rates differ by this much from one try to the next).
SAME_RATE = 0.1
# Forms begun before the end may be sent again for this long.
GRACE_SECONDS = 20


def run() -> dict:
    env = server_env()
    prepare_database(env)
    server = Server(env, portal.free_port())
    with running(server):
        run_clients(server.port, "warmup", 4, *deadlines(WARM_UP_SECONDS))
        clients, levels = choose_clients(server.port)
        since = datetime.datetime.now(datetime.UTC)
        crash = load_and_kill(server, clients, seconds())
    found = count_in_database(env, since, crash.forms())
    return {
        "figures": figures(crash, found),
        "context": context(crash, found, levels, server),
    }


def seconds() -> int:
    """BENCH_LOAD_SECONDS shortens a trial run (the kill stays in the middle)."""
    return int(os.environ.get("BENCH_LOAD_SECONDS") or SECONDS)


def deadlines(seconds: float) -> tuple[float, float]:
    deadline = time.perf_counter() + seconds
    return deadline, deadline + GRACE_SECONDS


# --- The server ----------------------------------------------------------------


def server_env() -> dict[str, str]:
    """bench "portal"'s production settings with this benchmark's files."""
    env = portal.server_env()
    if env["DATABASE_URL"].startswith("sqlite"):
        env["DATABASE_URL"] = f"sqlite:///{DATABASE}"
    env["LOTSE_MEDIA_ROOT"] = str(MEDIA)
    if env.get("BENCH_LOAD_SQLITE_SYNCHRONOUS"):
        env["DJANGO_SETTINGS_MODULE"] = "bench.fault_settings"
    return env


def prepare_database(env: dict[str, str]) -> None:
    """The demo in a fresh SQLite file, or added once to the given database."""
    sqlite = env["DATABASE_URL"].startswith("sqlite")
    if sqlite:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
        # The attachments of the rows just deleted.
        shutil.rmtree(MEDIA, ignore_errors=True)
    portal.manage(env, "migrate", "--noinput")
    facts = portal.database_facts(env)
    if not sqlite and facts["offices"] and not facts["office_exists"]:
        raise SystemExit(
            "The benchmark database holds other data than the demo's. "
            "Use an empty database or one built by the benchmarks."
        )
    portal.manage(env, "load_demo", "--small")


@dataclass
class Server:
    """gunicorn in a process group of its own, so that one signal ends all of it."""

    env: dict[str, str]
    port: int
    process: subprocess.Popen | None = None
    starts: int = 0

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "lotse.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            *portal.worker_options(),
            "--log-level",
            "warning",
        ]

    def start(self) -> None:
        with SERVER_LOG.open("a") as log:
            self.process = subprocess.Popen(
                self.command(),
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
        self.starts += 1

    def wait_until_up(self) -> float:
        """The moment /healthz first answers 200 (time.perf_counter())."""
        probe = Client(self.port, "probe", 0, random.Random())
        deadline = time.perf_counter() + 60
        while time.perf_counter() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped; see {SERVER_LOG}")
            reply = probe.send("probe", "GET", "/healthz")
            if reply is not None and reply.status == 200:
                return probe.requests[-1].ended
            time.sleep(0.02)
        raise RuntimeError(f"gunicorn did not answer within a minute; see {SERVER_LOG}")

    def kill(self) -> int:
        """SIGKILL to master and workers at once; returns the process group."""
        assert self.process is not None
        group = self.process.pid
        os.killpg(group, signal.SIGKILL)
        self.process.wait()
        with SERVER_LOG.open("a") as log:
            log.write("--- bench: process group killed with SIGKILL ---\n")
        return group

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def gone(group: int, since: float, patience: float = 5) -> tuple[float, int]:
    """When no process of the killed group runs any more; how many outlived patience.

    A killed worker in the middle of a write to disk, or waiting for a core,
    takes a moment to die; it runs no more of its own code meanwhile.
    """
    while (left := living_in_group(group)) and time.perf_counter() < since + patience:
        time.sleep(0.01)
    return time.perf_counter() - since, left


def living_in_group(group: int) -> int:
    """Processes of the group that still run (zombies do not), read from /proc."""
    living = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # "pid (name) state ppid pgrp …"; the name may hold spaces.
            state, _ppid, pgrp = stat.read_text().rsplit(")", 1)[1].split()[:3]
        except (OSError, ValueError):
            continue
        if int(pgrp) == group and state not in "ZX":
            living += 1
    return living


@contextmanager
def running(server: Server) -> Iterator[None]:
    """The server up for the block, stopped whatever happens."""
    MEDIA.mkdir(parents=True, exist_ok=True)
    SERVER_LOG.write_text("")
    # `kill` (SIGTERM) would end Python without running the finally below.
    previous = signal.signal(signal.SIGTERM, portal.exit_on_signal)
    try:
        server.start()
        server.wait_until_up()
        yield
    finally:
        server.stop()
        signal.signal(signal.SIGTERM, previous)


# --- The load ------------------------------------------------------------------


@dataclass
class Level:
    clients: int
    rate: float
    p95_ms: float
    problems: int

    def as_dict(self) -> dict:
        return {
            "clients": self.clients,
            "submissions_per_s": round(self.rate, 1),
            "p95_ms": round(self.p95_ms, 1),
            "problems": self.problems,
        }


def choose_clients(port: int) -> tuple[int, list[Level]]:
    """The fewest clients that reach the best rate without errors."""
    given = os.environ.get("BENCH_LOAD_CLIENTS")
    if given:
        return int(given), []
    levels = []
    for clients in CLIENT_LEVELS:
        started = time.perf_counter()
        people = run_clients(port, "calibration", clients, *deadlines(LEVEL_SECONDS))
        levels.append(level(clients, people, time.perf_counter() - started))
        if levels[-1].problems:
            break  # more clients than the server takes without errors
    clean = [each for each in levels if not each.problems] or levels[:1]
    best_rate = max(each.rate for each in clean)
    chosen = min(
        each.clients for each in clean if each.rate >= best_rate * (1 - SAME_RATE)
    )
    return chosen, levels


def level(clients: int, people: list[Client], elapsed: float) -> Level:
    forms = [form for client in people for form in client.forms]
    acknowledged = [form for form in forms if form.acknowledged]
    requests = [request for client in people for request in client.requests]
    problems = len(forms) - len(acknowledged)
    problems += sum(request.failed for request in requests)
    return Level(
        clients,
        len(acknowledged) / elapsed,
        percentile([form.receipt_ms for form in acknowledged], 95),
        problems,
    )


@dataclass
class Crash:
    """What happened in the run: the clients' records and the kill."""

    clients: list[Client]
    started: float
    finished: float
    killed: float
    up: float
    # Seconds until the last process of the killed server had died, and how
    # many were still there after five seconds (must be 0).
    group_gone_s: float
    left_after_kill: int
    client_cores: float
    seconds: int
    run: str

    def forms(self) -> list[Form]:
        return [form for client in self.clients for form in client.forms]

    def requests(self) -> list[Request]:
        return [request for client in self.clients for request in client.requests]

    def in_window(self, request: Request) -> bool:
        """Under way at some moment between the kill and the first answer after."""
        return request.started <= self.up and request.ended >= self.killed

    def hit(self, form: Form) -> bool:
        """The form had a post in flight at the kill or one that failed."""
        return any(post.failed or self.in_window(post) for post in form.posts)


def load_and_kill(server: Server, clients: int, seconds: int) -> Crash:
    run = uuid.uuid4().hex[:8]
    moments: dict[str, float | int] = {}

    def kill_midway(at: float) -> None:
        time.sleep(max(0.0, at - time.perf_counter()))
        moments["killed"] = time.perf_counter()
        group = server.kill()
        server.start()  # at once, as a supervisor would
        moments["gone"], moments["left"] = gone(group, moments["killed"])
        moments["up"] = server.wait_until_up()

    cpu = time.process_time()
    started = time.perf_counter()
    killer = threading.Thread(target=kill_midway, args=(started + seconds / 2,))
    killer.start()
    people = run_clients(
        server.port, run, clients, started + seconds, started + seconds + GRACE_SECONDS
    )
    finished = time.perf_counter()
    killer.join()
    if "up" not in moments:
        raise RuntimeError(f"the server was not restarted; see {SERVER_LOG}")
    return Crash(
        clients=people,
        started=started,
        finished=finished,
        killed=moments["killed"],
        up=moments["up"],
        group_gone_s=moments["gone"],
        left_after_kill=int(moments["left"]),
        client_cores=(time.process_time() - cpu) / (finished - started),
        seconds=seconds,
        run=run,
    )


def count_in_database(
    env: dict[str, str], since: datetime.datetime, forms: list[Form]
) -> dict:
    """Asked in a process with the server's settings (database, secret key)."""
    sent = {
        "office": OFFICE,
        "since": since.isoformat(),
        "forms": [
            {"token": form.token, "code": form.code, "marker": form.marker}
            for form in forms
        ],
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "forms.json"
        path.write_text(json.dumps(sent))
        command = [sys.executable, "-m", "bench.fault_db", str(path)]
        done = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
    return json.loads(done.stdout)


# --- The figures and the circumstances -----------------------------------------


def figures(crash: Crash, found: dict) -> dict[str, float | int]:
    forms = crash.forms()
    acknowledged = [form for form in forms if form.acknowledged]
    requests = crash.requests()
    server_errors = [request for request in requests if request.status >= 500]
    no_answer = [request for request in requests if request.status == 0]
    stored = [
        form for form, row in zip(forms, found["forms"], strict=True) if row["stored"]
    ]
    unacknowledged = [form for form in stored if not form.acknowledged]
    latencies = [form.receipt_ms for form in acknowledged]
    return {
        "submissions_acknowledged": len(acknowledged),
        "submissions_stored": found["acknowledged_stored"],
        # Acknowledged but not in the database: must be 0.
        "lost": len(acknowledged) - found["acknowledged_stored"],
        "server_errors": len(server_errors),
        "server_errors_outside_restart": sum(
            not crash.in_window(request) for request in server_errors
        ),
        "submissions_per_s": round(len(acknowledged) / crash.seconds, 1),
        "acknowledged_p50_ms": round(percentile(latencies, 50), 1),
        "acknowledged_p95_ms": round(percentile(latencies, 95), 1),
        "restart_window_s": round(crash.up - crash.killed, 2),
        "failed_in_restart_window": sum(map(crash.in_window, no_answer)),
        "failed_outside_restart_window": sum(
            not crash.in_window(request) for request in no_answer
        ),
        "duplicates_stored": found["duplicates"],
        # Stored, but the person saw no code (the answer was lost): allowed.
        "stored_not_acknowledged": len(unacknowledged),
        # ... and of those, any whose sending met neither kill nor failure: must be 0.
        "stored_unexplained": sum(not crash.hit(form) for form in unacknowledged)
        + found["rows_unknown"],
        "clients": len(crash.clients),
    }


def context(crash: Crash, found: dict, levels: list[Level], server: Server) -> dict:
    forms = crash.forms()
    acknowledged = [form for form in forms if form.acknowledged]
    hit = [form for form in forms if crash.hit(form)]
    return {
        "database": {
            "vendor": found["vendor"],
            "version": found["version"],
            "integrity_after": found["integrity"] or "not checked",
            # What a commit survives, as the server's connections had it.
            "synchronous": found["synchronous"],
        },
        "date": datetime.date.today().isoformat(),
        "machine": machine(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "gunicorn": version("gunicorn"),
        "server": (
            f"gunicorn {shlex.join(portal.worker_options())}, 127.0.0.1, DEBUG off"
        ),
        "seconds": crash.seconds,
        "seconds_with_grace": round(crash.finished - crash.started, 1),
        "killed_at_s": round(crash.killed - crash.started, 2),
        "kill": (
            "SIGKILL to gunicorn's process group (master and workers), "
            "restarted at once"
        ),
        "old_processes_gone_after_s": round(crash.group_gone_s, 3),
        "old_processes_left_after_5_s": crash.left_after_kill,
        "server_starts": server.starts,
        "clients": len(crash.clients),
        "client_search": [each.as_dict() for each in levels] or "BENCH_LOAD_CLIENTS",
        # The clients run on the same cores as the server.
        "client_cores": round(crash.client_cores, 2),
        "office": OFFICE,
        # In every text sent ("[LT-<run>-<client>-<form>]"), to find it stored.
        "run": crash.run,
        "forms": {
            "sent": len(forms),
            "outcomes": dict(Counter(form.outcome for form in forms)),
            "languages": dict(Counter(form.language for form in forms)),
            "with_contact": sum(form.contact for form in forms),
            "with_attachment": sum(form.attachment for form in forms),
            "code_of_receipt_stored_with_its_form": sum(
                row["code_matches"] for row in found["forms"]
            ),
            "hit_by_the_kill": len(hit),
            "hit_and_acknowledged_later": sum(form.acknowledged for form in hit),
            "longest_first_send_to_receipt_s": round(
                max((form.sent_to_receipt_s for form in acknowledged), default=0), 2
            ),
        },
        "requests": requests_summary(crash),
        "acknowledged_per_second": per_second(crash, acknowledged),
        "stored": {
            "rows_during_run": found["rows"],
            "rows_from_no_known_form": found["rows_unknown"],
            "attachments": found["attachments"],
            "submissions_in_office_after": found["submissions_in_office"],
        },
        "retry": (
            "no answer: the same form again after 0.1 s; the form back: "
            "a new challenge, the same form"
        ),
        "challenge": "cost 1, counter 1-10 (the clients' solving is not measured)",
        "rate_limit": (
            "1,000,000 submissions per address and hour (all clients are 127.0.0.1)"
        ),
        "languages": LANGUAGES,
    }


def requests_summary(crash: Crash) -> dict:
    requests = crash.requests()
    summary: dict[str, dict] = {}
    for what in ("form", "challenge", "post"):
        these = [request for request in requests if request.what == what]
        summary[what] = {
            "requests": len(these),
            "statuses": dict(Counter(str(r.status) for r in these if r.status)),
            "no_answer": dict(Counter(r.error for r in these if not r.status)),
            "no_answer_in_restart_window": sum(
                crash.in_window(r) for r in these if not r.status
            ),
        }
    return summary


def per_second(crash: Crash, acknowledged: list[Form]) -> list[int]:
    """Receipts per second of the run: the dip at the kill and the recovery."""
    counts = Counter(int(form.posts[-1].ended - crash.started) for form in acknowledged)
    return [counts[second] for second in range(int(crash.finished - crash.started) + 1)]
