"""Gunicorn settings, read automatically when gunicorn starts in the project folder.

Environment: CASEBOOK_BIND (default 127.0.0.1:8000), WEB_CONCURRENCY (worker processes, default
2 × cores + 1), FORWARDED_ALLOW_IPS (proxies whose X-Forwarded-* headers are trusted, default 127.0.0.1).
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casebook.settings.production")

wsgi_app = "casebook.wsgi:application"
bind = os.environ.get("CASEBOOK_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1)
timeout = 30
graceful_timeout = 20
# Recycle workers now and then so slow memory growth cannot build up; jitter avoids all at once.
max_requests = 5000
max_requests_jitter = 500
# Gunicorn 24+ opens a control socket in the home folder; one fixed path clashes between instances.
control_socket_disable = True

# The same JSON lines on stdout as Django's own logs (casebook.logs).
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms'
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "casebook.logs.JsonFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
    },
}
