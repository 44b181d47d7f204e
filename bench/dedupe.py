"""Benchmark "dedupe": one intake lookup against a million persons.

`dedupe.lookup.likely_persons(office, record)` for 300 intake records (two
thirds other spellings, orders, dates or scripts of existing persons, one
third new persons, some with the commonest names) in an office of 1,000,000
persons (bench/dedupe_data.py, names as in bench/dedupe_names.py), on SQLite
and on PostgreSQL 15; beside it the precision and recall of the matcher on
the development set (dedupe.quality.evaluate). The goal is a p95 of at most
20 ms; reported, not asserted.

Each database is measured in a process of its own (bench/dedupe_measure.py),
with the server machinery of bench/reports.py: SQLite in
var/bench-dedupe.sqlite3, PostgreSQL in LOTSE_BENCH_PG_URL or else in the
server that benchmark starts (var/bench-pg), database lotse_bench_dedupe.
"""

import os
import statistics
from typing import Any

from bench.dedupe_measure import INTAKE, WARM_UP, persons_wanted
from bench.reports import (
    ROOT,
    SHORT,
    database_on,
    measure_in_process,
    measured_context,
    own_server,
)

GOAL_MS = 20
MODULE = "bench.dedupe_measure"


def run() -> dict:
    persons = persons_wanted()
    env = {"BENCH_DEDUPE_PERSONS": str(persons)}
    suffix = "" if persons == 1_000_000 else f"-{persons}"
    measured: dict[str, dict[str, Any]] = {}
    wanted = databases()
    if "sqlite" in wanted:
        path = ROOT / "var" / f"bench-dedupe{suffix}.sqlite3"
        measured["sqlite"] = measure_in_process(MODULE, f"sqlite:///{path}", env)
    if "postgresql" in wanted:
        given = os.environ.get("LOTSE_BENCH_PG_URL")
        if given:
            measured["postgresql"] = measure_in_process(MODULE, given, env)
            measured["postgresql"]["server"] = "LOTSE_BENCH_PG_URL"
        else:
            name = "lotse_bench_dedupe" + suffix.replace("-", "_")
            with own_server() as server:
                url = database_on(server, name)
                measured["postgresql"] = measure_in_process(MODULE, url, env)
            measured["postgresql"]["server"] = "started by the benchmark (var/bench-pg)"
    figures: dict[str, float | int] = {}
    for vendor, found in measured.items():
        figures |= vendor_figures(SHORT[vendor], found)
    figures |= quality_figures()
    figures["lookup_goal_ms"] = GOAL_MS
    return {"figures": figures, "context": context(measured, persons)}


def databases() -> list[str]:
    """BENCH_DEDUPE_DATABASES=sqlite (or postgresql) measures only that one."""
    names = os.environ.get("BENCH_DEDUPE_DATABASES") or "sqlite,postgresql"
    found = [name.strip() for name in names.split(",") if name.strip()]
    if set(found) - set(SHORT) or not found:
        raise SystemExit(f"BENCH_DEDUPE_DATABASES: one or both of {', '.join(SHORT)}")
    return found


def quantile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def vendor_figures(short: str, found: dict[str, Any]) -> dict[str, float]:
    timings = found["timings_ms"]
    hits = [hit for hit in found["found"] if hit is not None]
    parts = found["parts"]
    offered = [
        results > 0
        for hit, results in zip(found["found"], found["results"], strict=True)
        if hit is None
    ]
    return {
        f"lookup_p50_ms_{short}": round(statistics.median(timings), 2),
        f"lookup_p95_ms_{short}": round(quantile(timings, 0.95), 2),
        f"lookup_max_ms_{short}": round(max(timings), 2),
        f"lookup_mean_ms_{short}": round(statistics.mean(timings), 2),
        f"found_share_{short}": round(sum(hits) / max(len(hits), 1), 4),
        f"candidates_scored_mean_{short}": round(statistics.mean(parts["scored"]), 1),
        # New persons for whom someone was offered anyway (a namesake born
        # in the same year, or a false match).
        f"new_offered_share_{short}": round(sum(offered) / max(len(offered), 1), 4),
    }


def quality_figures() -> dict[str, float]:
    from dedupe.quality import THRESHOLD, evaluate

    figures = evaluate()
    return {
        "precision": figures["precision"],
        "recall": figures["recall"],
        "threshold": THRESHOLD,
        "devset_pairs": figures["pairs"],
    }


# --- The circumstances -----------------------------------------------------------


def breakdown(found: dict[str, Any]) -> dict[str, Any]:
    """Mean and p95 of each part of a lookup; the kinds of intake and how
    often their person was found."""
    parts = {
        name: {
            "mean": round(statistics.mean(values), 2),
            "p95": round(quantile(values, 0.95), 2),
            "max": round(max(values), 2),
        }
        for name, values in found["parts"].items()
    }
    no_block = sum(
        1 for n in found["parts"]["candidates_ms"] if n == 0
    )  # no block small enough: no candidates query
    kinds: dict[str, dict[str, Any]] = {}
    for kind, hit, ms, results in zip(
        found["kinds"],
        found["found"],
        found["timings_ms"],
        found["results"],
        strict=True,
    ):
        entry = kinds.setdefault(
            kind, {"lookups": 0, "found": 0, "offered": 0, "ms": []}
        )
        entry["lookups"] += 1
        entry["found"] += bool(hit)
        entry["offered"] += results > 0
        entry["ms"].append(ms)
    for entry in kinds.values():
        times = entry.pop("ms")
        entry["p50_ms"] = round(statistics.median(times), 2)
        entry["p95_ms"] = round(quantile(times, 0.95), 2)
    return {"parts": parts, "lookups_without_usable_block": no_block, "kinds": kinds}


def context(measured: dict[str, dict[str, Any]], persons: int) -> dict:
    return {
        **measured_context(measured, lambda found: {"lookup": breakdown(found)}),
        "goal": f"lookup p95 ≤ {GOAL_MS} ms (a Splink call per record: about 200 ms)",
        "warm_up_lookups": WARM_UP,
        "lookups": INTAKE,
        "persons_wanted": persons,
        "figures": (
            "ms of one likely_persons() call; found_share: variant lookups whose "
            "person is among the results; precision/recall: dedupe.quality.evaluate() "
            "at the lookup's threshold"
        ),
    }
