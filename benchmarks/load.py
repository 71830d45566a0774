"""Load benchmark: gunicorn with the production settings on 127.0.0.1, a throwaway PostgreSQL, 10,000 cases.

    .venv/bin/python benchmarks/load.py [--cases 10000] [--seconds 10] [--concurrency 8] [--workers 3]

Runs itself under scripts/with-postgres unless DATABASE_URL already names PostgreSQL. Each target gets
a short warm-up, then a fixed time of load from a bounded pool of client threads; the script prints
requests/s, p50/p95/p99 latency, errors, the share served from the page cache, and p95 as a multiple
of the bare "hello" view's p95 measured by the same gunicorn in the same run. Only 127.0.0.1 is loaded.
"""

import argparse
import http.client
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
from urllib.parse import quote

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
MAX_REQUESTS_PER_TARGET = 200_000  # a second bound beside the time limit


@dataclass
class Result:
    latencies: list = field(default_factory=list)
    errors: int = 0
    hits: int = 0
    error_samples: list = field(default_factory=list)


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
    result, lock = Result(), threading.Lock()
    deadline = time.monotonic() + seconds
    sent = iter(range(MAX_REQUESTS_PER_TARGET))
    base_headers = {"Host": f"127.0.0.1:{port}", "X-Forwarded-Proto": "https"} | headers

    def client(seed):
        rng = random.Random(seed)
        while time.monotonic() < deadline:
            with lock:
                if next(sent, None) is None:
                    return
            path = rng.choice(paths).format(
                case=quote(rng.choice(slugs["cases"])), theme=quote(rng.choice(slugs["themes"]))
            )
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


def percentile(values, fraction):
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
    parser.add_argument("--seconds", type=float, default=10, help="measured load time per target")
    parser.add_argument("--warmup", type=float, default=3, help="unmeasured load before each target")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--distinct", type=int, default=200, help="distinct case pages requested")
    args = parser.parse_args()

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
        print(f"Setting up: migrate, demo content, {args.cases} synthetic cases, collectstatic…", flush=True)
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        manage(env, "load_demo_practices")
        manage(env, "generate_practices", "--count", str(args.cases), "--seed", "1")
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        slugs = sample_slugs(env, args.distinct)

        log = (var_dir / "gunicorn.log").open("w")
        gunicorn = subprocess.Popen([GUNICORN], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
        wait_until_up(port)
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
