"""Time and peak memory to accept a 24-megapixel phone photo, against a plain Pillow decode of the same file.

    .venv/bin/python benchmarks/images.py [--runs 3]

Each measurement runs in a fresh process whose peak resident memory (VmHWM) is reset just before it; figures are
printed as ratios against the baseline measured in the same run, so they compare across machines.
"""

import argparse
import io
import multiprocessing
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 6000, 4000


def phone_photo():
    """A 6000×4000 JPEG with sensor-like noise, rotated by EXIF and carrying a GPS position."""
    from PIL import Image

    gradient = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    noise = Image.effect_noise((WIDTH, HEIGHT), 24)
    photo = Image.merge("RGB", (gradient, noise, gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))
    exif = photo.getexif()
    exif[0x0112] = 6
    exif.get_ifd(0x8825).update({1: "N", 2: (43.0, 53.0, 1.0)})
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=85, exif=exif.tobytes())
    return buffer.getvalue()


def _status_kib(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/self/status (this benchmark needs Linux)")


def _reset_peak():
    """Linux: set the peak-RSS mark (VmHWM) to the current RSS, so imports before it do not count."""
    Path("/proc/self/clear_refs").write_text("5")
    return _status_kib("VmRSS")


def _measure(kind, data, queue):
    """In a child process: (seconds, extra peak KiB) for one way of handling the photo."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casebook.settings.dev")
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from practices.images.processing import make_renditions, normalise

    data = bytes(data)
    before = _reset_peak()
    start = time.perf_counter()
    if kind == "baseline":
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    else:
        normalised = normalise(SimpleUploadedFile("photo.jpg", data, "image/jpeg"))
        normalised.encode()
        if kind == "accept":
            make_renditions(normalised)
    queue.put((time.perf_counter() - start, _status_kib("VmHWM") - before))


def run(kind, data, runs):
    context = multiprocessing.get_context("spawn")
    times, peaks = [], []
    for _ in range(runs):
        queue = context.Queue()
        child = context.Process(target=_measure, args=(kind, data, queue))
        child.start()
        seconds, peak = queue.get()
        child.join()
        times.append(seconds)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    data = phone_photo()
    print(
        f"photo: {WIDTH}×{HEIGHT} JPEG ({WIDTH * HEIGHT / 1e6:.0f} MP), {len(data) / 1e6:.1f} MB, median of {args.runs}"
    )
    rows = [
        ("baseline: Pillow open + full decode", "baseline"),
        ("validate + normalise + encode", "normalise"),
        ("accept: the above + 3 widths × WebP/JPEG", "accept"),
    ]
    results = {kind: run(kind, data, args.runs) for _, kind in rows}
    base_time, base_peak = results["baseline"]
    print(f"{'':44}{'time':>9}{'× base':>8}{'peak +MB':>10}{'× base':>8}")
    for label, kind in rows:
        seconds, peak = results[kind]
        print(f"{label:44}{seconds:8.2f}s{seconds / base_time:8.2f}{peak / 1024:10.0f}{peak / base_peak:8.2f}")


if __name__ == "__main__":
    main()
