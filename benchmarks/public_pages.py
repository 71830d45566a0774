"""How the public list pages scale: each page's time at N synthetic cases, as a ratio of a baseline
measured in the same run (one page of 20 list rows with their count, no facets, no template).

    .venv/bin/python benchmarks/public_pages.py [--count 20000] [--repeat 5]

Works in a throwaway SQLite database under a temporary folder (or DATABASE_URL if set); prints the
median and 95th-percentile time of each page (no page cache: the test settings have none), the
median's ratio to the baseline, its number of queries, and its p95 when every facet is counted live
instead of read from the stored counts (FacetCount), as before they existed. --no-index skips the
search index (much of the set-up time) and the search row.
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
    return times


def median_seconds(action, repeat):
    return statistics.median(timings(action, repeat))


def p95(times):
    return statistics.quantiles(times, n=20, method="inclusive")[-1] if len(times) > 1 else times[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-index", action="store_true", help="no search index, no search row")
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
    from practices.public import facets
    from practices.public.filters import public_tags

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_demo_practices", verbosity=0)
    # generate_practices ends with ANALYZE, so the planner has the statistics a live database would.
    call_command("generate_practices", count=args.count, seed=7, no_index=args.no_index, verbosity=0)
    total = Practice.objects.published().count()
    some_case = Practice.objects.published().order_by("pk").first()
    tag = public_tags().order_by("slug").first()

    def baseline():
        qs = Practice.objects.published().with_list_related().order_by("-published_at", "-id")
        qs.count()
        list(qs[:20])

    client = Client()
    pages = {
        "home /": "/",
        "list /cases/": "/cases/",
        "list filtered": "/cases/?theme=fengqiao-experience&region=220000&tag=" + quote(tag.slug) + "&sort=title",
        **({} if args.no_index else {"list q=调解": "/cases/?q=" + quote("调解")}),
        "list page 200": "/cases/?page=200",
        "theme page": "/themes/justice-for-the-people/",
        "tag page": "/tags/" + quote(tag.slug) + "/",
        "case page": some_case.get_absolute_url(),
    }
    base = median_seconds(baseline, args.repeat)
    print(f"{total} published cases; baseline (20 rows + count, no facets): {base * 1000:.1f} ms")
    print(f"{'page':<16} {'ms':>9} {'p95 ms':>9} {'× baseline':>11} {'queries':>8} {'live p95':>9}")
    for name, url in pages.items():

        def get(url=url):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        times = timings(get, args.repeat)
        seconds = statistics.median(times)
        with CaptureQueriesContext(connection) as queries:
            get()
        # Counted now: captured_queries reads the connection's log, which the next request clears.
        query_count = len(queries)
        stored, facets.answers = facets.answers, lambda case_filter: False
        live = p95(timings(get, args.repeat))
        facets.answers = stored
        print(
            f"{name:<16} {seconds * 1000:>9.1f} {p95(times) * 1000:>9.1f} {seconds / base:>11.1f} {query_count:>8}"
            f" {live * 1000:>9.1f}"
        )


if __name__ == "__main__":
    main()
