"""Production: secrets and hosts must come from the environment; refuse to start without them.

Behind an HTTPS proxy that sets X-Forwarded-Proto. `manage.py check --deploy --fail-level WARNING`
is clean with only DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS set. README "Deploying" lists the rest.
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, MIDDLEWARE, REDIS_URL, STORAGES, VAR_DIR

DEBUG = False


def _required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable for production.")
    return value


def _flag(name, default):
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "on")


SECRET_KEY = _required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in _required("DJANGO_ALLOWED_HOSTS").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

# HTTPS is terminated by the proxy in front of gunicorn, which must set X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = _flag("CASEBOOK_SSL_REDIRECT", "true")
# Load balancers probe over plain HTTP; a redirect would read as "down".
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("CASEBOOK_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("CASEBOOK_HSTS_INCLUDE_SUBDOMAINS", "true")
SECURE_HSTS_PRELOAD = _flag("CASEBOOK_HSTS_PRELOAD", "true")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True  # no script of ours reads the token from the cookie

# Request limits sized for the admin's case form (a case with its image, figure and source rows, and a
# changelist page of 50 selected cases) rather than Django's generic defaults.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 30
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# WhiteNoise serves collected static files with hashed names (cached forever) and gzip/brotli copies.
MIDDLEWARE = [*MIDDLEWARE]
_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")
MIDDLEWARE[_security + 1 : _security + 1] = [
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "practices.public.caching.PublicPageCacheMiddleware",
]
STORAGES = STORAGES | {"staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}

# Media: the web server serves MEDIA_ROOT at /media/ on one machine; with several machines, uploads go
# to S3-compatible object storage (django-storages, requirements-cluster.txt) when a bucket is named.
if os.environ.get("CASEBOOK_S3_BUCKET"):
    _media_domain = os.environ.get("CASEBOOK_MEDIA_DOMAIN", "").strip()
    _endpoint_url = os.environ.get("CASEBOOK_S3_ENDPOINT_URL", "").strip()
    STORAGES = STORAGES | {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": os.environ["CASEBOOK_S3_BUCKET"],
                "endpoint_url": _endpoint_url or None,
                "region_name": os.environ.get("CASEBOOK_S3_REGION") or None,
                "custom_domain": _media_domain or None,
                "querystring_auth": not _media_domain,
                "file_overwrite": False,
                "default_acl": None,
            },
        }
    }
    # Pictures load from the CDN, else straight from the store (signed URLs): the page's policy must allow it.
    if _media_domain:
        _media_origin = f"https://{_media_domain}"
    elif _endpoint_url:
        _media_origin = "{0.scheme}://{0.netloc}".format(urlsplit(_endpoint_url))
    else:
        _media_origin = "https://*.amazonaws.com"
    CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": CONTENT_SECURITY_POLICY["DIRECTIVES"]
        | {"img-src": [*CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"], _media_origin]}
    }

# Gunicorn runs several processes: without Redis they share the page cache and its generation through
# files on this machine, so an edit made through one process invalidates pages in all, and each page
# is rendered once for all workers rather than once per worker.
if not REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "practices.public.caching.PageFileCache",
            "LOCATION": str(VAR_DIR / "cache" / "pages"),
            # A page is some tens of kB; the folder is counted on one write in CULL_EVERY.
            "OPTIONS": {"MAX_ENTRIES": 5000, "CULL_EVERY": 100},
        },
        "generation": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache" / "generation"),
        },
    }
