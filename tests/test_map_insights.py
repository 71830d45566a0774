"""The tile map and the insight charts count exactly what the case list shows, and nothing else."""

import csv
import io
from datetime import date, timedelta
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.utils import timezone

from practices.models import KeyFigure, Practice
from practices.public import insights, regions
from tests import factories

FILTER_SETS = [
    {},
    {"theme": "fengqiao"},
    {"tag": "调解"},
    {"tag": ["枫桥经验", "社区警务"]},
    {"year": "2023"},
    {"institution": "linjiang-court"},
    {"q": "网格"},
    {"theme": "justice", "year": "2023", "q": "法官"},
]


@pytest.fixture
def collection(library):
    """The public library plus cases in Jiangsu (one published, one draft) and one placed at Jilin itself."""
    jiangsu = factories.region("320000", "江苏省")
    nanjing = factories.region("320100", "南京市", jiangsu)
    factories.practice(title="南京网格调解", theme=library.fengqiao, region=nanjing, tags=["调解"])
    factories.practice(title="南京草稿", status=Practice.Status.DRAFT, theme=library.fengqiao, region=nanjing)
    factories.practice(title="全省法官培训", theme=library.justice, region=library.jilin, started_on=date(2023, 1, 1))
    return library


def list_count(client, params):
    response = client.get("/cases/?" + urlencode(params, doseq=True))
    assert response.status_code == 200
    return response.context["page"].paginator.count


def cells_by_code(response):
    return {cell.code: cell for cell in response.context["map"]["cells"]}


@pytest.mark.django_db
@pytest.mark.parametrize("params", FILTER_SETS)
def test_each_province_square_counts_what_its_list_link_shows(client, collection, params):
    response = client.get("/map/?" + urlencode(params, doseq=True))
    assert response.status_code == 200
    cells = cells_by_code(response)
    assert len(cells) == 34
    for code in ("220000", "320000", "110000"):
        assert cells[code].count == list_count(client, {**params, "region": code})
    assert response.context["map"]["total"] == list_count(client, params)


@pytest.mark.django_db
@pytest.mark.parametrize("params", FILTER_SETS)
def test_each_prefecture_square_counts_what_its_list_link_shows(client, collection, params):
    response = client.get("/map/220000/?" + urlencode(params, doseq=True))
    assert response.status_code == 200
    cells = cells_by_code(response)
    assert [cell.name for cell in cells.values()][:2] == ["长春市", "吉林市"]
    assert len(cells) == 9
    for code in ("220100", "220600"):
        assert cells[code].count == list_count(client, {**params, "region": code})
    in_province = list_count(client, {**params, "region": "220000"})
    assert response.context["map"]["total"] == in_province
    assert sum(c.count for c in cells.values()) + response.context["map"]["elsewhere"] == in_province


@pytest.mark.django_db
@pytest.mark.parametrize("params", FILTER_SETS)
def test_insight_counts_add_up_to_the_list(client, collection, params):
    response = client.get("/insights/?" + urlencode(params, doseq=True))
    assert response.status_code == 200
    tables = {section["id"]: section["table"] for section in response.context["sections"]}
    total = list_count(client, params)
    assert response.context["total"] == total
    assert sum(row[-1] for row in tables["theme-year"].rows) == total
    assert sum(row[1] for row in tables["institution-kind"].rows) == total
    assert sum(row[1] for row in tables["stage"].rows) == total
    for value, label in Practice.Stage.choices:
        stated = [row[1] for row in tables["stage"].rows if row[0] == label]
        assert stated == ([n] if (n := list_count(client, {**params, "stage": value})) else [])
    for _name, code, n in tables["province"].rows:
        assert n == list_count(client, {**params, "region": code})
    if "theme" not in params:
        themes = response.context["sections"][0]["table"].header[1:-1]
        for column, theme in enumerate((collection.fengqiao, collection.justice), start=1):
            assert theme.name in themes
            column_total = sum(row[column] for row in tables["theme-year"].rows)
            assert column_total == list_count(client, {**params, "theme": theme.slug})
    if params.get("year"):
        assert {row[0] for row in tables["theme-year"].rows} <= {int(params["year"])}


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{}, {"theme": "fengqiao"}, {"theme": "justice"}])
def test_insights_read_from_the_stored_counts_equal_counting_live(client, collection, params, monkeypatch):
    """Unfiltered and one-theme insights come from the FacetCount table; they must equal a live count."""
    factories.practice(
        title="明天发布", theme=collection.fengqiao, region=collection.jilin, stage=Practice.Stage.PILOT,
        started_on=date(2019, 3, 1), published_at=timezone.now() + timedelta(hours=1),
    )  # fmt: skip

    def tables():
        response = client.get("/insights/?" + urlencode(params))
        return [(section["id"], section["table"].rows) for section in response.context["sections"]]

    stored = tables()
    monkeypatch.setattr(insights, "answers", lambda case_filter: False)
    assert stored == tables()


@pytest.mark.django_db
def test_drafts_and_scheduled_cases_are_never_counted(client, collection):
    cells = cells_by_code(client.get("/map/"))
    assert cells["220000"].count == 4  # three published in the library, one placed at the province
    assert cells["320000"].count == 1  # the Jiangsu draft is left out
    prefectures = cells_by_code(client.get("/map/220000/"))
    assert prefectures["220100"].count == 2
    html = client.get("/insights/").content.decode()
    assert "2019" not in html  # only the hidden cases started in 2019
    for title in ("南京草稿", "草稿案例隐藏"):
        assert title not in html


@pytest.mark.django_db
def test_a_region_without_cases_is_shown_but_not_linked(client, collection):
    response = client.get("/map/?theme=fengqiao")
    cells = cells_by_code(response)
    assert cells["110000"].count == 0 and cells["110000"].list_url is None
    assert cells["220000"].list_url == "/cases/?theme=fengqiao&region=220000"
    html = response.content.decode()
    assert 'aria-label="吉林省：2 个案例"' in html
    assert "<title>北京市：没有案例</title>" in html
    assert 'href="/cases/?region=110000' not in html


@pytest.mark.django_db
def test_map_links_keep_the_list_parameters(client, collection):
    html = client.get("/map/?tag=调解&sort=title&page=3").content.decode()
    assert 'href="/cases/?tag=%E8%B0%83%E8%A7%A3&amp;sort=title&amp;region=220000"' in html
    assert 'href="/map/220000/?tag=%E8%B0%83%E8%A7%A3"' in html


@pytest.mark.django_db
def test_a_prefecture_page_lists_its_counties(client, collection):
    response = client.get("/map/220100/")
    assert response.status_code == 200
    cells = cells_by_code(response)
    assert cells["220105"].count == 1 and cells["220105"].list_url == "/cases/?region=220105"
    assert response.context["map"]["elsewhere"] == 1  # the case placed at Changchun itself
    assert response.context["svg"] == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "status", "notice"),
    [
        ("/map/%C2%B2/", 404, "没有找到行政区划代码"),
        ("/map/%00/", 404, "没有找到行政区划代码"),
        ("/map/999999/", 404, "没有找到行政区划代码"),
        ("/map/22010/", 404, "没有找到行政区划代码"),
        ("/map/?year=%C2%B2", 200, "年份“²”"),
        ("/map/?theme=nope", 200, "主题“nope”"),
        ("/map/220000/?tag=nope", 200, "标签“nope”"),
        ("/map/?q=%00", 400, "无法处理的字符"),
        ("/map/?region=22010%00", 400, "无法处理的字符"),
        ("/map/220000/?theme=%00", 400, "无法处理的字符"),
        ("/insights/?year=%C2%B2", 200, "年份“²”"),
        ("/insights/?institution=%00", 400, "无法处理的字符"),
        ("/insights/?region=999999", 200, "地区“999999”"),
    ],
)
def test_bad_codes_and_parameters_get_a_notice(client, collection, url, status, notice):
    response = client.get(url)
    assert response.status_code == status
    assert notice in response.content.decode()


@pytest.mark.django_db
def test_unknown_filters_count_nothing(client, collection):
    response = client.get("/map/?theme=nope")
    assert response.context["map"]["total"] == 0
    assert all(cell.list_url is None for cell in response.context["map"]["cells"])


@pytest.mark.django_db
def test_english_map_names_regions_in_english(client, collection):
    html = client.get("/en/map/").content.decode()
    assert 'aria-label="Jilin Province: 4 cases"' in html
    assert "<title>Beijing: no cases</title>" in html
    assert ">JL</text>" in html
    assert 'href="/en/cases/?region=220000"' in html


@pytest.mark.django_db
def test_insight_csv_holds_the_table_of_the_same_filter(client, collection):
    response = client.get("/insights/province.csv?theme=fengqiao")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [["省级行政区", "行政区划代码", "案例数"], ["吉林省", "220000", "2"], ["江苏省", "320000", "1"]]
    assert client.get("/insights/nope.csv").status_code == 404


@pytest.mark.django_db
def test_csv_cells_that_look_like_formulas_are_neutralised(client, collection):
    KeyFigure.objects.create(practice=collection.courts, label="=1+1", value=5, baseline_value=3)
    text = client.get("/insights/before-after.csv").content.decode("utf-8-sig")
    assert "'=1+1" in text


@pytest.mark.django_db
def test_before_after_lists_only_figures_with_a_baseline(client, collection):
    factories.key_figure(collection.courts, label="服判息诉率", value="92.68", baseline_value="86.92", unit="%")
    response = client.get("/insights/")
    table = next(s["table"] for s in response.context["sections"] if s["id"] == "before-after")
    assert [row[1:3] + row[4:5] for row in table.rows] == [["服判息诉率", "86.92", "92.68"]]


@pytest.mark.django_db
def test_list_theme_and_home_pages_link_to_the_map_and_insights(client, collection):
    html = client.get("/cases/?tag=调解&region=220105&page=2").content.decode()
    assert 'href="/map/220100/?tag=%E8%B0%83%E8%A7%A3"' in html
    assert 'href="/insights/?tag=%E8%B0%83%E8%A7%A3&amp;region=220105"' in html
    theme_html = client.get("/themes/fengqiao/").content.decode()
    assert 'href="/map/?theme=fengqiao"' in theme_html
    assert 'href="/insights/?theme=fengqiao"' in theme_html
    home = client.get("/").content.decode()
    assert 'href="/map/"' in home and 'href="/insights/"' in home


@pytest.mark.django_db
def test_map_and_insights_use_a_fixed_number_of_queries(client, collection, django_assert_max_num_queries):
    for _ in range(5):
        factories.practice(theme=collection.justice, region=collection.baishan, tags=["调解"])
    with django_assert_max_num_queries(8):
        client.get("/map/?tag=调解")
    with django_assert_max_num_queries(12):
        client.get("/insights/?tag=调解")
    with django_assert_max_num_queries(4):  # the tag, then the province counts alone
        client.get("/insights/province.csv?tag=调解")


@pytest.mark.django_db
def test_the_region_table_covers_every_province_and_names_jilins_prefectures():
    provinces = regions.provinces()
    assert len(provinces) == 34
    assert len({(t.col, t.row) for t in provinces}) == 34
    jilin = [t.name for t in regions.prefectures("220000")]
    assert jilin[0] == "长春市" and jilin[-1] == "延边朝鲜族自治州" and len(jilin) == 9
    for province in provinces:
        cells = [(t.col, t.row) for t in regions.prefectures(province.code)]
        assert len(cells) == len(set(cells)), province.name


@pytest.mark.django_db
def test_load_regions_adds_the_table_once_and_keeps_edited_names():
    factories.region("220000", "吉林省（编辑改过）")
    call_command("load_regions", verbosity=0)
    from practices.models import Region

    assert Region.objects.get(code="220000").name == "吉林省（编辑改过）"
    assert Region.objects.get(code="222400").parent_id == "220000"
    count = Region.objects.count()
    call_command("load_regions", verbosity=0)
    assert Region.objects.count() == count == 34 + sum(len(regions.prefectures(t.code)) for t in regions.provinces())
