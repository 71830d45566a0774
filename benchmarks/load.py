"""Load benchmark: gunicorn with the production settings on 127.0.0.1, a throwaway PostgreSQL, 10,000 cases.

    .venv/bin/python benchmarks/load.py [--cases 10000] [--seconds 10] [--concurrency 8] [--workers 3]
    .venv/bin/python benchmarks/load.py --mix [--sizes 10000,100000] [--seconds 60] [--concurrency 50]

Runs itself under scripts/with-postgres unless DATABASE_URL already names PostgreSQL. Each target gets
a short warm-up, then a fixed time of load from a bounded pool of client threads; the script prints
requests/s, p50/p95/p99 latency, errors, the share served from the page cache, and p95 as a multiple
of the bare "hello" view's p95 measured by the same gunicorn in the same run. Only 127.0.0.1 is loaded.

--mix loads one realistic workload instead of one URL a target (see MIX), so the page cache hits only
as often as it would for real visitors: at each size of --sizes (cases added between sizes), once
as is and once with a case published every --publish-every seconds, each publish starting a new
cache generation as a reviewer's does.
"""

import argparse
import http.client
import itertools
import json
import os
import random
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
# A session cookie makes the page cache step aside, so these requests show the cost of rendering.
UNCACHED = {"Cookie": "sessionid=benchmark-no-cache"}

# (name, path templates, extra headers). {case} and {theme} become a random slug from the sample.
# The search is /cases/?q=调解 (percent-encoded).
TARGETS = [
    ("hello (bare view)", ["/bench/hello"], {}),
    ("case", ["/cases/{case}/"], {}),
    ("case, uncached", ["/cases/{case}/"], UNCACHED),
    ("theme", ["/themes/{theme}/"], {}),
    ("theme, uncached", ["/themes/{theme}/"], UNCACHED),
    ("home", ["/"], {}),
    ("home, uncached", ["/"], UNCACHED),
    ("list", ["/cases/"], {}),
    ("list, uncached", ["/cases/"], UNCACHED),
    ("search", ["/cases/?q=%E8%B0%83%E8%A7%A3"], {}),
    ("search, uncached", ["/cases/?q=%E8%B0%83%E8%A7%A3"], UNCACHED),
]
BASELINE = "hello (bare view)"

# --mix: what real visitors ask for, by share of requests. Case pages are drawn from every published
# case; lists get random filter combinations, sorts and pages; searches come from SEARCH_TERMS; exports
# are JSON of a narrow filter (theme, region, year and tag: some tens of cases).
MIX = [("case", 40), ("list", 25), ("search", 15), ("theme", 8), ("tag", 6), ("home", 4), ("export", 2)]
ENGLISH_TERMS = [
    "mediation", "court", "police", "community", "grid", "Fengqiao", "petition", "lawyer", "volunteer",
    "juvenile", "fraud", "legal aid", "notary", "arbitration", "village", "data", "hotline", "online",
    "environment", "traffic",
]  # fmt: skip
MAX_REQUESTS_PER_TARGET = 200_000  # a second bound beside the time limit
RUNS = itertools.count(1)


@dataclass
class Result:
    latencies: list = field(default_factory=list)
    errors: int = 0
    hits: int = 0
    error_samples: list = field(default_factory=list)
    by_kind: dict = field(default_factory=dict)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def sample_slugs(env, count):
    """Random published case slugs and all theme slugs, read through Django."""
    script = (
        "import json, random; from practices.models import Practice, Theme; "
        "slugs = list(Practice.objects.published().values_list('slug', flat=True)); "
        f"random.Random(7).shuffle(slugs); print(json.dumps({{'cases': slugs[:{count}], "
        "'themes': list(Theme.objects.values_list('slug', flat=True))}))"
    )
    out = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", "shell", "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def wait_until_up(port, deadline=60):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not answer /healthz in time")


def load(port, paths, headers, slugs, seconds, concurrency):
    """Keep `concurrency` clients busy for `seconds` (or until the request cap) and collect their timings."""

    def pick(rng):
        return "", rng.choice(paths).format(
            case=quote(rng.choice(slugs["cases"])), theme=quote(rng.choice(slugs["themes"]))
        )

    return load_with(port, pick, headers, seconds, concurrency)


def load_with(port, pick, headers, seconds, concurrency):
    """Keep `concurrency` clients busy for `seconds` requesting `pick(rng)` → (kind, path); collect timings."""
    result, lock = Result(), threading.Lock()
    # Every run draws new requests: replaying the warm-up's (or the previous run's) sequence would find
    # its pages already cached and overstate how often the cache answers.
    run = next(RUNS)
    deadline = time.monotonic() + seconds
    sent = iter(range(MAX_REQUESTS_PER_TARGET))
    base_headers = {"Host": f"127.0.0.1:{port}", "X-Forwarded-Proto": "https"} | headers

    def client(seed):
        rng = random.Random(f"{run}-{seed}")
        while time.monotonic() < deadline:
            with lock:
                if next(sent, None) is None:
                    return
            kind, path = pick(rng)
            started = time.perf_counter()
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                connection.request("GET", path, headers=base_headers)
                response = connection.getresponse()
                response.read()
                ok, hit = response.status == 200, response.getheader("X-Casebook-Cache") == "hit"
                problem = f"{response.status} {path}"
                connection.close()
            except OSError as error:
                ok, hit, problem = False, False, f"{type(error).__name__} {path}"
            elapsed = time.perf_counter() - started
            with lock:
                result.latencies.append(elapsed)
                result.by_kind.setdefault(kind, []).append(elapsed)
                result.hits += hit
                if not ok:
                    result.errors += 1
                    if len(result.error_samples) < 3:
                        result.error_samples.append(problem)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(concurrency)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return result, time.monotonic() - started


def search_terms(count=240):
    """At least 200 distinct searches: words of the synthetic cases, 1–4 character pieces of them,
    two-word phrases and English words, in a fixed random order."""
    from practices.demo.synthetic import PLACES, SUBJECTS, TAGS

    terms = set(SUBJECTS) | set(TAGS) | set(PLACES) | set(ENGLISH_TERMS)
    for word in SUBJECTS + TAGS:
        for size in range(1, 5):
            terms.update(word[i : i + size] for i in range(0, max(1, len(word) - size + 1), 2))
    rng = random.Random(11)
    terms.update(f"{rng.choice(SUBJECTS)} {rng.choice(PLACES)}" for _ in range(40))
    ordered = sorted(terms)
    rng.shuffle(ordered)
    return ordered[: max(count, 200)]


def mix_pool():
    """What the mix draws from, read through Django: every published case, the filter values, searches."""
    from django.db.models.functions import ExtractYear

    from practices.models import Institution, Practice, Region, Theme
    from practices.public.filters import public_tags

    published = Practice.objects.published()
    return {
        "cases": list(published.values_list("slug", flat=True)),
        "themes": list(Theme.objects.values_list("slug", flat=True)),
        "regions": list(Region.objects.values_list("code", flat=True)),
        "tags": list(public_tags().values_list("slug", flat=True)),
        "institutions": list(Institution.objects.values_list("slug", flat=True)),
        "years": sorted({y for y in published.annotate(y=ExtractYear("started_on")).values_list("y", flat=True) if y}),
        "terms": search_terms(),
    }


def mix_picker(pool):
    """pick(rng) → (kind, path) for the mixed workload."""
    kinds, weights = zip(*MIX, strict=True)

    def some_filters(rng, chance):
        params = {}
        for name, values in (
            ("theme", pool["themes"]),
            ("region", pool["regions"]),
            ("tag", pool["tags"]),
            ("institution", pool["institutions"]),
            ("year", pool["years"]),
        ):
            if values and rng.random() < chance:
                params[name] = rng.choice(values)
        return params

    def browsing(rng):
        """A sort and a page as visitors pick them: mostly the first pages."""
        params = {}
        if rng.random() < 0.3:
            params["sort"] = rng.choice(["newest", "oldest", "title", "updated"])
        if rng.random() < 0.4:
            params["page"] = rng.choice([2, 2, 3, 3, 4, 5, 10, 50])
        return params

    def pick(rng):
        kind = rng.choices(kinds, weights)[0]
        if kind == "case":
            path = f"/cases/{quote(rng.choice(pool['cases']))}/"
        elif kind == "list":
            path = "/cases/?" + urlencode(some_filters(rng, 0.3) | browsing(rng))
        elif kind == "search":
            extra = some_filters(rng, 0.1) | ({"page": 2} if rng.random() < 0.2 else {})
            path = "/cases/?" + urlencode({"q": rng.choice(pool["terms"])} | extra)
        elif kind == "theme":
            path = f"/themes/{quote(rng.choice(pool['themes']))}/?" + urlencode(browsing(rng))
        elif kind == "tag":
            path = f"/tags/{quote(rng.choice(pool['tags']))}/?" + urlencode(browsing(rng))
        elif kind == "home":
            path = "/"
        else:
            params = {
                "theme": rng.choice(pool["themes"]),
                "region": rng.choice(pool["regions"]),
                "tag": rng.choice(pool["tags"]),
            } | ({"year": rng.choice(pool["years"])} if pool["years"] else {})
            path = "/cases/export.json?" + urlencode(params)
        return kind, path.removesuffix("?")

    return pick


class Publisher(threading.Thread):
    """Every `interval` seconds, unpublish and publish again one random case in one transaction, through
    save() as the admin does: stored counts, search index and a new page cache generation, all at once."""

    def __init__(self, interval):
        super().__init__(daemon=True)
        self.interval, self.stop, self.published = interval, threading.Event(), 0

    def run(self):
        from django.db import transaction
        from django.utils import timezone

        from practices.models import Practice

        rng = random.Random(5)
        ids = list(Practice.objects.published().values_list("pk", flat=True))
        due = time.monotonic() + self.interval
        while not self.stop.wait(max(0, due - time.monotonic())):
            due += self.interval  # on a fixed beat, however long a publish takes
            case = Practice.objects.get(pk=rng.choice(ids))
            with transaction.atomic():
                case.status = Practice.Status.DRAFT
                case.save()
                case.status, case.published_at = Practice.Status.PUBLISHED, timezone.now()
                case.save()
            self.published += 1


UNCACHED_REPEAT = 20


def uncached_pages(port, pool):
    """p95 ms of /, /cases/ and a theme page rendered afresh (a session cookie steps past the page
    cache), one request at a time, before the load starts."""
    theme = quote(pool["themes"][0])
    timings = {}
    for name, path in (("/", "/"), ("/cases/", "/cases/"), ("/themes/…/", f"/themes/{theme}/")):
        times = []
        for _ in range(UNCACHED_REPEAT + 1):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            started = time.perf_counter()
            connection.request(
                "GET", path, headers={"Host": f"127.0.0.1:{port}", "X-Forwarded-Proto": "https"} | UNCACHED
            )
            response = connection.getresponse()
            response.read()
            times.append((time.perf_counter() - started) * 1000)
            connection.close()
            if response.status != 200:
                raise SystemExit(f"{path}: {response.status}")
        timings[name] = percentile(times[1:], 0.95)  # the first warms the worker up
    return timings


def summarise(name, result, took):
    latencies_ms = [x * 1000 for x in result.latencies]
    return {
        "name": name,
        "requests": len(latencies_ms),
        "rps": len(latencies_ms) / took,
        "p50": percentile(latencies_ms, 0.50),
        "p95": percentile(latencies_ms, 0.95),
        "p99": percentile(latencies_ms, 0.99),
        "errors": result.errors,
        "cached": result.hits / max(1, len(latencies_ms)),
        "error_samples": result.error_samples,
        "by_kind": {kind: percentile([x * 1000 for x in times], 0.95) for kind, times in result.by_kind.items()},
    }


def run_mix(args, env, port):
    """The mixed workload at each size, without and with publishing; prints one table for all runs."""
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.update(env)  # this process publishes into the same database and cache generation
    django.setup()

    from practices.models import Practice

    rows, singles = [], []
    for size in args.sizes:
        have = Practice.objects.count()
        if size > have:
            print(f"Generating {size - have} more cases…", flush=True)
            manage(env, "generate_practices", "--count", str(size - have), "--seed", "1")  # analyses as it ends
        pool = mix_pool()
        pick = mix_picker(pool)
        label = f"{len(pool['cases']):,} cases"
        singles.append((label, uncached_pages(port, pool)))
        print(f"{label}: {len(pool['terms'])} distinct searches; {args.concurrency} clients", flush=True)
        for publish_every in (None, args.publish_every):
            load_with(port, pick, {}, args.warmup, args.concurrency)
            publisher = Publisher(publish_every) if publish_every else None
            if publisher:
                publisher.start()
            result, took = load_with(port, pick, {}, args.seconds, args.concurrency)
            if publisher:
                publisher.stop.set()
                publisher.join()
            name = label + (f", publish every {publish_every:g} s ({publisher.published})" if publisher else "")
            rows.append(summarise(name, result, took))
            print(f"  {name}: done", flush=True)
    pages = list(singles[0][1])
    width = max(len(label) for label, _ in singles) + 2
    print(
        f"\nuncached pages one at a time, p95 ms of {UNCACHED_REPEAT}\n{'':<{width}}"
        + "".join(f"{p:>12}" for p in pages)
    )
    for label, timings in singles:
        print(f"{label:<{width}}" + "".join(f"{timings[p]:>12.1f}" for p in pages))
    kinds = [kind for kind, _ in MIX]
    width = max(len(r["name"]) for r in rows) + 2
    header = (
        f"{'mix':<{width}}{'requests':>9}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'errors':>7}{'cached':>7}"
    )
    print(f"\n{header}")
    for r in rows:
        print(
            f"{r['name']:<{width}}{r['requests']:>9}{r['rps']:>8.1f}{r['p50']:>8.1f}{r['p95']:>8.1f}{r['p99']:>8.1f}"
            f"{r['errors']:>7}{r['cached']:>7.0%}"
        )
        for sample in r["error_samples"]:
            print(f"    e.g. {sample}")
    print(f"\np95 ms by kind\n{'mix':<{width}}" + "".join(f"{k:>8}" for k in kinds))
    for r in rows:
        print(f"{r['name']:<{width}}" + "".join(f"{r['by_kind'].get(k, float('nan')):>8.1f}" for k in kinds))
    return rows


def percentile(values, fraction):
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[round(fraction * 100) - 1]


def report(rows):
    baseline = next(r for r in rows if r["name"] == BASELINE)["p95"]
    header = f"{'target':<20}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
    print(f"\n{header}{'errors':>8}{'cached':>8}{'p95 × hello':>13}")
    for r in rows:
        print(
            f"{r['name']:<20}{r['requests']:>9}{r['rps']:>9.1f}{r['p50']:>9.1f}{r['p95']:>9.1f}{r['p99']:>9.1f}"
            f"{r['errors']:>8}{r['cached']:>7.0%} {r['p95'] / baseline:>12.2f}"
        )
        for sample in r["error_samples"]:
            print(f"    e.g. {sample}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000, help="synthetic published cases to generate")
    parser.add_argument("--seconds", type=float, help="measured load time per target (default 10; 60 with --mix)")
    parser.add_argument("--warmup", type=float, default=3, help="unmeasured load before each target")
    parser.add_argument("--concurrency", type=int, help="client threads (default 8; 50 with --mix)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--distinct", type=int, default=200, help="distinct case pages requested")
    parser.add_argument("--mix", action="store_true", help="the realistic mixed workload instead of the targets")
    parser.add_argument("--sizes", default="10000,100000", help="--mix: case counts to load, in order")
    parser.add_argument("--publish-every", type=float, default=5, help="--mix: seconds between publishes")
    args = parser.parse_args()
    args.sizes = sorted(int(n) for n in args.sizes.split(","))
    args.seconds = args.seconds or (60 if args.mix else 10)
    args.concurrency = args.concurrency or (50 if args.mix else 8)

    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        os.execv(str(ROOT / "scripts" / "with-postgres"), ["with-postgres", PYTHON, __file__, *sys.argv[1:]])  # noqa: S606

    var_dir = Path(tempfile.mkdtemp(prefix="casebook-bench-"))
    port = free_port()
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "CASEBOOK_VAR_DIR": str(var_dir),
        "CASEBOOK_LOG_LEVEL": "WARNING",
        "CASEBOOK_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(args.workers),
    }
    env.pop("REDIS_URL", None)
    gunicorn = None
    try:
        cases = "" if args.mix else f" {args.cases} synthetic cases,"
        print(f"Setting up: migrate, demo content,{cases} collectstatic…", flush=True)
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        manage(env, "load_demo_practices")
        if not args.mix:
            manage(env, "generate_practices", "--count", str(args.cases), "--seed", "1")
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        slugs = None if args.mix else sample_slugs(env, args.distinct)

        log = (var_dir / "gunicorn.log").open("w")
        gunicorn = subprocess.Popen([GUNICORN], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
        wait_until_up(port)
        if args.mix:
            print(f"gunicorn: {args.workers} workers on 127.0.0.1:{port}; {args.seconds:g} s per run", flush=True)
            rows = run_mix(args, env, port)
            total_errors = sum(r["errors"] for r in rows)
            print(f"\nerrors in total: {total_errors}")
            return 1 if total_errors else 0
        print(
            f"gunicorn: {args.workers} workers on 127.0.0.1:{port}; {args.concurrency} clients, "
            f"{args.warmup:g} s warm-up + {args.seconds:g} s per target; {len(slugs['cases'])} distinct case pages",
            flush=True,
        )

        rows = []
        for name, paths, headers in TARGETS:
            load(port, paths, headers, slugs, args.warmup, args.concurrency)
            result, took = load(port, paths, headers, slugs, args.seconds, args.concurrency)
            latencies_ms = [x * 1000 for x in result.latencies]
            rows.append(
                {
                    "name": name,
                    "requests": len(latencies_ms),
                    "rps": len(latencies_ms) / took,
                    "p50": percentile(latencies_ms, 0.50),
                    "p95": percentile(latencies_ms, 0.95),
                    "p99": percentile(latencies_ms, 0.99),
                    "errors": result.errors,
                    "cached": result.hits / max(1, len(latencies_ms)),
                    "error_samples": result.error_samples,
                }
            )
            print(f"  {name}: done", flush=True)
        report(rows)
        total_errors = sum(r["errors"] for r in rows)
        print(f"\nerrors in total: {total_errors}")
        return 1 if total_errors else 0
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
