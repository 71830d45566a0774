"""Journeys 2–5: a reviewer publishes, the public finds the case every way the site offers and reads it
in both languages; the public exports the list it sees; the same pages work at a phone's width; axe
finds nothing serious."""

import codecs
import csv
import io
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from practices.models import Practice, Theme
from tests import factories
from tests.e2e.conftest import download, no_horizontal_scroll, serious_accessibility_violations

TITLE = "东盛路社区红扁担夜巡队"
TITLE_EN = "Red Shoulder-Pole night patrol in Dongsheng community"


@pytest.fixture
def public_site(site, settings):
    """The demo library on the live server, with uploaded pictures served as a web server would."""
    settings.ROOT_URLCONF = "tests.e2e.media_urls"
    call_command("load_demo_practices", verbosity=0)
    return site


@pytest.fixture
def case_in_review(public_site):
    case = factories.practice(
        status=Practice.Status.REVIEW,
        title=TITLE,
        title_en=TITLE_EN,
        summary="民警与网格员组成夜巡队，入夜后在老旧小区巡逻并当场调解邻里矛盾。",
        summary_en="Police and grid workers patrol old compounds at night and settle neighbour disputes on the spot.",
        approach="夜巡队每晚出发两次。\n\n遇到邻里矛盾，队员当场调解。",
        theme=Theme.objects.get(slug="fengqiao-experience"),
        region=factories.region("220105"),
        tags=["枫桥经验", "调解", "网格"],
    )
    factories.practice_image(
        case,
        is_cover=True,
        image=factories.upload("night.jpg", factories.image_bytes(size=(1200, 800))),
        alt_text="夜巡队员在小区门口集合",
        caption="夜巡队出发前",
    )
    factories.key_figure(case, label="夜间调解成功率", value="97.5", unit="%", as_of=timezone.localdate())
    return case


def test_reviewer_publishes_and_the_public_finds_and_reads_the_case(
    public_site, case_in_review, new_page, logged_in_page, csp_violations
):
    visitor = new_page()
    visitor.goto(public_site + "/")  # the home page is now in the page cache, without the case
    expect(visitor.locator("main")).not_to_contain_text(TITLE)
    assert visitor.goto(f"{public_site}/cases/{quote(case_in_review.slug)}/").status == 404

    reviewer = logged_in_page(factories.reviewer())
    reviewer.goto(f"{public_site}/admin/practices/practice/?status__exact=review")
    reviewer.check(f"input[name=_selected_action][value='{case_in_review.pk}']")
    reviewer.select_option("select[name=action]", "publish")
    reviewer.click("button[name=index]")
    expect(reviewer.locator(".messagelist .success")).to_contain_text("已发布")

    # Through its theme, from the home page.
    visitor.goto(public_site + "/")
    visitor.get_by_role("link", name="新时代“枫桥经验”花开满园").first.click()
    expect(visitor.locator("main h1")).to_have_text("新时代“枫桥经验”花开满园")
    card = visitor.locator(".case-card", has_text=TITLE)
    expect(card).to_be_visible()

    # By tag: the card's tag link leads to the tag page, which lists it.
    card.get_by_role("link", name="网格", exact=True).click()
    assert visitor.url.endswith("/tags/" + quote("网格") + "/")
    expect(visitor.locator(".case-card", has_text=TITLE)).to_be_visible()

    # By search, from the home page's search box.
    visitor.goto(public_site + "/")
    visitor.fill("#home-q", "夜巡")
    visitor.keyboard.press("Enter")
    expect(visitor.locator(".result-count")).to_contain_text("1")
    visitor.locator(".case-card-title a", has_text=TITLE).click()

    # The case page: its picture has loaded, its figure is in the panel.
    expect(visitor.locator("main h1")).to_have_text(TITLE)
    picture = visitor.locator(".gallery img[alt='夜巡队员在小区门口集合']")
    expect(picture).to_be_visible()
    expect(picture).to_have_js_property("complete", True)
    assert picture.evaluate("img => img.naturalWidth") > 0
    expect(visitor.locator(".figures-panel")).to_contain_text("97.5")
    expect(visitor.locator(".figures-panel")).to_contain_text("夜间调解成功率")

    # English and back.
    visitor.get_by_role("link", name="English").click()
    expect(visitor.locator("html")).to_have_attribute("lang", "en")
    expect(visitor.locator("main h1")).to_have_text(TITLE_EN)
    assert "/en/cases/" in visitor.url
    visitor.locator(".language-switcher a[hreflang^='zh']").click()
    expect(visitor.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(visitor.locator("main h1")).to_have_text(TITLE)
    assert "/en/" not in visitor.url
    assert csp_violations == []


PHONE_PAGES = {
    "home": "/",
    "list": "/cases/",
    "theme": "/themes/fengqiao-experience/",
    "tag": "/tags/" + quote("枫桥经验") + "/",
    "case": "/cases/" + quote("二道区综治中心四级联动") + "/",
}


def test_phone_pages_do_not_scroll_sideways_and_menu_and_filters_work(public_site, phone_page):
    for name, path in PHONE_PAGES.items():
        phone_page.goto(public_site + path)
        assert no_horizontal_scroll(phone_page), f"{name} scrolls sideways at 390px"
        expect(phone_page.locator(".site-nav")).to_be_visible()

    # The menu: its links are on screen and lead where they say.
    phone_page.goto(public_site + "/")
    phone_page.locator(".site-nav").get_by_role("link", name="全部案例").click()
    expect(phone_page.locator("main h1")).to_contain_text("全部案例")

    # The filters: reachable from the top of the list, and they narrow it.
    phone_page.locator(".facets-jump").click()
    region = phone_page.locator(".facet a", has_text="白山市").first
    region.scroll_into_view_if_needed()
    expect(region).to_be_in_viewport()
    region.click()
    expect(phone_page.locator(".chips")).to_contain_text("白山市")
    expect(phone_page.locator(".result-count")).to_contain_text("4")
    assert no_horizontal_scroll(phone_page)


@pytest.mark.parametrize(
    "path", [PHONE_PAGES["home"], "/cases/?tag=" + quote("枫桥经验"), PHONE_PAGES["case"], "/en/", "/admin/login/"]
)
def test_pages_have_no_serious_accessibility_violations(public_site, page, path, csp_violations):
    page.goto(public_site + path)
    assert serious_accessibility_violations(page) == []
    assert csp_violations == []


def test_public_exports_exactly_the_filtered_list(public_site, page, tmp_path):
    page.goto(public_site + "/")
    page.get_by_role("link", name="新时代“枫桥经验”花开满园").first.click()
    page.locator(".facet a", has_text="长春市").first.click()
    expect(page.locator(".chips")).to_contain_text("长春市")
    listed = page.locator(".case-card-title a").all_inner_texts()
    assert 0 < len(listed) < Practice.objects.published().count()

    csv_file = download(page, page.locator(".export-links").get_by_role("link", name="CSV"), tmp_path)
    assert csv_file.suffix == ".csv"
    raw = csv_file.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [row["标题"] for row in rows] == listed

    xlsx_file = download(page, page.locator(".export-links").get_by_role("link", name="Excel"), tmp_path)
    sheet = load_workbook(xlsx_file, read_only=True).worksheets[0]
    values = list(sheet.values)
    title_column = values[0].index("标题")
    assert [row[title_column] for row in values[1:]] == listed
