"""What /healthz checks: the database, the shared caches and media storage, each by one cheap round trip."""

import contextlib

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection

from practices.public.caching import CACHE_ERRORS

PROBE_KEY = "casebook:healthz"


def _storage_errors():
    """What an unreachable media storage raises: OSError on disk, botocore's errors for S3 (when installed)."""
    errors = [OSError]
    with contextlib.suppress(ImportError):
        from botocore.exceptions import BotoCoreError, ClientError

        errors += [BotoCoreError, ClientError]
    return tuple(errors)


STORAGE_ERRORS = _storage_errors()


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True


def cache_answers():
    try:
        for alias in (settings.CASEBOOK_PAGE_CACHE, settings.CASEBOOK_GENERATION_CACHE):
            caches[alias].get(PROBE_KEY)
    except CACHE_ERRORS:
        return False
    return True


def storage_answers():
    try:
        default_storage.exists(PROBE_KEY)
    except STORAGE_ERRORS:
        return False
    return True


CHECKS = {"db": database_answers, "cache": cache_answers, "storage": storage_answers}


def unavailable_services():
    """Names of the services that did not answer, in CHECKS order; empty when all did."""
    return [name for name, answers in CHECKS.items() if not answers()]
