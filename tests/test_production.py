"""Production settings and safety nets: deploy checks, headers, login lockout, no traceback on errors."""

import json
import logging
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.http import HttpResponse
from django.urls import path, reverse

from casebook import urls as casebook_urls
from casebook.logs import JsonFormatter
from tests import factories

ROOT = Path(__file__).resolve().parent.parent
SECRET = "a-long-random-production-secret-" + "k3y" * 12
LOGIN_URL = reverse("admin:login")


def run_with_production_settings(args, tmp_path, **env):
    """Run Python with only the variables a deployment must set (plus `env`), never the developer's."""
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "casebook.settings.production",
        "CASEBOOK_VAR_DIR": str(tmp_path),
    } | env
    return subprocess.run(  # noqa: S603 -- our own interpreter and arguments
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_wsgi_application_has_the_word_dictionary_loaded_and_frozen_before_any_request(tmp_path):
    # No visitor's first search waits for jieba; no request pays for a full garbage collection of it all.
    probe = (
        "import gc, casebook.wsgi, practices.search.tokenize as t;"
        "print(t.segmenter.cache_info().currsize, gc.get_freeze_count() > 50_000)"
    )
    result = run_with_production_settings(
        ["-c", probe], tmp_path, DJANGO_SECRET_KEY=SECRET, DJANGO_ALLOWED_HOSTS="casebook.example.org"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "True"]


@pytest.mark.parametrize(
    "database_url",
    [None, "sqlite:///var/elsewhere.sqlite3", "postgres://casebook:secret@db.internal:5432/casebook"],
    ids=["default-sqlite", "sqlite-url", "postgres-url"],
)
def test_check_deploy_is_clean_with_only_secret_and_hosts(tmp_path, database_url):
    env = {"DJANGO_SECRET_KEY": SECRET, "DJANGO_ALLOWED_HOSTS": "casebook.example.org"}
    if database_url:
        env["DATABASE_URL"] = database_url
    result = run_with_production_settings(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], tmp_path, **env
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_secret_or_hosts(tmp_path, missing):
    env = {"DJANGO_SECRET_KEY": SECRET, "DJANGO_ALLOWED_HOSTS": "casebook.example.org"}
    env[missing] = "  "
    result = run_with_production_settings(["manage.py", "check"], tmp_path, **env)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable for production." in result.stderr


PROBE = """
import json, django
django.setup()
from django.contrib.staticfiles.storage import staticfiles_storage
from django.test import Client
from practices.models import Theme
client = Client()
login = client.get("/admin/login/", secure=True)
Theme.objects.create(name="平安建设", slug="safety")
visitor = Client()
theme_pages = [visitor.get("/themes/safety/", secure=True) for _ in range(2)]
css = visitor.get(staticfiles_storage.url("css/casebook.css"), secure=True)
print(json.dumps({
    "page_cache": [page.get("X-Casebook-Cache") for page in theme_pages],
    "static": [css.status_code, staticfiles_storage.url("css/casebook.css"), css.get("Cache-Control")],
    "login_status": login.status_code,
    "headers": dict(login.headers),
    "csrf_cookie": login.cookies["csrftoken"].output(),
    "plain_login": [client.get("/admin/login/").status_code, client.get("/admin/login/").get("Location")],
    "plain_healthz": client.get("/healthz").status_code,
    "evil_host": visitor.get("/themes/safety/", secure=True, headers={"host": "evil.example"}).status_code,
}))
"""


@pytest.fixture(scope="module")
def production_response(tmp_path_factory):
    """Admin login, a public page, a static file and the health probe as the production settings serve them."""
    tmp_path = tmp_path_factory.mktemp("production")
    env = {
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'probe.sqlite3'}",
    }
    # The hashed-name manifest must exist, as after a deployment's collectstatic and migrate.
    for command in (["collectstatic", "--noinput"], ["migrate", "--noinput"]):
        done = run_with_production_settings(["manage.py", *command], tmp_path, **env)
        assert done.returncode == 0, done.stderr
    result = run_with_production_settings(["-c", PROBE], tmp_path, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_sends_the_security_headers(production_response):
    headers = production_response["headers"]
    assert production_response["login_status"] == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]


def test_production_cookies_are_secure_and_http_only(production_response):
    cookie = production_response["csrf_cookie"]
    assert "Secure" in cookie
    assert "HttpOnly" in cookie


def test_production_redirects_plain_http_but_not_the_health_probe(production_response):
    status, location = production_response["plain_login"]
    assert status == 301
    assert location == "https://testserver/admin/login/"
    assert production_response["plain_healthz"] == 200


def test_production_caches_public_pages(production_response):
    assert production_response["page_cache"] == ["miss", "hit"]


def test_production_refuses_a_host_not_allowed_even_for_a_cached_page(production_response):
    assert production_response["evil_host"] == 400


def test_production_serves_hashed_static_files_for_ever(production_response):
    status, url, cache_control = production_response["static"]
    assert status == 200
    assert url.startswith("/static/css/casebook.") and url != "/static/css/casebook.css"
    assert "immutable" in cache_control


@pytest.mark.django_db
def test_every_page_has_a_csp_without_unsafe_inline(client):
    theme = factories.theme()
    for url in (theme.get_absolute_url(), LOGIN_URL):
        policy = client.get(url)["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "script-src 'self'" in policy
        assert "style-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "unsafe-eval" not in policy


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True


def attempt_login(client, username, password, **headers):
    return client.post(LOGIN_URL, {"username": username, "password": password, "next": "/admin/"}, **headers)


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_login_with_a_clear_message(client, axes_on):
    factories.editor(username="bianji")
    for _ in range(4):
        response = attempt_login(client, "bianji", "wrong")
        assert response.status_code == 200
        assert "请输入一个正确的" in response.content.decode()  # the admin's own wrong-password message

    locked = attempt_login(client, "bianji", "wrong")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "登录失败次数过多（5 次）" in page
    assert "请 15 分钟后再试" in page

    # Even the right password is refused while locked.
    still_locked = attempt_login(client, "bianji", "pw-casebook-1")
    assert still_locked.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_lockout_ends_after_the_cool_off(client, axes_on):
    factories.editor(username="bianji")
    for _ in range(5):
        attempt_login(client, "bianji", "wrong")
    assert attempt_login(client, "bianji", "pw-casebook-1").status_code == 429

    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16))
    response = attempt_login(client, "bianji", "pw-casebook-1")
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


@pytest.mark.django_db
def test_a_lockout_does_not_lock_other_users(client, axes_on):
    factories.editor(username="bianji")
    factories.editor(username="shenhe")
    for _ in range(5):
        attempt_login(client, "bianji", "wrong")
    assert attempt_login(client, "shenhe", "pw-casebook-1").status_code == 302


SECRET_IN_ERROR = "database password is hunter2"


def broken_view(request):
    raise RuntimeError(SECRET_IN_ERROR)


def fine_view(request):
    return HttpResponse("fine")


urlpatterns = [path("broken/", broken_view), *casebook_urls.urlpatterns]


@pytest.mark.urls("tests.test_production")
@pytest.mark.django_db
def test_a_server_error_shows_no_traceback_but_logs_one(client, caplog):
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/broken/")
    assert response.status_code == 500
    page = response.content.decode()
    assert SECRET_IN_ERROR not in page
    assert "Traceback" not in page
    assert "broken_view" not in page

    record = next(r for r in caplog.records if r.name == "django.request")
    logged = json.loads(JsonFormatter().format(record))
    assert logged["level"] == "ERROR"
    assert logged["status"] == 500
    assert logged["path"] == "/broken/"
    assert SECRET_IN_ERROR in logged["exception"]


@pytest.mark.django_db
def test_a_forged_forwarded_address_does_not_reset_the_count(client, axes_on):
    factories.editor(username="bianji")
    for n in range(5):
        attempt_login(client, "bianji", "wrong", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert attempt_login(client, "bianji", "wrong", HTTP_X_FORWARDED_FOR="203.0.113.99").status_code == 429


@pytest.mark.parametrize(
    ("store", "origin"),
    [
        ({"CASEBOOK_S3_ENDPOINT_URL": "https://s3.example.net:9000/"}, "https://s3.example.net:9000"),
        ({"CASEBOOK_MEDIA_DOMAIN": "media.example.org"}, "https://media.example.org"),
        ({}, "https://*.amazonaws.com"),
    ],
    ids=["endpoint", "cdn", "aws"],
)
def test_pictures_in_object_storage_are_allowed_by_the_content_security_policy(tmp_path, store, origin):
    probe = "from django.conf import settings as s; print(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    env = {"DJANGO_SECRET_KEY": SECRET, "DJANGO_ALLOWED_HOSTS": "casebook.example.org", "CASEBOOK_S3_BUCKET": "media"}
    result = run_with_production_settings(["-c", probe], tmp_path, **env | store)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(["'self'", "data:", origin])
