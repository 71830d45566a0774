"""Peak memory and time of checking an import file, against reading the same file into memory once.

    .venv/bin/python benchmarks/imports.py [--mb 10]

Uses a throwaway SQLite database in memory. Each scenario runs `plan_import()` on a file of about --mb
megabytes under tracemalloc and prints its Python peak and seconds (tracemalloc slows Python several
times) next to the baseline measured in the same run: `file.read()` of that file, the least any reader
of it holds. First with the real limits (such files are refused, and how soon), then with the byte and
blank-row limits lifted, so reading the whole file is measured. Target: under +50 MB for a 10 MB file.
"whole file, as before" is the former reading (decode everything, then a list of all rows).
"""

import argparse
import csv
import io
import os
import sys
import tempfile
import time
import tracemalloc
from functools import partial
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
HEADER = "标题,主题,行政区划代码,标签,摘要\n"


def setup():
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = "sqlite://:memory:"
    os.environ["DJANGO_SETTINGS_MODULE"] = "casebook.settings.dev"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from tests import factories

    factories.theme(name="平安建设", slug="safety")
    factories.region("220105", "二道区")
    return factories.editor(username="bench")


def files(size):
    """name → (file name, content) of about `size` bytes each."""
    valid_row = "网格化调解{n},平安建设,220105,调解；网格," + "网格员走访群众、调解矛盾。" * 40 + "\n"
    rows = "".join(valid_row.format(n=n) for n in range(5000))
    return {
        "empty lines": ("blank.csv", (HEADER + "\n" * size).encode()),
        "lines of commas": ("commas.csv", (HEADER + ("," * 99 + "\n") * (size // 100)).encode()),
        "5,000 valid rows": ("rows.csv", (HEADER + rows).encode()),
    }


def measure(function):
    tracemalloc.start()
    tracemalloc.reset_peak()
    start = time.perf_counter()
    outcome = function()
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20, seconds, outcome


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10)
    options = parser.parse_args()
    user = setup()
    from practices.exports import imports

    size = int(options.mb * 2**20)
    limits = SimpleNamespace(bytes=imports.MAX_IMPORT_BYTES, blank_rows=imports.MAX_IMPORT_BLANK_ROWS)
    print(f"{'file':<36} {'MB':>6} {'peak MB':>8} {'s':>7} {'baseline MB':>12} {'ratio':>6}  outcome")
    with tempfile.TemporaryDirectory() as folder:
        for label, (name, content) in files(size).items():
            path = Path(folder) / name
            path.write_bytes(content)
            del content

            def plan(name=name, path=path):
                with path.open("rb") as file:
                    try:
                        result = imports.plan_import(name, file, user)
                    except imports.ImportFileError as refused:
                        return str(refused)[:40]
                return f"{len(result.rows)} rows, {result.blank_rows} blank"

            baseline, _seconds, _ = measure(path.read_bytes)
            rows = [(f"{label}, real limits", plan, (limits.bytes, limits.blank_rows))]
            rows.append((f"{label}, read through", plan, (path.stat().st_size, size)))
            if label == "empty lines":
                rows.append(("empty lines, whole file as before", partial(_former_reading, path), None))
            for row_label, function, lifted in rows:
                if lifted:
                    imports.MAX_IMPORT_BYTES, imports.MAX_IMPORT_BLANK_ROWS = lifted
                peak, seconds, outcome = measure(function)
                megabytes = path.stat().st_size / 2**20
                print(
                    f"{row_label:<36} {megabytes:>6.1f} {peak:>8.1f} {seconds:>7.2f} {baseline:>12.1f} "
                    f"{peak / baseline:>6.1f}  {outcome}"
                )


def _former_reading(path):
    content = path.read_bytes()
    return f"{len(list(csv.reader(io.StringIO(content.decode('utf-8-sig'), newline=''), strict=True)))} rows"


if __name__ == "__main__":
    main()
