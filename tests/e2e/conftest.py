"""Browser fixtures: a live server on a fresh database, Debian's chromium through Playwright, helpers.

Run with `make e2e` (settings casebook.settings.e2e). Screenshots of failed tests go to test-artifacts/.
"""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.test import Client
from playwright.sync_api import sync_playwright

from practices.editorial.roles import ROLES, codenames

# Playwright's sync API runs an event loop in the test thread; Django would refuse ORM calls from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = os.environ.get("CASEBOOK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}
PASSWORD = "pw-casebook-1"  # the password tests/factories.py gives every user


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures know at teardown whether it failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def roles(transactional_db):
    """The editorial groups. The data migration made them, but each live-server test flushes the tables."""
    for name, specs in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for spec in specs
            for app_label, codename in codenames(spec)
        )


@pytest.fixture
def site(live_server, roles):
    """The live server's base URL, e.g. http://localhost:41234, with the roles in place."""
    return live_server.url


@pytest.fixture
def csp_violations():
    """Content Security Policy violations reported by any page of the test, as console texts."""
    return []


@pytest.fixture
def new_page(browser, request, csp_violations):
    """Factory: new_page(**context_options) → a page in a fresh browser context (own cookies).

    Pass PHONE for a phone viewport. When the test fails, every page it opened is saved as a screenshot.
    """
    contexts = []

    def make(**options):
        context = browser.new_context(**(DESKTOP | {"locale": "zh-CN", "accept_downloads": True} | options))
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on(
            "console",
            lambda message: csp_violations.append(message.text) if "Content Security Policy" in message.text else None,
        )
        return page

    yield make
    failed = any(getattr(getattr(request.node, f"report_{when}", None), "failed", False) for when in ("setup", "call"))
    for n, context in enumerate(contexts):
        if failed:
            ARTIFACTS.mkdir(exist_ok=True)
            name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
            for m, page in enumerate(context.pages):
                page.screenshot(path=str(ARTIFACTS / f"{name}-{n}-{m}.png"), full_page=True)
        context.close()


@pytest.fixture
def page(new_page):
    """An anonymous visitor's page at a desktop size."""
    return new_page()


@pytest.fixture
def phone_page(new_page):
    """An anonymous visitor's page at a phone viewport (390×844, touch)."""
    return new_page(**PHONE)


@pytest.fixture
def logged_in_page(new_page, site):
    """Factory: logged_in_page(user, **context_options) → a page whose browser holds the user's session.

    Skips the login form (journey 1 uses it); use it to start a journey as an editor or reviewer.
    """

    def make(user, **options):
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        page = new_page(**options)
        page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site}])
        return page

    return make


def admin_login(page, site, username, password=PASSWORD):
    """Log in through the admin's login form, as a person would."""
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(f"{site}/admin/")


def download(page, click, tmp_path):
    """Click what starts a download (a selector or locator) and return the saved file's path."""
    with page.expect_download() as info:
        page.locator(click).click() if isinstance(click, str) else click.click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target


def serious_accessibility_violations(page):
    """axe-core's serious and critical violations on the page, as 'rule: help (n elements)' lines."""
    violations = Axe().run(page).response["violations"]
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} elements: {[n['target'] for n in v['nodes'][:3]]})"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def no_horizontal_scroll(page):
    """True when nothing sticks out sideways at the page's viewport width.

    Compared with the viewport as set, not window.innerWidth: on a mobile viewport a too-wide page widens
    innerWidth along with itself, so that comparison always passes."""
    page.wait_for_load_state("load")  # stylesheets applied: before, a long unbroken line may still stick out
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
