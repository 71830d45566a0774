"""The gallery lightbox in a real browser: opens on click and Enter, arrows move, Escape closes, focus returns.

Run on its own (not part of `make test`): .venv/bin/pytest tests/e2e/test_gallery.py
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from playwright.sync_api import expect

from tests import factories

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.urls("tests.e2e.gallery_urls")]


def photo(colour, size=(1200, 800)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_lightbox_works_with_the_keyboard(live_server, page, tmp_path):
    case = factories.practice(title="图片案例")
    factories.practice_image(case, is_cover=True, image=photo((200, 30, 30)), alt_text="红色封面", caption="封面")
    factories.practice_image(case, image=photo((30, 30, 200)), alt_text="蓝色第二张", caption="第二张", order=1)
    factories.practice_image(case, image=photo((30, 160, 30)), alt_text="绿色第三张", caption="第三张", order=2)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/gallery/{case.pk}/")

    dialog = page.locator("dialog[data-lightbox]")
    assert not dialog.is_visible()
    second = page.locator("[data-gallery-item]").nth(1)
    second.focus()
    page.keyboard.press("Enter")
    assert dialog.is_visible()
    image = page.locator("[data-lightbox-image]")
    assert image.get_attribute("alt") == "蓝色第二张"
    assert page.locator("[data-lightbox-caption]").inner_text() == "第二张 · 经授权使用"
    assert page.locator("[data-lightbox-position]").inner_text() == "2 / 3"
    # Not wait_for_function: its string predicate is eval()ed in the page, which the CSP forbids.
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("img => img.naturalWidth") > 0

    page.keyboard.press("ArrowRight")
    assert image.get_attribute("alt") == "绿色第三张"
    page.keyboard.press("ArrowRight")
    assert image.get_attribute("alt") == "红色封面"  # wraps around
    page.keyboard.press("ArrowLeft")
    assert image.get_attribute("alt") == "绿色第三张"

    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate("document.activeElement === document.querySelectorAll('[data-gallery-item]')[1]")

    page.locator("[data-gallery-item]").first.click()
    assert dialog.is_visible() and image.get_attribute("alt") == "红色封面"
    page.locator("[data-lightbox-close]").click()
    assert not dialog.is_visible()
    assert errors == []
    page.screenshot(path=tmp_path / "gallery.png", full_page=True)  # kept by pytest for a human look
    second.click()
    page.screenshot(path=tmp_path / "lightbox.png")


def test_gallery_and_open_lightbox_have_no_axe_violations(live_server, page):
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    case = factories.practice()
    factories.practice_image(case, is_cover=True, image=photo((200, 30, 30)), alt_text="红色封面", credit="张倩")
    factories.practice_image(case, image=photo((30, 30, 200)), alt_text="蓝色第二张", order=1)
    page.goto(f"{live_server.url}/gallery/{case.pk}/")
    assert axe.run(page, context="[data-gallery]").violations_count == 0
    page.locator("[data-gallery-item]").first.click()
    results = axe.run(page, context="[data-lightbox]")
    assert results.violations_count == 0, results.generate_report()
