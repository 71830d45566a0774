"""`make run` (development settings): a stranger sees the designed error pages, with styles and pictures."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "import django; django.setup(); from django.conf import settings; from django.urls import resolve;"
    "print(settings.DEBUG, 'whitenoise.middleware.WhiteNoiseMiddleware' in settings.MIDDLEWARE,"
    " resolve('/media/practices/ab/x.jpg').func.__name__)"
)


def dev_settings(tmp_path, **env):
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "casebook.settings.dev",
        "CASEBOOK_VAR_DIR": str(tmp_path),
    } | env
    result = subprocess.run(  # noqa: S603 -- our own interpreter and arguments
        [sys.executable, "-c", PROBE], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_make_run_shows_the_designed_error_pages_and_still_serves_static_files_and_pictures(tmp_path):
    # DEBUG off: Django's debug 404 would list every URL pattern to whoever mistyped an address.
    assert dev_settings(tmp_path) == ["False", "True", "serve"]


def test_debug_pages_are_one_variable_away(tmp_path):
    assert dev_settings(tmp_path, DJANGO_DEBUG="1")[0] == "True"
