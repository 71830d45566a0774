"""Settings shared by every environment; the environment-specific modules import from here.

Everything a deployment changes comes from environment variables with safe development defaults.
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("CASEBOOK_VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
DEBUG = False
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "taggit",
    "reversion",
    "casebook.apps.LoginProtectionConfig",  # django-axes, named in Chinese
    "practices",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "practices.api.middleware.ApiMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "practices.admin.middleware.UnstorableAdminQueryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes requires: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-axes checks every login attempt first; ModelBackend then does the real authentication.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "casebook.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "casebook.wsgi.application"

# SQLite under var/ is the embedded default; DATABASE_URL points at PostgreSQL in production.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'casebook.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("CASEBOOK_STATIC_ROOT", VAR_DIR / "staticfiles"))

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("CASEBOOK_MEDIA_ROOT", VAR_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# django-taggit: editors type Chinese separators; tags match case-insensitively ("Fengqiao" == "fengqiao").
TAGGIT_CASE_INSENSITIVE = True
TAGGIT_TAGS_FROM_STRING = "practices.tagging.parse_tags"
TAGGIT_STRING_FROM_TAGS = "practices.tagging.join_tags"

LOGIN_URL = "admin:login"

# Case images (practices/images.py). Uploads are decoded, checked against these limits, normalised and
# stored through the default storage, so S3-compatible storage is a STORAGES change (see README, "Images").
CASEBOOK_IMAGE_MAX_BYTES = int(os.environ.get("CASEBOOK_IMAGE_MAX_BYTES", 10 * 1024 * 1024))
# All frames together. Above ~89 MP per frame Pillow's own bomb limit (Image.MAX_IMAGE_PIXELS) refuses first.
CASEBOOK_IMAGE_MAX_PIXELS = int(os.environ.get("CASEBOOK_IMAGE_MAX_PIXELS", 40_000_000))
# The editor's untouched upload still carries its EXIF (GPS, serials): kept only when asked for.
CASEBOOK_KEEP_ORIGINALS = os.environ.get("CASEBOOK_KEEP_ORIGINALS", "").lower() in ("1", "true", "yes")
# Widths of the public renditions (each as WebP and JPEG); never wider than the stored picture.
CASEBOOK_IMAGE_RENDITION_WIDTHS = (480, 960, 1600)
# The normalised picture kept as the source of renditions: long edge at most this many pixels.
# 2560 lets libjpeg decode a 24-megapixel photo at half scale (see benchmarks/images.py).
CASEBOOK_IMAGE_STORED_MAX_EDGE = 2560
# Content Security Policy (django-csp 4) in every environment, so an inline script or style attribute
# fails in development exactly as it would in production: scripts and styles come from our own files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Admin login brute-force protection (django-axes): five wrong passwords for one user from one address
# lock that pair out for a finite time, and twenty from one address lock that address whatever user
# names it tries (practices.editorial.lockout); a successful login resets the pair's count.
AXES_FAILURE_LIMIT = 5
CASEBOOK_LOGIN_ADDRESS_FAILURE_LIMIT = 20
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("CASEBOOK_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "practices.editorial.lockout.AddressCappedHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "practices.editorial.lockout.lockout_response"
# The address is REMOTE_ADDR, or X-Forwarded-For's nearest hop when REMOTE_ADDR is one of these reverse
# proxies (addresses or networks, comma-separated): the client types the rest of that header, so trusting
# it from anyone would let them reset the count, and ignoring it behind a proxy would give every visitor
# the proxy's address (anyone could then lock any editor out).
CASEBOOK_TRUSTED_PROXIES = [
    ipaddress.ip_network(entry.strip(), strict=False)
    for entry in os.environ.get("CASEBOOK_TRUSTED_PROXIES", "").split(",")
    if entry.strip()
]
AXES_CLIENT_IP_CALLABLE = "practices.editorial.lockout.client_address"

# Caches. Pages live in "default"; the content generation that invalidates them in "generation", which
# every process serving the site must share (see practices.public.caching and README "Deploying").
# Local memory unless REDIS_URL is set; production without Redis keeps both in files under var/cache/.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": alias,
            # A Redis that does not answer must not hold up pages: they render uncached instead.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        for alias in ("default", "generation")
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "casebook-pages",
            "OPTIONS": {"MAX_ENTRIES": 2000},  # per process; a page is some tens of kB
        },
        "generation": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "casebook-generation"},
    }
CASEBOOK_PAGE_CACHE = "default"
CASEBOOK_GENERATION_CACHE = "generation"
CASEBOOK_PAGE_CACHE_SECONDS = int(os.environ.get("CASEBOOK_PAGE_CACHE_SECONDS", "600"))

# Structured logs: one JSON object per line on stdout, for the process manager or container runtime.
LOG_LEVEL = os.environ.get("CASEBOOK_LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "casebook.logs.JsonFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own handlers print only under DEBUG; send its records to the root handler instead.
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "axes.apps": {"level": "WARNING"},  # its start-up banner on every command
    },
}

# Read API (/api/v1/): requests per address ("120/m", "5000/h"); proxies in front whose X-Forwarded-For
# names the client (0: use the connection's address, which a client cannot forge).
CASEBOOK_API_RATE = os.environ.get("CASEBOOK_API_RATE", "120/m")
NINJA_NUM_PROXIES = int(os.environ.get("CASEBOOK_API_PROXIES", "0"))

# OAI-PMH (/oai/): the address its Identify answer gives harvesters for questions.
CASEBOOK_OAI_ADMIN_EMAIL = os.environ.get("CASEBOOK_OAI_ADMIN_EMAIL", "casebook@example.org")
