"""The production settings plus the bare "hello" view that benchmarks/load.py measures as its baseline.

Only for benchmarks: the hello view is in benchmarks.urls, never in the production URLs.
"""

from casebook.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
