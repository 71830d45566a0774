"""Search at scale: load N synthetic cases with realistic Chinese text, time 50 queries per class.

Text is drawn from jieba's bundled dictionary by word frequency, so common and rare terms both occur.
Each query is timed twice. First as the search needs it: the capped count ("1,000+"), the first page
of 20 with its list relations, and the snippets. Then as a visitor gets it: the whole /cases/?q=… page
through the view, facet counts and template included, never from the page cache. The plain /cases/
list (no q) is timed the same ways in the same run as the baseline. Also prints the index build time
and size.

    .venv/bin/python benchmarks/search.py --count 100000                        # SQLite in a temp dir
    scripts/with-postgres .venv/bin/python benchmarks/search.py --count 100000  # PostgreSQL
"""

import argparse
import bisect
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from itertools import accumulate
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casebook.settings.dev")
if "DATABASE_URL" not in os.environ and "CASEBOOK_VAR_DIR" not in os.environ:
    os.environ["CASEBOOK_VAR_DIR"] = tempfile.mkdtemp(prefix="casebook-bench-")

import django  # noqa: E402

django.setup()

import jieba  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from taggit.models import Tag  # noqa: E402

from practices.demo.synthetic import TAGS, insert_cases  # noqa: E402
from practices.models import Institution, Practice, Region, Theme  # noqa: E402
from practices.public.filters import CaseFilter  # noqa: E402
from practices.search import index as search_index  # noqa: E402
from practices.search import query as search  # noqa: E402
from practices.search import tokenize  # noqa: E402

ENGLISH = [
    "court",
    "mediation",
    "police",
    "grid",
    "service",
    "justice",
    "reform",
    "online",
    "platform",
    "village",
    "community",
    "dispute",
    "enforcement",
    "procuratorate",
    "litigation",
    "governance",
    "law",
    "rights",
    "minors",
    "welfare",
    "traffic",
    "tourism",
    "credit",
    "delivery",
    "data",
    "smart",
    "hotline",
    "volunteer",
    "lawyer",
    "petition",
    "assistance",
    "education",
    "environment",
    "safety",
]
PUNCTUATION = "，，，，。。；、"
QUERIES_PER_CLASS = 50
BATCH = 2000


class Corpus:
    """Words of jieba's dictionary with their frequencies, to sample text the way Chinese is written."""

    def __init__(self, rng):
        self.rng = rng
        words, freqs = [], []
        with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as f:
            for line in f:
                word, freq, *_ = line.split()
                words.append(word)
                freqs.append(int(freq))
        self.words = words
        self.cumulative = list(accumulate(freqs))

    def sentence(self):
        picks = self.rng.choices(self.words, cum_weights=self.cumulative, k=self.rng.randint(4, 12))
        return "".join(picks) + self.rng.choice(PUNCTUATION)

    def text(self, chars):
        parts, size = [], 0
        while size < chars:
            parts.append(self.sentence())
            size += len(parts[-1])
        return "".join(parts)

    def word_of_length(self, n):
        while True:
            i = bisect.bisect(self.cumulative, self.rng.random() * self.cumulative[-1])
            if len(self.words[i]) == n and all(tokenize.is_cjk_char(c) for c in self.words[i]):
                return self.words[i]


def load(count, rng, corpus):
    themes = list(Theme.objects.all())
    regions = list(Region.objects.all())
    institutions = list(Institution.objects.all())
    tags = {name: Tag.objects.get_or_create(name=name)[0] for name in TAGS}
    now = timezone.now()
    for start in range(0, count, BATCH):
        rows, row_tags = [], []
        for i in range(start, min(count, start + BATCH)):
            approach = "\n\n".join(corpus.text(rng.randint(120, 220)) for _ in range(2))
            if rng.random() < 0.2:
                approach += "\n\n" + " ".join(rng.choices(ENGLISH, k=8)).capitalize() + "."
            case = Practice(
                slug=f"bench-{i}",
                title=corpus.text(rng.randint(10, 20)).rstrip(PUNCTUATION),
                title_en=" ".join(rng.choices(ENGLISH, k=4)).capitalize() if rng.random() < 0.3 else "",
                summary=corpus.text(rng.randint(60, 110)),
                background=corpus.text(rng.randint(120, 220)),
                approach=approach,
                theme=rng.choice(themes),
                region=rng.choice(regions),
                institution=rng.choice(institutions),
                status=Practice.Status.PUBLISHED,
                published_at=now - timedelta(minutes=10 + i),
                is_synthetic=True,
            )
            case.level = case.derived_level()
            rows.append(case)
            row_tags.append(rng.sample(TAGS, rng.randint(1, 3)))
        insert_cases(rows, row_tags, tags)


def query_classes(rng, corpus):
    sample = [
        "".join(texts)
        for texts in Practice.objects.synthetic().values_list("title", "summary", "background", "approach")[:3000]
    ]
    chars = Counter(c for text in sample for c in set(text) if tokenize.is_cjk_char(c))
    common = [c for c, _ in chars.most_common(200)]
    rare = [c for c, n in chars.items() if n == 1]
    cjk_runs = [run for text in sample for run in tokenize.CHUNK.findall(text) if len(run[0]) >= 8]

    def phrase():
        run = rng.choice(cjk_runs)[0]
        i = rng.randrange(len(run) - 4)
        return run[i : i + 4]

    n = QUERIES_PER_CLASS
    return {
        "1 char, common": rng.sample(common, n),
        "1 char, rare": rng.sample(rare, n),
        "2 chars": [corpus.word_of_length(2) for _ in range(n)],
        "4-char phrase": [phrase() for _ in range(n)],
        "two terms ANDed": [f"{corpus.word_of_length(2)} {corpus.word_of_length(2)}" for _ in range(n)],
        "English word": [rng.choice(ENGLISH) for _ in range(n)],
    }


def page(q):
    """What the result page needs: capped count, first 20 with their relations, snippets."""
    params = QueryDict(urlencode({"q": q}) if q else "")
    case_filter = CaseFilter.from_params(params)
    qs = case_filter.queryset().with_list_related()
    paginator = search.CappedPaginator(qs, 20, **case_filter.search_walk())  # as the list view reads a page
    label = str(paginator.result_count)
    rows = list(paginator.page(1))
    for row in rows:
        search.practice_snippet(row, q)
    return label


RESULT_COUNT = re.compile(r"找到 ([\d,+]+) 个案例")


class Visitor:
    """A visitor asking for whole /cases/ pages, each address new, so none comes from the page cache."""

    def __init__(self):
        self.client = Client()
        self.visits = 0

    def page(self, q):
        self.visits += 1
        response = self.client.get("/cases/", {"q": q, "visit": self.visits} if q else {"visit": self.visits})
        assert response.status_code == 200, response.status_code
        found = RESULT_COUNT.search(response.content.decode())
        return found.group(1) if found else "-"


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return (time.perf_counter() - start) * 1000, result


def percentile(values, p):
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", action="store_true", help="Keep cases already loaded (time the queries only).")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    call_command("migrate", verbosity=0)
    call_command("load_demo_practices", verbosity=0)
    vendor = connection.vendor
    print(f"backend: {vendor}, cases: {args.count:,}")

    corpus = Corpus(rng)
    if not (args.reuse and Practice.objects.synthetic().count() >= args.count):
        load_ms, _ = timed(load, args.count, rng, corpus)
        print(f"load (bulk insert, no index): {load_ms / 1000:.1f} s")
        build_ms, written = timed(search_index.rebuild)
        print(f"index build: {build_ms / 1000:.1f} s for {written:,} cases")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    size = search_index.size_in_bytes()
    print(f"index size: {size / 2**20:.0f} MiB")

    classes = query_classes(rng, corpus)
    visitor = Visitor()
    # Start as a serving process does before its first request: jieba loaded, loaded objects frozen.
    import casebook.wsgi  # noqa: F401

    for title, measure in (("the search (count, page, snippets)", page), ("the whole page, uncached", visitor.page)):
        measure("")  # warm caches and the jieba dictionary
        baseline = [timed(measure, "")[0] for _ in range(QUERIES_PER_CLASS)]
        base_p50, base_p95 = statistics.median(baseline), percentile(baseline, 95)
        print(f"\n{title}")
        print(f"{'class':<18} {'p50 ms':>8} {'p95 ms':>8} {'p95/list':>9}  {'max ms':>8}  example")
        print(f"{'/cases/ list':<18} {base_p50:8.1f} {base_p95:8.1f} {1:9.1f}  {max(baseline):8.1f}")
        for name, queries in classes.items():
            results = [(timed(measure, q), q) for q in queries]
            times = [t for (t, _), _ in results]
            (slowest, count), q = max(results, key=lambda r: r[0][0])
            print(
                f"{name:<18} {statistics.median(times):8.1f} {percentile(times, 95):8.1f} "
                f"{percentile(times, 95) / base_p95:9.1f}  {slowest:8.1f}  slowest: {q!r} ({count} results)"
            )


if __name__ == "__main__":
    main()
