"""Similar cases at scale: the cost of a case page's similar list, and of ranking it on save.

Loads the demo content and --count synthetic cases (SQLite in a temp dir unless DATABASE_URL is set),
weighs every case's words with `refresh_similar_cases`, ranks the similar cases of --pages cases picked
at random, then times for each of them, as a case page runs it: the similar list (stored rows, the
cases with their list relations, the reasons), next to the theme neighbours the same page reads
(the baseline, measured the same way in the same run). Also times ranking one case (what a save does).

    .venv/bin/python benchmarks/similar.py --count 100000
    scripts/with-postgres .venv/bin/python benchmarks/similar.py --count 100000
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casebook.settings.dev")
if "DATABASE_URL" not in os.environ and "CASEBOOK_VAR_DIR" not in os.environ:
    os.environ["CASEBOOK_VAR_DIR"] = tempfile.mkdtemp(prefix="casebook-bench-")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db.models.signals import m2m_changed, post_save  # noqa: E402

from practices.models import Practice  # noqa: E402
from practices.public import signals as similar_signals  # noqa: E402
from practices.public import similar  # noqa: E402
from practices.public.related import theme_neighbours  # noqa: E402


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return (time.perf_counter() - start) * 1000, result


def percentile(values, p):
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("load_demo_practices", verbosity=0)
    start = time.perf_counter()
    call_command("generate_practices", count=args.count, seed=args.seed, no_index=True, verbosity=0)
    print(f"{Practice.objects.count()} cases loaded in {time.perf_counter() - start:.0f} s")
    call_command("refresh_similar_cases", rank_limit=args.pages, seed=args.seed)

    # Saves during the timing would rank again; the page only reads.
    post_save.disconnect(
        similar_signals.practice_saved, sender=Practice, dispatch_uid="practices.public.similar.practice_saved"
    )
    m2m_changed.disconnect(dispatch_uid="practices.public.similar.tags_changed")
    ids = list(similar.SimilarCase.objects.values_list("practice", flat=True).distinct())
    random.Random(args.seed).shuffle(ids)
    lists, neighbours, ranks, lengths = [], [], [], []
    for pk in ids[: args.pages]:
        case = Practice.objects.with_detail_related().get(pk=pk)
        ms, items = timed(similar.similar_cases, case)
        lists.append(ms)
        lengths.append(len(items))
        neighbours.append(timed(theme_neighbours, case)[0])
    for pk in ids[: min(20, args.pages)]:
        case = Practice.objects.get(pk=pk)
        ranks.append(timed(similar.rank_similar, case)[0])

    base = percentile(neighbours, 95)
    print(
        f"\n{len(lists)} case pages at {Practice.objects.count()} cases; similar cases per page: "
        f"{statistics.mean(lengths):.1f}"
    )
    print(f"{'what':<34} {'p50 ms':>8} {'p95 ms':>8} {'p95/base':>9} {'max ms':>8}")
    for name, times in (
        ("theme neighbours (baseline)", neighbours),
        ("similar list with reasons (page)", lists),
        ("ranking one case (on save)", ranks),
    ):
        print(
            f"{name:<34} {statistics.median(times):8.1f} {percentile(times, 95):8.1f} "
            f"{percentile(times, 95) / base:9.1f} {max(times):8.1f}"
        )
    print("target: the similar list at most 100 ms p95 at 100,000 cases")


if __name__ == "__main__":
    main()
