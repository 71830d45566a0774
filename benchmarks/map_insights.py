"""How the tile map and the insight charts scale: each page uncached at N synthetic cases, p50 and p95,
next to the plain case list (one page of 20 with its facets) measured the same way in the same run.

    .venv/bin/python benchmarks/map_insights.py [--count 100000] [--repeat 20]
    scripts/with-postgres .venv/bin/python benchmarks/map_insights.py --count 100000

Works in a throwaway SQLite database under a temporary folder (or DATABASE_URL if set). The region table
is loaded first (manage.py load_regions), so the synthetic cases spread over every province and prefecture.
Target: p95 under 300 ms at 100,000 cases on both databases.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timings(action, repeat):
    """Wall times of `action()` over `repeat` runs, after one warm-up run."""
    action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return sorted(times)


def p95(times):
    return times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    os.environ.setdefault("CASEBOOK_VAR_DIR", tempfile.mkdtemp(prefix="casebook-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "casebook.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from practices.models import Practice
    from practices.public.filters import public_tags

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_regions", verbosity=0)
    call_command("load_demo_practices", verbosity=0)
    call_command("generate_practices", count=args.count, seed=7, no_index=True, verbosity=0)
    total = Practice.objects.published().count()
    tag = quote(public_tags().order_by("slug").first().slug)

    client = Client()
    pages = {
        "list /cases/ (baseline)": "/cases/",
        "map /map/": "/map/",
        "map ?theme&tag": f"/map/?theme=fengqiao-experience&tag={tag}",
        "map /map/220000/": "/map/220000/",
        "map /map/440000/": "/map/440000/",
        "insights": "/insights/",
        "insights ?theme&year": "/insights/?theme=fengqiao-experience&year=2023",
        "insights CSV": "/insights/theme-year.csv",
    }
    print(f"{total} published cases on {connection.vendor}; uncached (test settings have no page-cache middleware)")
    print(f"{'page':<26} {'p50 ms':>8} {'p95 ms':>8} {'p95 × list':>11} {'queries':>8}")
    base = None
    for name, url in pages.items():

        def get(url=url):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            assert response.get("X-Casebook-Cache") != "hit", url

        times = timings(get, args.repeat)
        base = base or p95(times)
        with CaptureQueriesContext(connection) as queries:
            get()
        print(
            f"{name:<26} {statistics.median(times) * 1000:>8.1f} {p95(times) * 1000:>8.1f}"
            f" {p95(times) / base:>11.2f} {len(queries):>8}"
        )


if __name__ == "__main__":
    main()
