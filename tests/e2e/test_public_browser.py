"""The public pages in Debian's chromium at phone and desktop widths: no console errors, no failed
requests, images with their size reserved. Screenshots go to test-artifacts/ for a person to look at."""

from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "public"
WIDTHS = (390, 1280)
CASE = "/cases/" + quote("二道区综治中心四级联动") + "/"
PAGES = {
    "home": "/",
    "list": "/cases/?tag=" + quote("枫桥经验") + "&region=220000",
    "case": CASE,
    "en-home": "/en/",
    "en-case": "/en" + CASE,
    "theme": "/themes/fengqiao-experience/",
}

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]


@pytest.fixture
def site(live_server, settings):
    settings.ROOT_URLCONF = "tests.e2e.media_urls"
    call_command("load_demo_practices", verbosity=0)
    return live_server.url


def visit(page, url):
    """Load `url`, scroll through it so lazy images load, and return what went wrong."""
    problems = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("response", lambda r: problems.append(f"{r.status}: {r.url}") if r.status >= 400 else None)
    page.goto(url, wait_until="networkidle")
    page.evaluate(
        """async () => {
            for (let y = 0; y < document.body.scrollHeight; y += 500) {
                window.scrollTo(0, y);
                await new Promise((resolve) => setTimeout(resolve, 30));
            }
            window.scrollTo(0, 0);
        }"""
    )
    page.wait_for_load_state("networkidle")
    return problems


@pytest.mark.parametrize("width", WIDTHS)
def test_public_pages_load_cleanly_and_are_screenshotted(site, browser, width):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900})
    for name, path in PAGES.items():
        page = context.new_page()
        assert visit(page, site + path) == [], name
        # Every picture reserves its box before it loads, so the layout does not jump
        # (the lightbox's image is filled in only when it opens).
        sizes = page.eval_on_selector_all(
            "main img:not([data-lightbox-image])", "imgs => imgs.map(i => [i.width, i.height])"
        )
        assert sizes and all(w and h for w, h in sizes), name
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{name} scrolls sideways at {width}px"
        page.screenshot(path=ARTIFACTS / f"{name}-{width}.png", full_page=True)
        page.close()
    context.close()


def test_keyboard_reaches_the_skip_link_and_shows_focus(site, browser):
    page = browser.new_page()
    page.goto(site + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, getComputedStyle(document.activeElement).left]")
    assert focused[0] == "skip-link" and focused[1] != "-999px"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_a_newcomer_narrows_by_theme_tag_and_region_then_reads_a_case_in_english(site, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(site + "/")
    page.get_by_role("link", name="新时代“枫桥经验”花开满园").first.click()
    page.locator(".facet a", has_text="调解").first.click()
    page.locator(".facet a", has_text="长春市").first.click()
    assert "个案例" in page.locator(".result-count").inner_text()
    page.locator(".case-card-title a").first.click()
    assert page.locator(".figures-panel").is_visible()
    page.get_by_role("link", name="English").click()
    assert page.url.startswith(site + "/en/cases/")
    assert page.locator("html").get_attribute("lang") == "en"
