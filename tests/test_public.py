"""The public pages a visitor reads: home, themes, a case, tags, and the friendly error pages."""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def body(response):
    return response.content.decode()


def test_home_explains_casebook_and_shows_themes_with_counts_featured_and_latest(client, library):
    response = client.get("/")
    html = body(response)
    assert response.status_code == 200
    assert "基层治理与法治实践案例库" in html
    assert 'role="search"' in html and 'action="/cases/"' in html
    assert re.search(r"新时代“枫桥经验”花开满园</a></h3>\s*<p class=\"count\">2 个案例", html)
    assert [p.title for p in response.context["featured"]] == ["综治中心四级联动"]
    assert [p.title for p in response.context["latest"]] == ["红扁担服务队", "法官进网格"]
    assert 'href="/cases/?region=220000"' in html
    assert 'href="/cases/?institution=linjiang-court"' in html


def test_theme_list_shows_descriptions_and_counts(client, library):
    library.fengqiao.description = "就地化解矛盾纠纷。"
    library.fengqiao.save()
    html = body(client.get("/themes/"))
    assert "就地化解矛盾纠纷。" in html
    assert 'href="/themes/fengqiao/"' in html
    assert "2 个案例" in html and "1 个案例" in html


def test_theme_page_shows_its_description_and_only_its_cases(client, library):
    library.fengqiao.description = "就地化解矛盾纠纷。"
    library.fengqiao.save()
    response = client.get("/themes/fengqiao/", {"tag": "调解"})
    assert "就地化解矛盾纠纷。" in body(response)
    assert [p.title for p in response.context["page"].object_list] == ["综治中心四级联动"]


def test_unknown_theme_case_and_tag_paths_are_404_in_the_site_design(client, library):
    for url in ("/themes/nope/", "/cases/nope/", "/tags/nope/", "/en/cases/nope/"):
        response = client.get(url)
        assert response.status_code == 404
    html = body(client.get("/cases/nope/"))
    assert "找不到这个页面" in html and 'class="site-header"' in html


def test_500_page_renders_in_the_site_design_without_a_request():
    html = render_to_string("500.html")
    assert "服务器出错了" in html and 'class="site-header"' in html


def test_tag_page_with_a_unicode_slug(client, library):
    response = client.get("/tags/枫桥经验/")
    assert response.status_code == 200
    assert "<h1>枫桥经验</h1>" in body(response)
    assert {p.title for p in response.context["page"].object_list} == {"综治中心四级联动", "红扁担服务队"}
    assert reverse("practices:tag_detail", kwargs={"slug": "枫桥经验"}) == "/tags/%E6%9E%AB%E6%A1%A5%E7%BB%8F%E9%AA%8C/"


def test_removing_the_tag_of_a_tag_page_leads_to_the_full_list(client, library):
    response = client.get("/tags/枫桥经验/", {"region": "220000"})
    chip = next(c for c in response.context["chips"] if c.label == "标签：枫桥经验")
    assert chip.remove_url == "/cases/?region=220000"


def test_case_page_shows_everything_about_the_case(client, library):
    response = client.get(library.mediation.get_absolute_url())
    html = body(response)
    assert response.status_code == 200
    assert "<h1>综治中心四级联动</h1>" in html
    assert 'href="/themes/fengqiao/"' in html
    assert "吉林省</a> › <a" in html and "二道区</a>" in html
    assert "东盛路派出所" in html and "2023-11" in html
    assert "矛盾纠纷就地化解。" in html
    assert "<p>第一段。</p>" in html and "<p>第二段。</p>" in html
    assert "99.84" in html and "10481" in html and "10481.0000" not in html and "2023年11月以来" in html
    assert "吉林行采访活动掠影" in html and "访问于 2026-11-25" in html
    assert 'href="/tags/%E8%B0%83%E8%A7%A3/"' in html


def test_gallery_shows_the_cover_first_with_captions_credits_alt_and_dimensions(client, library):
    html = body(client.get(library.mediation.get_absolute_url()))
    gallery = html[html.index('class="gallery"') :]
    images = re.findall(r"<img [^>]+>", gallery.split("<dialog")[0])
    assert 'alt="综治中心大厅"' in images[0] and 'alt="调解室"' in images[1]
    for img in images:
        assert 'width="64" height="48"' in img and 'decoding="async"' in img
    # The cover is on the first screen and loads at once; the rest wait until scrolled to.
    assert 'loading="eager"' in images[0]
    assert all('loading="lazy"' in img for img in images[1:])
    assert "中心大厅" in gallery and "图：张倩" in gallery


def test_case_page_links_similar_cases_and_neighbours_in_its_theme(client, library):
    response = client.get(library.policing.get_absolute_url())
    assert "综治中心四级联动" in [item.practice.title for item in response.context["similar"]]
    html = body(response)
    assert f'href="{library.mediation.get_absolute_url()}" rel="next"' in html
    assert 'rel="prev"' not in html  # the oldest fengqiao case has no older neighbour


def test_neighbours_published_at_the_same_moment_follow_one_another_by_id(db):
    from django.utils import timezone

    from practices.public.related import theme_neighbours

    theme, moment = factories.theme(), timezone.now() - timezone.timedelta(days=1)
    before = factories.practice(theme=theme, published_at=moment - timezone.timedelta(hours=1))
    first, second, third = (factories.practice(theme=theme, published_at=moment) for _ in range(3))
    after = factories.practice(theme=theme, published_at=moment + timezone.timedelta(hours=1))
    factories.practice(published_at=moment)  # another theme: never a neighbour
    walk = [before, first, second, third, after]
    for older, case, newer in zip(walk, walk[1:], walk[2:], strict=False):
        neighbours = theme_neighbours(case)
        assert (neighbours.previous, neighbours.next) == (older, newer)
    assert theme_neighbours(before).previous is None and theme_neighbours(after).next is None


def test_case_page_has_description_opengraph_and_canonical(client, library):
    html = body(client.get(library.mediation.get_absolute_url()))
    url = "http://testserver" + library.mediation.get_absolute_url()
    assert f'<link rel="canonical" href="{url}">' in html
    assert '<meta name="description" content="矛盾纠纷就地化解。">' in html
    assert '<meta property="og:title" content="综治中心四级联动">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:image" content="http://testserver/media/practices/' in html
    assert 'hreflang="en" href="http://testserver/en/cases/' in html


def test_list_canonical_keeps_only_the_page_number(client):
    for _ in range(3):
        factories.practice()
    html = body(client.get("/cases/", {"page": "2", "page_size": "1", "sort": "title"}))
    assert '<link rel="canonical" href="http://testserver/cases/?page=2">' in html


def test_pages_use_no_inline_scripts_styles_or_handlers(client, library):
    for url in ("/", "/cases/", library.mediation.get_absolute_url(), "/themes/", "/cases/nope/"):
        html = body(client.get(url))
        assert "<style" not in html and " style=" not in html
        # JSON-LD is a data block browsers never run, so a strict CSP has nothing to allow for it.
        assert not re.search(r"<script(?![^>]*\b(src=|type=\"application/ld\+json\"))", html)
        assert not re.search(r"\son[a-z]+=", html)


def test_theme_colours_come_from_a_stylesheet(client, library):
    response = client.get("/themes.css")
    assert response["Content-Type"].startswith("text/css")
    assert f".theme-{library.fengqiao.pk} {{ --theme-colour: #9f2a1f; }}" in body(response)


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in body(response)
    assert "Disallow: /admin/" in body(response)


def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("/static/favicon.ico")
    assert '<link rel="icon" href="/static/favicon.svg"' in body(client.get("/cases/"))


def test_staff_preview_still_renders_the_case_template(client, library):
    client.force_login(factories.reviewer())
    response = client.get(library.hidden[0].get_preview_url())
    assert response.status_code == 200
    assert "预览：此案例状态为" in body(response)


PUBLIC_PATHS = [
    "/",
    "/en/",
    "/themes/",
    "/themes/fengqiao/",
    "/cases/",
    "/cases/?q=调解",
    "/tags/枫桥经验/",
    "/codebook/",
    "/compare/",
    "/map/",
    "/insights/",
    "/feeds/cases/",
    "/sitemap.xml",
    "/robots.txt",
    "/themes.css",
    "/favicon.ico",
]


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_pages_answer_get_and_head_only(client, library, path):
    """OPTIONS and TRACE used to answer with the whole page."""
    for method in (client.options, client.trace):
        response = method(path)
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD"
        assert b"<html" not in response.content
    assert client.head(path).status_code in (200, 301)


def test_a_case_page_answers_get_and_head_only(client, library):
    url = library.mediation.get_absolute_url()
    assert client.options(url).status_code == 405
    assert client.trace(url).status_code == 405
    assert client.head(url).status_code == 200


@pytest.mark.parametrize("path", ["/cases/%00/", "/cases/a%00b/", "/themes/%00/", "/tags/a%00b/", "/en/cases/%00/"])
def test_a_nul_in_a_path_is_not_found(client, library, path):
    """No database holds a NUL, so no page has one in its address (PostgreSQL answered a 500)."""
    response = client.get(path)
    assert response.status_code == 404
    assert "找不到这个页面" in response.content.decode() or "not found" in response.content.decode().lower()
