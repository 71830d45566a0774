"""Export benchmark: CSV, XLSX and JSON of N published cases against a naive in-memory baseline.

    .venv/bin/python benchmarks/export.py [--count 100000] [--database sqlite:///var/bench-export.sqlite3]

Uses its own database (SQLite under var/ unless --database or DATABASE_URL says otherwise), loads the demo
content and tops it up with `generate_practices` to --count synthetic cases. Each measurement runs in a
forked child so peak RSS is its own: one timed pass, one pass under tracemalloc for the Python peak.
The baseline is what a plain view would do: `list(queryset)` of model instances with select_related and
prefetch_related, then csv.writer into memory.
Targets on the reference machine: CSV 100k < 5 s and < 100 MB, XLSX 100k < 20 s and < 150 MB.
"""

import argparse
import csv
import io
import multiprocessing
import os
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(database_url):
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "casebook.settings.dev"
    import django

    django.setup()


def prepare(count):
    from django.core.management import call_command

    from practices.models import Practice

    call_command("migrate", verbosity=0)
    call_command("load_demo_practices", verbosity=0)
    missing = count - Practice.objects.synthetic().count()
    if missing > 0:
        print(f"Generating {missing} synthetic cases…", flush=True)
        call_command("generate_practices", count=missing, seed=1000 + count, no_index=True, verbosity=0)
    return Practice.objects.published().count()


def prepare_in_child(count):
    """prepare() in a forked child: generating the cases grows the heap, which later forks would inherit."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=lambda: queue.put(prepare(count)))
    child.start()
    rows = queue.get()
    child.join()
    return rows


def peak_rss_mb():
    """This process's peak resident set size (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def drain(response):
    """Consume a response as a client would; the number of bytes sent."""
    if response.streaming:
        return sum(len(piece) for piece in response.streaming_content)
    return len(response.content)


def run_view(fmt):
    from django.test import RequestFactory

    from practices.exports import views as export_views

    view = {"csv": export_views.export_csv, "xlsx": export_views.export_xlsx, "json": export_views.export_json}[fmt]
    response = view(RequestFactory().get(f"/cases/export.{fmt}"))
    assert response.status_code == 200, response.status_code
    size = drain(response)
    response.close()
    return size


def run_baseline(_fmt):
    """The naive way: every case as a model instance in one list, then csv.writer into memory."""
    from practices.exports.columns import COLUMNS, key_figure_text, plain_text
    from practices.models import Practice

    cases = list(
        Practice.objects.published()
        .order_by("-published_at", "-id")
        .select_related("theme", "region", "institution")
        .prefetch_related("tags", "key_figures", "sources", "images")
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c.header for c in COLUMNS])
    for p in cases:
        cover = next((i for i in p.images.all() if i.is_cover and i.is_publishable), None)
        row = [p.pk, p.title, p.title_en, p.theme.name, p.region.name, p.region_id]
        row += [p.institution.name if p.institution else "", p.institution.kind if p.institution else ""]
        row += [sorted(t.name for t in p.tags.all()), p.started_on, p.started_precision, p.published_at, p.summary]
        row += [[key_figure_text(f.label, f.value, f.unit, f.as_of) for f in p.key_figures.all()]]
        row += [[s.title for s in p.sources.all()], "http://testserver" + p.get_absolute_url()]
        row += ["http://testserver" + cover.image.url if cover else ""]
        writer.writerow([plain_text(v) for v in row])
    return len(buffer.getvalue().encode())


def measure(job, fmt, traced, queue):
    from django.db import connections

    connections.close_all()
    if traced:
        tracemalloc.start()
    start = time.perf_counter()
    size = job(fmt)
    seconds = time.perf_counter() - start
    traced_peak = tracemalloc.get_traced_memory()[1] / 2**20 if traced else None
    queue.put({"seconds": seconds, "bytes": size, "rss": peak_rss_mb(), "traced": traced_peak})


def in_child(job, fmt, traced):
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=measure, args=(job, fmt, traced, queue))
    child.start()
    result = queue.get()
    child.join()
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    default_db = os.environ.get("DATABASE_URL") or f"sqlite:///{ROOT / 'var' / 'bench-export.sqlite3'}"
    parser.add_argument("--database", default=default_db)
    args = parser.parse_args()
    (ROOT / "var").mkdir(exist_ok=True)
    setup(args.database)
    from django.conf import settings
    from django.db import connections

    # 100,000 synthetic cases plus the demo ones pass the default cap; measure them all.
    settings.CASEBOOK_EXPORT_XLSX_MAX_ROWS = 1_048_575
    rows = prepare_in_child(args.count)
    connections.close_all()
    print(f"{rows} published cases · database {args.database.split('?')[0]}")
    print(f"{'job':<16}{'seconds':>9}{'rows/s':>10}{'MB out':>9}{'peak RSS MB':>13}", end="")
    print(f"{'tracemalloc MB':>16}{'time ×':>8}{'memory ×':>10}")
    jobs = [("baseline csv", run_baseline, "csv"), ("csv", run_view, "csv"), ("json", run_view, "json")]
    jobs.append(("xlsx", run_view, "xlsx"))
    baseline = baseline_traced = None
    for name, job, fmt in jobs:
        timed = in_child(job, fmt, traced=False)
        traced = in_child(job, fmt, traced=True)
        baseline = baseline or timed
        baseline_traced = baseline_traced or traced
        ratio = timed["seconds"] / baseline["seconds"]
        memory_ratio = traced["traced"] / baseline_traced["traced"]
        print(
            f"{name:<16}{timed['seconds']:>9.2f}{rows / timed['seconds']:>10.0f}{timed['bytes'] / 2**20:>9.1f}"
            f"{timed['rss']:>13.0f}{traced['traced']:>16.1f}{ratio:>8.2f}{memory_ratio:>10.2f}",
            flush=True,
        )
    print("× columns: seconds and tracemalloc peak relative to the baseline above; RSS includes Django itself.")


if __name__ == "__main__":
    main()
