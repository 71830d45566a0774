"""Local development (`make run`): SQLite under var/ unless DATABASE_URL says otherwise.

DEBUG is off unless `DJANGO_DEBUG=1`, so a visitor of `make run` sees the designed 404 and 500 pages, not
Django's debug pages listing every URL; tracebacks still go to the console log. Static files and uploaded
pictures are served by the development server either way (WhiteNoise with finders; /media/ in urls.py).
"""

import os

from .base import *  # noqa: F403
from .base import MIDDLEWARE

DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
ALLOWED_HOSTS = ["*"]
CASEBOOK_SERVE_MEDIA = True
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
