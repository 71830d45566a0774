"""Data package benchmark: /cases/export.zip of N published cases next to the streamed CSV export.

    .venv/bin/python benchmarks/package.py [--count 100000] [--database sqlite:///var/bench-export.sqlite3]

Shares benchmarks/export.py's database and set-up (demo content topped up with synthetic cases). Each
job runs in a forked child, once timed (peak RSS) and once under tracemalloc. The baseline is the CSV
export of the same cases in the same run (one file, no long tables, no zip).
Targets: 100,000 cases in under 30 s and 150 MB.
"""

import argparse
import io
import os
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.export import drain, in_child, prepare_in_child, run_view, setup  # noqa: E402


def run_package(_fmt):
    from django.test import RequestFactory

    from practices.opendata.views import export_package

    response = export_package(RequestFactory().get("/cases/export.zip"))
    assert response.status_code == 200, response.status_code
    return drain(response)


def check_package(_fmt):
    """Not timed: the zip holds every case (a benchmark that measured an empty file would mislead)."""
    from django.test import RequestFactory

    from practices.opendata.views import export_package

    response = export_package(RequestFactory().get("/cases/export.zip"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return sum(1 for _ in io.TextIOWrapper(archive.open("cases.csv"), encoding="utf-8")) - 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    default_db = os.environ.get("DATABASE_URL") or f"sqlite:///{ROOT / 'var' / 'bench-export.sqlite3'}"
    parser.add_argument("--database", default=default_db)
    args = parser.parse_args()
    (ROOT / "var").mkdir(exist_ok=True)
    setup(args.database)
    from django.db import connections

    rows = prepare_in_child(args.count)
    connections.close_all()
    print(f"{rows} published cases · database {args.database.split('?')[0]}")
    print(f"{'job':<16}{'seconds':>9}{'rows/s':>10}{'MB out':>9}{'peak RSS MB':>13}", end="")
    print(f"{'tracemalloc MB':>16}{'time ×':>8}{'memory ×':>10}")
    baseline = baseline_traced = None
    for name, job in [("csv (baseline)", run_view), ("package zip", run_package)]:
        timed = in_child(job, "csv", traced=False)
        traced = in_child(job, "csv", traced=True)
        baseline = baseline or timed
        baseline_traced = baseline_traced or traced
        print(
            f"{name:<16}{timed['seconds']:>9.2f}{rows / timed['seconds']:>10.0f}{timed['bytes'] / 2**20:>9.1f}"
            f"{timed['rss']:>13.0f}{traced['traced']:>16.1f}{timed['seconds'] / baseline['seconds']:>8.2f}"
            f"{traced['traced'] / baseline_traced['traced']:>10.2f}",
            flush=True,
        )
    packaged = in_child(lambda fmt: check_package(fmt), "csv", traced=False)["bytes"]
    print(f"cases.csv rows in the package: {packaged} (of {rows})")
    print("× columns: relative to the CSV export in this run; RSS includes Django itself.")


if __name__ == "__main__":
    main()
