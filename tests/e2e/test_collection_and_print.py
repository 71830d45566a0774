"""The map and the charts in a browser (keyboard, phone width, axe, CSP), and every demo case printed to A4."""

import io
import re
import unicodedata

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from practices.models import Practice
from tests.e2e.conftest import ARTIFACTS, PHONE, no_horizontal_scroll, serious_accessibility_violations

# A demo case with pictures, key figures, body and sources fits on at most this many A4 pages.
MAX_PAGES = 3


@pytest.fixture
def public_site(site, settings):
    """The demo library and the region table on the live server, pictures served as a web server would."""
    settings.ROOT_URLCONF = "tests.e2e.media_urls"
    call_command("load_regions", verbosity=0)
    call_command("load_demo_practices", verbosity=0)
    return site


@pytest.mark.parametrize("path", ["/map/", "/map/220000/", "/map/220100/", "/insights/", "/en/map/", "/en/insights/"])
def test_map_and_charts_are_accessible_at_desktop_and_phone_width(public_site, new_page, csp_violations, path):
    for name, options in (("1280", {}), ("390", PHONE)):
        page = new_page(**options)
        page.goto(public_site + path)
        assert serious_accessibility_violations(page) == [], name
        assert no_horizontal_scroll(page), name
        # On a phone an overflowing page widens the layout viewport itself, so compare with the device width.
        width = options.get("viewport", {"width": 1280})["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"collection{path.replace('/', '_')}{name}.png"), full_page=True)
    assert csp_violations == []


def test_a_province_square_is_reached_and_followed_with_the_keyboard(public_site, page):
    page.goto(public_site + "/map/?theme=justice-for-the-people")
    jilin = page.locator("svg.tile-map a").first
    assert jilin.get_attribute("aria-label").startswith("吉林省：")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('svg.tile-map') !== null"):
            break
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == jilin.get_attribute("aria-label")
    page.keyboard.press("Enter")
    page.wait_for_url("**/cases/?theme=justice-for-the-people&region=220000")
    assert page.locator(".result-count").inner_text().startswith("共 ")


def squashed(text):
    """Text as chromium's PDF gives it back, comparable with the page's: compatibility forms folded (NFKC),
    no white space. Characters from the CJK Radicals Supplement (⻚ for 页) stay marked with a NUL."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\s+", "", text)
    return re.sub(r"[\u2e80-\u2eff]", "\x00", text)


def contains(pdf_text, expected):
    """Whether `expected` occurs in the PDF's text, a radical standing for the ideograph it is drawn as."""
    expected = squashed(expected)
    for start in range(len(pdf_text) - len(expected) + 1):
        window = pdf_text[start : start + len(expected)]
        if all(p == e or p == "\x00" for p, e in zip(window, expected, strict=True)):
            return True
    return False


def test_every_demo_case_prints_to_clean_a4_with_all_its_key_figures(public_site, page):
    cases = list(Practice.objects.published().prefetch_related("key_figures", "sources").order_by("pk"))
    assert len(cases) == 10
    for case in cases:
        page.goto(public_site + case.get_absolute_url())
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
        text = squashed("".join(p.extract_text() for p in pdf.pages))
        assert 1 <= len(pdf.pages) <= MAX_PAGES, (case.title, len(pdf.pages))
        width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 (210 × 297 mm) in points
        assert contains(text, case.title)
        for figure in case.key_figures.all():
            assert contains(text, figure.label), (case.title, figure.label)
            assert contains(text, figure.value_display + figure.unit), (case.title, figure.label)
            if figure.note:
                assert contains(text, figure.note), (case.title, figure.note)
        for source in case.sources.all():
            assert contains(text, source.title)
        assert contains(text, "本页地址："), case.title
        for chrome in ("跳到正文", "订阅（Atom）", "上一个案例", "相关案例"):
            assert not contains(text, chrome), (case.title, chrome)
