"""API benchmark: p50/p95 of /api/v1/cases/ next to the HTML list /cases/ for the same queries, in one run.

    .venv/bin/python benchmarks/api.py [--count 100000] [--requests 30] [--database sqlite:///var/bench-export.sqlite3]

Shares benchmarks/export.py's database and set-up. Requests go through Django's test client in this
process (no page cache, no network), alternating HTML and API so both see the same machine load.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.export import prepare_in_child, setup  # noqa: E402

QUERIES = ["", "sort=title", "year=2020", "region=220000&sort=oldest", "page=200&page_size=50", "sort=updated&page=3"]


def percentile(samples, share):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30)
    default_db = os.environ.get("DATABASE_URL") or f"sqlite:///{ROOT / 'var' / 'bench-export.sqlite3'}"
    parser.add_argument("--database", default=default_db)
    args = parser.parse_args()
    (ROOT / "var").mkdir(exist_ok=True)
    os.environ["CASEBOOK_API_RATE"] = "1000000/m"  # the benchmark is one address asking many times
    setup(args.database)
    from django.test import Client

    rows = prepare_in_child(args.count)
    print(f"{rows} published cases · database {args.database.split('?')[0]} · {args.requests} requests each")
    print(f"{'query':<28}{'HTML p50':>10}{'HTML p95':>10}{'API p50':>10}{'API p95':>10}{'API/HTML p95':>14}")
    client = Client()
    for query in QUERIES:
        times = {"html": [], "api": []}
        for _ in range(args.requests):
            for kind, path in (("html", "/cases/"), ("api", "/api/v1/cases/")):
                start = time.perf_counter()
                response = client.get(f"{path}?{query}")
                times[kind].append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (path, query, response.status_code)
        html95, api95 = percentile(times["html"], 0.95), percentile(times["api"], 0.95)
        print(
            f"{query or '(all)':<28}{statistics.median(times['html']):>10.1f}{html95:>10.1f}"
            f"{statistics.median(times['api']):>10.1f}{api95:>10.1f}{api95 / html95:>14.2f}",
            flush=True,
        )
    print("Milliseconds per request.")


if __name__ == "__main__":
    main()
