"""Browser journeys (tests/e2e): the test settings plus what production adds around the views.

The page cache and login lockout run as in production, so journeys see invalidation and axes at work.
"""

from .test import *  # noqa: F403
from .test import MIDDLEWARE

AXES_ENABLED = True
MIDDLEWARE = [MIDDLEWARE[0], "practices.public.caching.PublicPageCacheMiddleware", *MIDDLEWARE[1:]]
