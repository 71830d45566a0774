"""What a reader sees on /cases/?q=…: highlighted hits, a helpful empty page, and a capped count."""

import re
from io import StringIO
from urllib.parse import quote

import pytest
from django.core.management import call_command

from practices.search import query as search
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo_practices", stdout=StringIO())


def text(response):
    return response.content.decode()


def test_search_results_highlight_the_terms_in_titles_and_snippets(client, demo):
    html = text(client.get("/cases/", {"q": "红扁担"}))
    assert "找到 1 个案例" in html
    title = re.search(r'class="case-card-title"><a [^>]+>(.*?)</a>', html).group(1)
    assert "<mark>红扁担</mark>" in title
    summary = re.search(r'class="case-card-summary">(.*?)</p>', html, re.S).group(1)
    assert "<mark>红扁担</mark>" in summary


def test_a_hostile_query_is_shown_escaped_and_never_injects_markup(client, demo):
    html = text(client.get("/cases/", {"q": "<script>alert(1)</script>"}))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_no_result_page_shows_the_query_suggests_removing_filters_and_lists_themes(client, demo):
    html = text(client.get("/cases/", {"q": "不存在的词语", "theme": "fengqiao-experience"}))
    assert "没有找到包含“不存在的词语”的公开案例" in html
    assert "试试移除上面的某个筛选条件" in html
    for slug in ("fengqiao-experience", "justice-for-the-people", "rule-of-law-for-development", "digital-empowerment"):
        assert f'href="/themes/{slug}/"' in html


def test_no_result_page_in_english(client, demo):
    html = text(client.get("/en/cases/", {"q": "不存在的词语"}))
    assert "No public case contains" in html
    assert 'href="/en/themes/fengqiao-experience/"' in html


def test_a_broad_search_counts_to_the_cap_and_leaves_facet_counts_out(client, monkeypatch):
    theme = factories.theme(slug="wide")
    for n in range(6):
        factories.practice(title=f"调解案例{n}", theme=theme)
    monkeypatch.setattr("practices.search.index.MANY_IDS", 3)  # the index now calls 6 hits "many"
    monkeypatch.setattr("practices.search.query.COUNT_CAP", 4)
    html = text(client.get("/cases/", {"q": "调解"}))
    assert "找到 4+ 个案例" in html
    assert "搜索结果超过 4 个" in html
    assert 'class="facet"' not in html
    # Pages past the cap are not offered: the visitor narrows the search instead.
    assert html.count('class="case-card ') == 4


def test_a_filter_beside_a_broad_search_lists_only_the_choice_counted_within_it(client, monkeypatch):
    """The region facet of `q=调解&region=…` would count every match of 调解 (a pass over tens of thousands
    of cases at scale); past the cap it shows the chosen region and what lies in it, exactly."""
    from practices.models import Practice

    jilin = factories.region("220000", "吉林省")
    changchun = factories.region("220100", "长春市", jilin)
    jiangsu = factories.region("320000", "江苏省")
    theme = factories.theme(slug="wide")
    for n in range(6):
        factories.practice(title=f"调解案例{n}", theme=theme, region=jiangsu, stage=Practice.Stage.PILOT)
    factories.practice(title="长春调解", theme=theme, region=changchun)
    factories.practice(title="吉林调解", theme=theme, region=jilin)
    monkeypatch.setattr("practices.search.index.MANY_IDS", 3)
    monkeypatch.setattr("practices.search.query.COUNT_CAP", 4)
    response = client.get("/cases/", {"q": "调解", "region": "220000"})
    facets = response.context["facets"]
    assert facets.total == response.context["page"].paginator.count == 2
    assert facets.narrowed == {"region"}
    assert [(r.region.code, r.count) for r in facets.region_trail] == [("220000", 2)]
    assert [(r.region.code, r.count) for r in facets.regions] == [("220100", 1)]
    assert facets.region_overview == []
    assert "江苏省" not in text(response)  # the 6 matches elsewhere are not counted, so not offered
    assert "已选的条件只列出所选的一项" in text(response)
    # Facets the visitor has not chosen count the narrow list as ever.
    assert [(t.slug, n) for t, n in facets.themes if n] == [("wide", 2)]
    english = text(client.get("/en/cases/", {"q": "调解", "region": "220000"}))
    assert "each filter you chose shows only your choice" in english


def test_a_narrow_search_keeps_exact_counts_and_facets(client, demo):
    html = text(client.get("/cases/", {"q": "调解"}))
    assert "找到 3 个案例" in html
    assert 'class="facet"' in html
    tag_page = text(client.get("/tags/" + quote("枫桥经验") + "/", {"q": "调解"}))
    assert "找到" in tag_page and "<mark>调解</mark>" in tag_page


def test_capped_paginator_uses_a_known_count():
    paginator = search.CappedPaginator([], 10, count=1234)
    assert paginator.result_count == search.ResultCount(1234, False)
