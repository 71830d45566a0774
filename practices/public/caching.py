"""Whole-page caching of the public site for anonymous visitors, invalidated by a content generation.

Every cached page is stored under the current *generation*; any change to what the public site shows
(cases, images, figures, sources, themes, regions, institutions, tags) starts a new generation, so the
next request renders afresh and the old entries simply expire. Views need no decorators.
"""

import contextlib
import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import cc_delim_re

logger = logging.getLogger(__name__)

GENERATION_KEY = "casebook:content-generation"
CACHEABLE_METHODS = ("GET", "HEAD")
# Pages for staff, the health probe and the language switch answer differently per request.
EXCLUDED_URL_NAMES = ("admin:index", "healthz", "set_language")


def _cache_errors():
    """What an unreachable cache raises: OSError for files, RedisError for Redis (when installed)."""
    errors = [OSError]
    with contextlib.suppress(ImportError):
        from redis.exceptions import RedisError

        errors.append(RedisError)
    return tuple(errors)


CACHE_ERRORS = _cache_errors()


class PageFileCache(FileBasedCache):
    """Django's file cache, checking whether to cull (MAX_ENTRIES) on one write in CULL_EVERY, not on each.

    FileBasedCache lists its whole folder before every write to count the entries: 5 ms at a few
    thousand pages, paid by every page rendered afresh. Between checks the folder can pass MAX_ENTRIES
    by up to CULL_EVERY pages per process.
    """

    def __init__(self, location, params):
        super().__init__(location, params)
        self._cull_every = int(params.get("OPTIONS", {}).get("CULL_EVERY", 100))
        self._writes = 0

    def _cull(self):
        due = self._writes % self._cull_every == 0  # a process's first write, then every CULL_EVERY-th
        self._writes += 1
        if due:
            super()._cull()


def page_cache():
    return caches[settings.CASEBOOK_PAGE_CACHE]


def generation_cache():
    return caches[settings.CASEBOOK_GENERATION_CACHE]


def current_generation():
    """The token under which pages are cached now; created on first use."""
    cache = generation_cache()
    token = cache.get(GENERATION_KEY)
    if token is None:
        token = uuid.uuid4().hex
        # add(), not set(): if another process created one meanwhile, theirs wins and we read it back.
        if not cache.add(GENERATION_KEY, token, timeout=None):
            token = cache.get(GENERATION_KEY, token)
    return token


def bump_generation():
    """Make every cached page stale. Call it after changing public content without model signals."""
    try:
        generation_cache().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except CACHE_ERRORS:
        # The edit itself must not fail: a cache that cannot be reached serves no stale page, and one
        # that comes back with its old entries serves them at most CASEBOOK_PAGE_CACHE_SECONDS.
        logger.exception("Could not start a new page cache generation")


def content_changed(**kwargs):
    """Signal receiver (connected in public/signals.py): a new generation now, and again once the transaction commits.

    The first bump serves this process at once (and tests inside a transaction); the second stops
    another process that rendered the old rows during the transaction from caching them as new.
    """
    bump_generation()
    transaction.on_commit(bump_generation, robust=True)


def seconds_until_next_scheduled_publication():
    """A scheduled case becomes public without any save, so no page may be cached past that moment."""
    from practices.models import Practice

    now = timezone.now()
    upcoming = (
        Practice.objects.filter(status=Practice.Status.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return None if upcoming is None else max(1, int((upcoming - now).total_seconds()))


class PublicPageCacheMiddleware:
    """Serve anonymous GET/HEAD requests of public pages from the cache, keyed by generation and language.

    Sits right after SecurityMiddleware (and WhiteNoise), so a cached response already carries the
    headers every inner middleware added (CSP, frame options, Content-Language, Vary).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.request_is_cacheable(request):
            return self.get_response(request)
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        try:
            key = self.cache_key(request, language)
            cached = page_cache().get(key)
        except CACHE_ERRORS:
            # Without the cache every page still renders from the database, only slower.
            logger.warning("Page cache unreachable; rendering %s uncached", request.path, exc_info=True)
            return self.get_response(request)
        if cached is not None:
            cached["X-Casebook-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if self.response_is_cacheable(request, response, language):
            timeout = settings.CASEBOOK_PAGE_CACHE_SECONDS
            scheduled = seconds_until_next_scheduled_publication()
            if scheduled is not None:
                timeout = min(timeout, scheduled)
            try:
                page_cache().set(key, response, timeout)
            except CACHE_ERRORS:
                logger.warning("Page cache unreachable; %s not stored", request.path, exc_info=True)
                return response
            response["X-Casebook-Cache"] = "miss"
        return response

    @staticmethod
    def excluded_prefixes():
        return tuple(reverse(name) for name in EXCLUDED_URL_NAMES)

    def request_is_cacheable(self, request):
        if request.method not in CACHEABLE_METHODS:
            return False
        # Anyone with a session (staff) or pending messages sees pages made for them alone.
        if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
            return False
        return not request.path.startswith(self.excluded_prefixes())

    @staticmethod
    def response_is_cacheable(request, response, language):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        cache_control = {d.strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))}
        if cache_control & {"private", "no-cache", "no-store"}:
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        # The key's language must be the one the page was rendered in.
        return response.get("Content-Language", language) == language

    @staticmethod
    def cache_key(request, language):
        """Keyed on the whole address, scheme and host too: pages hold absolute URLs (feed, sitemap,
        canonical links). Reading the host validates it, so a host not allowed is a 400 before any hit."""
        digest = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
        return f"casebook:page:{current_generation()}:{language}:{request.method}:{digest}"
