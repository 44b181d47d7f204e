"""Run the named benchmarks (default: all) and write bench/results/<name>.json.

    .venv/bin/python bench/run.py [cases ...]

Without DATABASE_URL the benchmarks use their own SQLite file in var/, built
once and reused; with DATABASE_URL they run in that (PostgreSQL) database.
"""

import importlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
BENCHMARKS = {
    "cases": "bench.cases",
    "portal": "bench.portal",
    "hours": "bench.hours",
    "mediators": "bench.mediators",
    "guides": "bench.guides",
    "reports": "bench.reports",
    "dedupe": "bench.dedupe",
    # "load" is the name; bench/load.py is the load generator.
    "load": "bench.fault",
}


def configure() -> None:
    """Settings for an in-process run; must happen before Django loads them."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings")
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / 'bench-cases.sqlite3'}"
    # django.test.Client speaks to "testserver".
    os.environ["LOTSE_ALLOWED_HOSTS"] = "testserver"
    # A benchmark is not a production site: development keys are fine.
    os.environ.setdefault("LOTSE_PRODUCTION", "0")
    import django

    django.setup()


def result_path(name: str, vendor: str) -> Path:
    # SQLite is the reference; other databases get their own file.
    suffix = "" if vendor == "sqlite" else f"-{vendor}"
    return RESULTS / f"{name}{suffix}.json"


def main(names: list[str]) -> int:
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        print(f"Unknown benchmark(s): {', '.join(unknown)}", file=sys.stderr)
        print(f"Known: {', '.join(BENCHMARKS)}", file=sys.stderr)
        return 2
    configure()
    for name in names or list(BENCHMARKS):
        result = importlib.import_module(BENCHMARKS[name]).run()
        path = result_path(name, result["context"]["database"]["vendor"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        print(f"{name}: {json.dumps(result['figures'])}")
        print(f"written to {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
