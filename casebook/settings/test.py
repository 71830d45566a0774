"""Test runs: fast password hashing, media in a temporary folder, same database rules as dev."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="casebook-test-media-"))
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# django-axes refuses authenticate() without a request, which Client.login() omits; test_production turns it on.
AXES_ENABLED = False
# The API's rate limit counts in the shared local-memory cache; tests that check it lower it themselves.
CASEBOOK_API_RATE = "100000/m"
