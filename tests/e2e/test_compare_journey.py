"""Journey: a visitor picks two cases from the list and compares them, on a desktop and on a phone,
without JavaScript doing the choosing (the links carry the choice); the comparison exports as CSV."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, download, no_horizontal_scroll, serious_accessibility_violations

SCREENSHOTS = "test-artifacts"


@pytest.fixture
def public_site(site, settings):
    settings.ROOT_URLCONF = "tests.e2e.media_urls"
    call_command("load_demo_practices", verbosity=0)
    return site


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_visitor_compares_two_cases_side_by_side(public_site, new_page, viewport, csp_violations, tmp_path):
    page = new_page(**viewport)
    page.goto(public_site + "/cases/?sort=title")
    cards = page.locator(".case-card")
    first_title = cards.nth(0).locator(".case-card-title").inner_text()
    second_title = cards.nth(1).locator(".case-card-title").inner_text()

    cards.nth(0).get_by_role("link", name="加入比较").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("比较案例")
    expect(page.locator(".compare-empty")).to_contain_text(first_title)
    page.get_by_role("link", name="去挑选案例").click()
    expect(page.locator(".compare-bar")).to_contain_text("已选 1 个案例进行比较")

    page.locator(".case-card").filter(has_text=second_title).get_by_role("link", name="加入比较").click()
    table = page.locator(".compare-table")
    expect(table.locator("thead th")).to_have_count(2)
    expect(table.locator("thead")).to_contain_text(first_title)
    expect(table.locator("thead")).to_contain_text(second_title)
    expect(table).to_contain_text("背景与问题")
    expect(table).to_contain_text("层级")
    assert no_horizontal_scroll(page), "the page scrolls sideways; only the table's box may"
    assert serious_accessibility_violations(page) == []
    width = viewport["viewport"]["width"]
    page.screenshot(path=f"{SCREENSHOTS}/compare-{width}.png", full_page=True)

    saved = download(page, page.get_by_role("link", name="下载比较表（CSV）"), tmp_path)
    text = saved.read_text(encoding="utf-8-sig")
    assert first_title in text and second_title in text

    page.locator(".compare-remove").first.click()
    expect(page.locator(".compare-empty")).to_be_visible()
    assert csp_violations == []


def test_case_page_screenshot_in_both_languages(public_site, new_page):
    for viewport, name in ((DESKTOP, "1280"), (PHONE, "390")):
        page = new_page(**viewport)
        page.goto(public_site + "/cases/")
        page.locator(".case-card-title a").first.click()
        expect(page.locator(".practice-section h2").first).to_have_text("背景与问题")
        assert no_horizontal_scroll(page)
        page.screenshot(path=f"{SCREENSHOTS}/case-{name}.png", full_page=True)
        page.goto(page.url.replace(public_site, public_site + "/en"))
        expect(page.locator(".practice-section h2").first).to_have_text("Background and problem")
        page.screenshot(path=f"{SCREENSHOTS}/case-en-{name}.png", full_page=True)
