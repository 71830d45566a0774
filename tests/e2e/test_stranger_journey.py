"""A stranger's first hour: home → theme → case → search → filter → export, in Chinese and English, on a
phone and a desktop; every demo tag reachable from the list; and the README's screenshots, made here so
they stay current."""

import csv
import io
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from practices.demo.content import load
from tests import factories
from tests.e2e.conftest import DESKTOP, PHONE, download, no_horizontal_scroll, serious_accessibility_violations

DEMO = load()
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SIZES = {"390": PHONE, "1280": DESKTOP}


@pytest.fixture
def demo_site(site, settings):
    """The demo library on the live server, with uploaded pictures served as a web server would."""
    settings.ROOT_URLCONF = "tests.e2e.media_urls"
    call_command("load_demo_practices", verbosity=0)
    return site


def watch_console(page):
    """Console errors and uncaught exceptions of every page `page` shows, as texts."""
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def check_page(page, errors, where):
    assert no_horizontal_scroll(page), f"{where} scrolls sideways"
    assert serious_accessibility_violations(page) == [], where
    assert errors == [], f"{where}: {errors}"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_stranger_finds_reads_searches_filters_and_exports(demo_site, new_page, tmp_path, language, size):
    prefix = "/en" if language == "en" else ""
    page = new_page(**SIZES[size])
    errors = watch_console(page)

    page.goto(f"{demo_site}{prefix}/")
    check_page(page, errors, "home")

    theme = DEMO.themes[0]
    theme_name = theme["name_en"] if language == "en" else theme["name"]
    page.locator(".theme-card").get_by_role("link", name=theme_name, exact=True).click()
    expect(page.locator("main h1")).to_have_text(theme_name)
    check_page(page, errors, "theme")

    page.locator(".case-card-title a").first.click()
    expect(page.locator(".practice-facts dt").first).to_have_text("Started" if language == "en" else "开始时间")
    cover = page.locator(".gallery-cover img")
    expect(cover).to_have_js_property("complete", True)
    assert "no text" in cover.get_attribute("alt") if language == "en" else "没有文字" in cover.get_attribute("alt")
    # The demo cases are written in both languages: no part of them says it is Chinese only.
    expect(page.locator(".chinese-only")).to_have_count(0)
    check_page(page, errors, "case")

    page.goto(f"{demo_site}{prefix}/")
    page.fill("#home-q", "调解")
    page.keyboard.press("Enter")
    heading = page.locator("main h1")
    expect(heading).to_contain_text("Search results for “调解”" if language == "en" else "“调解”的搜索结果")
    check_page(page, errors, "search")

    tag = page.locator("#facets .facet-tags a").first
    tag_name = tag.locator(".facet-label").inner_text()
    tag.click()
    expect(heading).to_contain_text(tag_name)
    expect(page.locator(".chips")).to_contain_text(tag_name)
    check_page(page, errors, "filtered search")
    listed = page.locator(".case-card-title a").all_inner_texts()

    csv_file = download(page, page.locator(".export-links").get_by_role("link", name="CSV"), tmp_path)
    name = unquote(csv_file.name)
    assert name.startswith("Casebook-cases-" if language == "en" else "Casebook-案例-"), name
    assert tag_name.replace(" ", "_") in name
    # Sections hold paragraphs: count CSV records, not lines.
    assert len(list(csv.reader(io.StringIO(csv_file.read_text(encoding="utf-8-sig"))))) == len(listed) + 1


def test_every_demo_tag_is_reachable_from_the_list_and_english_under_en(demo_site, page):
    page.goto(f"{demo_site}/cases/")
    page.locator(".facet-more summary").click()
    offered = set(page.locator("#facets .facet-tags .facet-label").all_inner_texts())
    assert offered == {tag["name"] for tag in DEMO.tags}
    for tag in DEMO.tags:
        assert any(tag["name"] in case["tags"] for case in DEMO.cases), tag  # every listed tag is used

    page.goto(f"{demo_site}/en/cases/")
    offered = set(page.locator("#facets .facet-tags .facet-label").all_text_contents())
    assert offered == {tag["name_en"] for tag in DEMO.tags}
    expect(page.locator(".case-card .tag-list").first).not_to_contain_text("枫桥经验")


def test_screenshots_for_the_readme(demo_site, new_page, logged_in_page):
    """docs/screenshots/{home,case,admin}-{390,1280}.png: what a stranger sees first."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    case_path = "/cases/" + DEMO.cases[0]["slug"] + "/"  # one with its start date
    admin = factories.user("admin", is_superuser=True)
    for size, options in SIZES.items():
        options = options | {"device_scale_factor": 1}
        page = new_page(**options)
        for name, path in (("home", "/"), ("case", case_path)):
            page.goto(demo_site + path)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{size}.png"))
        editor = logged_in_page(admin, **options)
        editor.goto(demo_site + "/admin/")
        editor.screenshot(path=str(SCREENSHOTS / f"admin-{size}.png"))
    assert len(list(SCREENSHOTS.glob("*.png"))) >= 6


@pytest.mark.parametrize("size", SIZES)
def test_a_portrait_cover_stays_within_the_screen_height(demo_site, new_page, size):
    case = factories.practice(title="竖幅照片案例", region=factories.region("220105"))
    factories.practice_image(
        case, is_cover=True, image=factories.upload("tall.jpg", factories.image_bytes(size=(900, 1800)))
    )
    page = new_page(**SIZES[size])
    page.goto(demo_site + case.get_absolute_url())
    cover = page.locator(".gallery-cover img")
    expect(cover).to_have_js_property("complete", True)
    box = cover.bounding_box()
    viewport = page.viewport_size
    assert box["height"] <= viewport["height"] * 0.75 + 1, box
    assert box["width"] < box["height"]  # still upright, not stretched
    assert no_horizontal_scroll(page)


@pytest.mark.parametrize("size", SIZES)
def test_home_grids_fill_their_rows(demo_site, new_page, size):
    page = new_page(**SIZES[size])
    page.goto(demo_site + "/")
    for grid in page.locator(".home-section .case-grid").all():
        columns = grid.evaluate("g => getComputedStyle(g).gridTemplateColumns.split(' ').length")
        cards = grid.locator(".case-card").count()
        assert cards % columns == 0, f"{cards} cards in {columns} columns leave a gap"
