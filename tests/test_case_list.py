"""The /cases/ list: every query parameter, facets, chips and links that keep the other parameters."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from practices.public.facets import count_facets
from practices.public.filters import CaseFilter
from tests import factories

pytestmark = pytest.mark.django_db
URL = reverse("practices:practice_list")


def titles(response):
    return [p.title for p in response.context["page"].object_list]


def hrefs(response):
    return [unescape(h) for h in re.findall(r'href="([^"]+)"', response.content.decode())]


def test_lists_every_published_case_newest_first_with_the_count(client, library):
    response = client.get(URL)
    assert response.status_code == 200
    assert titles(response) == ["综治中心四级联动", "红扁担服务队", "法官进网格"]
    assert "共 3 个案例" in response.content.decode()


def test_theme_parameter_narrows_by_slug(client, library):
    assert titles(client.get(URL, {"theme": "justice"})) == ["法官进网格"]


def test_tags_are_anded(client, library):
    assert set(titles(client.get(URL, {"tag": ["枫桥经验"]}))) == {"综治中心四级联动", "红扁担服务队"}
    assert titles(client.get(URL, {"tag": ["枫桥经验", "调解"]})) == ["综治中心四级联动"]


def test_region_includes_sub_regions(client, library):
    assert set(titles(client.get(URL, {"region": "220100"}))) == {"综治中心四级联动", "红扁担服务队"}
    assert len(titles(client.get(URL, {"region": "220000"}))) == 3
    assert titles(client.get(URL, {"region": "220105"})) == ["综治中心四级联动"]


def test_institution_and_year(client, library):
    assert titles(client.get(URL, {"institution": "linjiang-court"})) == ["法官进网格"]
    assert set(titles(client.get(URL, {"year": "2023"}))) == {"综治中心四级联动", "法官进网格"}


def test_q_goes_through_the_search_entry_point(client, library):
    assert titles(client.get(URL, {"q": "网格"})) == ["法官进网格"]
    assert titles(client.get(URL, {"q": "枫桥经验 红扁担"})) == ["红扁担服务队"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("newest", ["综治中心四级联动", "红扁担服务队", "法官进网格"]),
        ("oldest", ["法官进网格", "红扁担服务队", "综治中心四级联动"]),
        ("nonsense", ["综治中心四级联动", "红扁担服务队", "法官进网格"]),
    ],
)
def test_sort(client, library, sort, expected):
    response = client.get(URL, {"sort": sort})
    assert response.status_code == 200
    assert titles(response) == expected


def test_sort_by_title_and_updated(client, library):
    assert titles(client.get(URL, {"sort": "title"})) == sorted(titles(client.get(URL)))
    library.courts.save()
    assert titles(client.get(URL, {"sort": "updated"}))[0] == "法官进网格"


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5", "", "١", "1e3", "-" + "9" * 5000])
def test_any_page_that_is_not_a_positive_integer_gives_the_first_page(client, page):
    for _ in range(5):
        factories.practice()
    response = client.get(URL, {"page": page, "page_size": "2"})
    assert response.status_code == 200
    assert response.context["page"].number == 1


@pytest.mark.parametrize("page", ["9", "99999999999999999999", "9" * 5000])
def test_page_beyond_the_end_gives_the_last_page(client, page):
    for _ in range(5):
        factories.practice()
    response = client.get(URL, {"page": page, "page_size": "2"})
    assert response.status_code == 200
    assert response.context["page"].number == 3
    assert len(response.context["page"].object_list) == 1


@pytest.mark.parametrize(
    ("size", "expected"),
    [("0", 1), ("-5", 1), ("1000", 100), ("9" * 5000, 100), ("abc", 20), ("2.5", 20), ("", 20), ("7", 7)],
)
def test_page_size_is_clamped(client, size, expected):
    factories.practice()
    assert client.get(URL, {"page_size": size}).context["page"].paginator.per_page == expected


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"theme": "no-such-theme"}, "主题“no-such-theme”"),
        ({"tag": "没有这个标签"}, "标签“没有这个标签”"),
        ({"region": "999999"}, "地区“999999”"),
        ({"region": "22"}, "地区“22”"),
        ({"institution": "nobody"}, "机构“nobody”"),
        ({"year": "last year"}, "年份“last year”"),
    ],
)
def test_unknown_values_give_an_empty_result_and_say_which(client, library, params, message):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert titles(response) == []
    body = response.content.decode()
    assert "没有找到这些筛选条件" in body
    assert message in body


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("q=%00", "搜索词“\ufffd”"),
        ("q=调解%00", "搜索词“调解\ufffd”"),
        ("theme=%00", "主题“\ufffd”"),
        ("theme=fengqiao%00", "主题“fengqiao\ufffd”"),
        ("tag=%00", "标签“\ufffd”"),
        ("tag=枫桥经验&tag=a%00b", "标签“a\ufffdb”"),
        ("institution=%00", "机构“\ufffd”"),
        ("region=22010%00", "地区“22010\ufffd”"),
        ("year=2023%00", "年份“2023\ufffd”"),
    ],
)
def test_text_no_database_can_hold_is_not_found_like_any_unknown_value(client, library, query, message):
    """PostgreSQL refuses NUL in text: such a value must never reach it (it was a 500 there)."""
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert titles(response) == []
    body = response.content.decode()
    assert "没有找到这些筛选条件" in body
    assert message in body


@pytest.mark.parametrize(
    "year", ["²⁰²³", "２０２３", "①", "²", "٢٠٢٣", "0" * 5000 + "2023", "+2023", "2023.0", "1899", "2201"]
)
def test_a_year_is_four_ascii_digits_in_a_sane_range(client, library, year):
    """`"²".isdigit()` is true but `int("²")` raises: such a year was a 500 on every list and export."""
    response = client.get(URL, {"year": year})
    assert response.status_code == 200
    assert titles(response) == []
    assert f"年份“{year[:50]}”" in response.content.decode()
    assert client.get(URL, {"year": "2023"}).context["page"].object_list


def test_very_long_q_is_cut_not_crashed_on_and_the_visitor_is_told(client, library):
    response = client.get(URL, {"q": "调解" * 5000})
    assert response.status_code == 200
    assert len(response.context["filter"].q) == 100
    assert "搜索词太长，只用了前 100 个字符。" in response.content.decode()


def test_more_than_ten_tags_are_cut_and_the_visitor_is_told(client, library):
    response = client.get(URL, {"tag": ["枫桥经验"] + [f"t{i}" for i in range(12)]})
    assert response.status_code == 200
    assert "最多同时按 10 个标签筛选，只用了前 10 个。" in response.content.decode()


def test_facet_counts_say_what_each_choice_gives(library):
    facets = count_facets(CaseFilter.from_params(_params(theme="fengqiao")))
    assert facets.total == 2
    # Choosing another theme replaces this one, so each theme shows its own count.
    assert [(t.slug, n) for t, n in facets.themes] == [("fengqiao", 2), ("justice", 1)]
    # A lone province opens straight onto its cities.
    assert [(rc.region.code, rc.count, rc.depth) for rc in facets.regions] == [("220000", 2, 0), ("220100", 2, 1)]
    assert [(i.slug, n) for i, n in facets.institutions] == [("dongshenglu-police", 2)]
    assert facets.years == [(2024, 1), (2023, 1)]
    # Tags AND: adding 调解 to this list leaves one case; 枫桥经验 is on both.
    assert {t.name: n for t, n in facets.tags} == {"枫桥经验": 2, "调解": 1, "社区警务": 1}


def test_region_facet_drills_down_and_keeps_the_trail(library):
    facets = count_facets(CaseFilter.from_params(_params(region="220100")))
    assert [(rc.region.code, rc.count) for rc in facets.region_trail] == [("220000", 3), ("220100", 2)]
    assert [(rc.region.code, rc.count) for rc in facets.regions] == [("220105", 1)]


def test_chosen_tags_leave_the_tag_facet(library):
    facets = count_facets(CaseFilter.from_params(_params(tag=["枫桥经验"])))
    assert {t.name for t, _ in facets.tags} == {"调解", "社区警务"}


def test_facets_show_beside_the_list_with_links_that_keep_other_parameters(client, library):
    response = client.get(URL, {"q": "社区", "sort": "title", "page_size": "5", "page": "1", "tag": "枫桥经验"})
    body = response.content.decode()
    assert 'class="facets"' in body
    links = hrefs(response)
    theme_link = next(h for h in links if "theme=fengqiao" in h)
    for kept in ("q=%E7%A4%BE%E5%8C%BA", "sort=title", "page_size=5", "tag=%E6%9E%AB%E6%A1%A5"):
        assert kept in theme_link
    assert "page=" not in theme_link.replace("page_size", "")


def test_active_filters_are_removable_chips(client, library):
    response = client.get(URL, {"tag": ["枫桥经验", "调解"], "region": "220000", "sort": "oldest"})
    chips = {c.label: c.remove_url for c in response.context["chips"]}
    assert set(chips) == {"标签：枫桥经验", "标签：调解", "地区：吉林省"}
    removed = client.get(chips["标签：调解"])
    assert set(titles(removed)) == {"综治中心四级联动", "红扁担服务队"}
    assert removed.context["filter"].sort == "oldest"
    assert "移除筛选条件 标签：调解" in response.content.decode()


def test_pagination_links_keep_the_filters(client):
    theme = factories.theme(slug="paged")
    for _ in range(5):
        factories.practice(theme=theme)
    response = client.get(URL, {"theme": "paged", "page_size": "2"})
    next_link = next(h for h in hrefs(response) if "page=2" in h and "page_size" in h)
    assert next_link.startswith("?") and "theme=paged" in next_link
    assert client.get(URL + next_link).context["page"].number == 2


def test_export_slot_is_in_the_toolbar(client, library):
    assert 'id="list-export"' in client.get(URL).content.decode()


def _params(**values):
    from django.http import QueryDict

    q = QueryDict(mutable=True)
    for key, value in values.items():
        q.setlist(key, value if isinstance(value, list) else [value])
    return q


def heading(response):
    return unescape(re.search(r"<h1>(.*?)</h1>", response.content.decode(), re.S).group(1))


def test_the_heading_names_the_search_and_the_filters_with_the_count(client, library):
    assert re.sub(r"<[^>]+>", "", heading(client.get(URL))) == "全部案例 · 3 个案例"
    searched = re.sub(r"<[^>]+>", "", heading(client.get(URL, {"q": "调解"})))
    assert searched.startswith("“调解”的搜索结果") and searched.endswith("个案例")
    filtered = re.sub(r"<[^>]+>", "", heading(client.get(URL, {"tag": "枫桥经验", "region": "220000"})))
    assert filtered == "标签：枫桥经验 · 吉林省 · 2 个案例"
    response = client.get(URL, {"tag": "枫桥经验", "region": "220000"})
    assert "<title>标签：枫桥经验 · 吉林省 · Casebook</title>" in unescape(response.content.decode())
    theme_page = client.get(library.fengqiao.get_absolute_url(), {"q": "调解"}).content.decode()
    assert '<p class="list-summary">“调解”的搜索结果</p>' in unescape(theme_page)


def test_every_tag_of_a_published_case_can_be_reached_from_the_list(client, library):
    names = [f"标签{n:02d}" for n in range(35)]
    factories.practice(tags=names[:18], theme=library.fengqiao, region=library.erdao)
    factories.practice(tags=names[18:], theme=library.fengqiao, region=library.erdao)
    html = unescape(client.get(URL).content.decode())
    for name in [*names, "枫桥经验", "调解", "社区警务"]:
        assert f'<span class="facet-label">{name}</span>' in html, name
    more = html.split('<details class="facet-more">', 1)[1]
    assert "更多标签（18 个）" in more  # 38 tags: the commonest 20, then the others behind 更多标签
    assert '<span class="facet-label">枫桥经验</span>' not in more


def test_an_empty_list_offers_no_filters_and_no_exports_of_nothing(client, library):
    html = client.get(URL, {"q": "没有这个词"}).content.decode()
    assert 'class="facets"' not in html and "导出全部结果" not in html and 'href="#facets"' not in html
    assert "按主题浏览" in html  # the way back in
    full = client.get(URL).content.decode()
    assert 'class="facets"' in full and "导出全部结果" in full


def test_an_over_long_query_is_carried_as_trimmed_in_chips_and_links(client, library):
    long_query = "调解 " * 2000  # every term matches, so the list has pages and facets to link
    response = client.get(URL, {"q": long_query, "sort": "title", "page_size": "1"})
    html = unescape(response.content.decode())
    trimmed = long_query[:100].strip()
    assert 'rel="next"' in html  # the pagination links too
    assert f"搜索：{trimmed} " in html and f"搜索：{trimmed}解" not in html
    carried = [parse_qs(urlsplit(href).query)["q"] for href in hrefs(response) if "q=" in href]
    assert carried and all(q == [trimmed] for q in carried)
    assert len(response.content) < 120_000
