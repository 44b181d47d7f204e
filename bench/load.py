"""A small load generator: concurrent clients on kept-alive HTTP/1.1 connections.

Standard library only, and light, because it runs on the same cores as the
server it measures: one thread per client, each with its own
http.client.HTTPConnection (reused while the server keeps it open) and its
own cookies, like one browser.
"""

import http.client
import secrets
import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any

HOST = "127.0.0.1"


class Failed(Exception):
    """A request that did not get the answer it should: counted, not timed."""


def percentile(values: list[float], p: int) -> float:
    """The p-th percentile; a single value is its own, none gives 0."""
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


@dataclass
class Reply:
    status: int
    body: bytes

    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@dataclass
class Browser:
    """One client: a connection and the cookies the server set on it."""

    port: int
    language: str = "de"
    cookies: dict[str, str] = field(default_factory=dict)
    # What a step prepared for later steps (e.g. submissions ready to post).
    ready: list[Any] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.connection = http.client.HTTPConnection(HOST, self.port, timeout=30)

    def timed(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[Reply, float]:
        """The reply and how long it took in milliseconds."""
        headers = {"Accept-Language": self.language, **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.perf_counter()
        try:
            response = self._send(method, path, body, headers)
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            # The server closed an idle kept-alive connection; a browser would
            # open a new one and send again, and so do we (timed from the start).
            self.connection.close()
            response = self._send(method, path, body, headers)
        reply = Reply(response.status, response.read())
        elapsed_ms = (time.perf_counter() - started) * 1000
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return reply, elapsed_ms

    def _send(
        self, method: str, path: str, body: bytes | None, headers: dict[str, str]
    ) -> http.client.HTTPResponse:
        self.connection.request(method, path, body=body, headers=headers)
        return self.connection.getresponse()

    def close(self) -> None:
        self.connection.close()


# One step of one client: does its requests, returns the milliseconds that
# count, raises Failed when an answer is wrong.
Step = Callable[[Browser], float]


@dataclass
class Tally:
    latencies_ms: list[float]
    errors: Counter[str]
    seconds: float
    # Cores the load generator itself used meanwhile (all its threads).
    client_cores: float

    @property
    def completed(self) -> int:
        return len(self.latencies_ms)

    @property
    def rps(self) -> float:
        return self.completed / self.seconds

    def percentile(self, p: int) -> float:
        return percentile(self.latencies_ms, p)

    def error_count(self) -> int:
        return sum(self.errors.values())


def drive(
    browsers: list[Browser],
    step: Step,
    *,
    seconds: float | None = None,
    steps: int | None = None,
) -> Tally:
    """All browsers repeat the step at once: for some seconds or some times each.

    Requests under way at the end of the time are finished and counted; the
    elapsed time runs until the last of them is back.
    """
    assert (seconds is None) != (steps is None), "give seconds or steps"
    latencies: list[list[float]] = [[] for _b in browsers]
    errors: list[Counter[str]] = [Counter() for _b in browsers]
    gate = threading.Barrier(len(browsers) + 1)
    deadline = 0.0

    def client(index: int) -> None:
        browser = browsers[index]
        gate.wait()
        done = 0
        while (steps is not None and done < steps) or (
            steps is None and time.perf_counter() < deadline
        ):
            done += 1
            try:
                latencies[index].append(step(browser))
            except Failed as failure:
                errors[index][str(failure)] += 1
            except (OSError, http.client.HTTPException) as error:
                errors[index][type(error).__name__] += 1
                browser.close()

    # Daemons: if the benchmark is stopped, they must not keep it running.
    threads = [
        threading.Thread(target=client, args=(i,), daemon=True)
        for i in range(len(browsers))
    ]
    for thread in threads:
        thread.start()
    cpu = time.process_time()
    started = time.perf_counter()
    deadline = started + (seconds or 0)
    gate.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return Tally(
        latencies_ms=[ms for each in latencies for ms in each],
        errors=sum(errors, Counter()),
        seconds=elapsed,
        client_cores=(time.process_time() - cpu) / elapsed,
    )


def combined(tallies: list[Tally]) -> Tally:
    """Several tallies of the same requests as one."""
    seconds = sum(t.seconds for t in tallies)
    return Tally(
        latencies_ms=[ms for t in tallies for ms in t.latencies_ms],
        errors=sum((t.errors for t in tallies), Counter()),
        seconds=seconds,
        client_cores=sum(t.client_cores * t.seconds for t in tallies) / seconds,
    )


def multipart(fields: dict[str, str]) -> tuple[bytes, str]:
    """A multipart/form-data body and its content type, as a browser sends forms."""
    boundary = f"----bench{secrets.token_hex(12)}"
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n"
        )
    parts.append(f"--{boundary}--\r\n")
    return "".join(parts).encode(), f"multipart/form-data; boundary={boundary}"
