import csv
import datetime
import io
import json
from urllib.parse import unquote

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.http import QueryDict
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from practices.exports.columns import COLUMN_KEYS, COLUMNS
from practices.models import Institution, Practice
from practices.public.filters import CaseFilter
from tests import factories

pytestmark = pytest.mark.django_db

CSV_URL = "/cases/export.csv"
XLSX_URL = "/cases/export.xlsx"
JSON_URL = "/cases/export.json"
FORMULA = '=HYPERLINK("http://evil.example/","点我")'


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response):
    data = body(response)
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM first, so Excel reads Chinese"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def csv_dicts(response):
    header, *rows = csv_rows(response)
    return [dict(zip(header, row, strict=True)) for row in rows]


def json_data(response):
    return json.loads(body(response))


def workbook(response):
    return openpyxl.load_workbook(io.BytesIO(body(response)))


def filtered_ids(query):
    return list(CaseFilter.from_params(QueryDict(query)).queryset().values_list("id", flat=True))


@pytest.fixture
def library():
    """Published cases across two themes, a parent and a child region, tags and an institution, plus a draft."""
    jilin = factories.region("220000", "吉林省")
    changchun = factories.region("220100", "长春市", parent=jilin)
    erdao = factories.region("220105", "二道区", parent=changchun)
    other = factories.region("320000", "江苏省")
    court = factories.institution(name="二道区人民法院", slug="erdao-court", kind=Institution.Kind.COURT, region=erdao)
    safety = factories.theme(name="平安建设", slug="safety")
    justice = factories.theme(name="司法为民", slug="justice")
    now = timezone.now()
    full = factories.practice(
        title="巡回法庭进社区",
        title_en="Circuit court in the community",
        summary="法官带着国徽下乡，就地开庭、就地调解。",
        theme=justice,
        region=erdao,
        institution=court,
        tags=["枫桥经验", "调解"],
        started_on=datetime.date(2023, 11, 1),
        started_precision=Practice.Precision.MONTH,
        published_at=now - datetime.timedelta(hours=1),
    )
    factories.key_figure(full, label="办结率", value="99.84", unit="%", as_of=datetime.date(2024, 8, 30))
    factories.key_figure(full, label="调解案件", value="14456", unit="件", order=1)
    factories.source(full, title="吉林行采访活动掠影", publisher="法治日报", url="https://example.com/a")
    factories.practice_image(full, is_cover=True)
    return {
        "full": full,
        "grid": factories.practice(
            title="网格员走访",
            theme=safety,
            region=changchun,
            tags=["网格"],
            started_on=datetime.date(2021, 3, 5),
            published_at=now - datetime.timedelta(hours=2),
        ),
        "police": factories.practice(
            title="社区警务调解室",
            theme=safety,
            region=jilin,
            tags=["调解"],
            started_on=datetime.date(2023, 1, 1),
            published_at=now - datetime.timedelta(hours=3),
        ),
        "elsewhere": factories.practice(
            title="苏州诉前调解",
            theme=justice,
            region=other,
            started_on=datetime.date(2019, 6, 1),
            published_at=now - datetime.timedelta(hours=4),
        ),
        "draft": factories.practice(
            status=Practice.Status.DRAFT, title="尚未发布的草稿调解", theme=safety, region=erdao, tags=["调解"]
        ),
        "review": factories.practice(status=Practice.Status.REVIEW, title="待审核的调解", theme=safety, region=erdao),
        "scheduled": factories.practice(
            title="定时发布的调解", theme=safety, region=erdao, published_at=now + datetime.timedelta(days=1)
        ),
    }


# Round trips: every format parses back to exactly the filtered list.


def test_csv_round_trip_holds_every_column_of_the_filtered_list(client, library):
    rows = csv_dicts(client.get(CSV_URL))
    assert [int(r["编号"]) for r in rows] == filtered_ids("")
    row = next(r for r in rows if r["标题"] == "巡回法庭进社区")
    assert row == {
        "编号": str(library["full"].pk),
        "标题": "巡回法庭进社区",
        "英文标题": "Circuit court in the community",
        "主题": "司法为民",
        "地区": "二道区",
        "行政区划代码": "220105",
        "实施机构": "二道区人民法院",
        "机构类型": "法院",
        "标签": "枫桥经验；调解",
        "开始时间": "2023-11-01",
        "开始时间精度": "month",
        "发布时间": timezone.localtime(library["full"].published_at).isoformat(timespec="seconds"),
        "摘要": "法官带着国徽下乡，就地开庭、就地调解。",
        "层级": "县级",
        "阶段": "",
        "完整度": "45",
        "背景与问题": "问题所在。",
        "背景与问题（英文）": "",
        "主要做法": "第一段。\n\n第二段。",
        "主要做法（英文）": "",
        **{
            header: ""
            for section in ("成效", "经验启示", "推广情况", "困难与不足")
            for header in (section, f"{section}（英文）")
        },
        "关键数据": "办结率：99.84%（截至2024-08-30）；调解案件：14456件",
        "来源": "吉林行采访活动掠影，法治日报，张倩，https://example.com/a",
        "网址": "http://testserver" + library["full"].get_absolute_url(),
        "封面图片网址": "http://testserver" + library["full"].images.get().image.url,
        "公开编号": library["full"].public_id,
    }
    assert row["发布时间"].endswith("+08:00")


def test_json_round_trip_has_count_filters_and_snake_case_results(client, library):
    data = json_data(client.get(JSON_URL, {"theme": "justice", "sort": "title"}))
    assert data["count"] == 2
    assert data["filters"] == {
        "q": "",
        "theme": "justice",
        "tag": [],
        "region": None,
        "institution": None,
        "year": None,
        "stage": None,
        "level": None,
        "sort": "title",
        "not_found": [],
    }
    assert [r["id"] for r in data["results"]] == filtered_ids("theme=justice&sort=title")
    full = next(r for r in data["results"] if r["id"] == library["full"].pk)
    assert list(full) == COLUMN_KEYS
    assert full["tags"] == ["枫桥经验", "调解"]
    assert full["key_figures"] == ["办结率：99.84%（截至2024-08-30）", "调解案件：14456件"]
    assert full["region_code"] == "220105" and full["started_on"] == "2023-11-01"
    elsewhere = next(r for r in data["results"] if r["id"] == library["elsewhere"].pk)
    assert elsewhere["institution"] == "" and elsewhere["cover_image_url"] == ""


def test_xlsx_round_trip_with_typed_cells_links_and_codebook_sheet(client, library):
    response = client.get(XLSX_URL, {"tag": "调解"})
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = workbook(response)
    sheet = book.active
    assert book.sheetnames == ["案例", "字段说明"] and sheet.title == "案例"
    assert sheet.freeze_panes == "A2"
    header, *rows = list(sheet.iter_rows())
    assert [c.value for c in header] == [c.zh for c in COLUMNS]
    assert [r[0].value for r in rows] == filtered_ids("tag=调解")
    full = next(r for r in rows if r[0].value == library["full"].pk)
    by_key = dict(zip(COLUMN_KEYS, full, strict=True))
    assert by_key["id"].data_type == "n"
    assert by_key["started_on"].is_date and by_key["started_on"].value.date() == datetime.date(2023, 11, 1)
    assert by_key["published_at"].is_date
    assert by_key["tags"].value == "枫桥经验；调解"
    assert by_key["url"].hyperlink.target == "http://testserver" + library["full"].get_absolute_url()
    assert by_key["url"].style == "Hyperlink" and by_key["url"].font.u == "single"  # looks like a link
    assert by_key["cover_image_url"].hyperlink.target.startswith("http://testserver/media/practices/")
    # The summary column is wide: Excel shows 60 characters (the stored width adds the cell padding).
    assert 60 <= sheet.column_dimensions["M"].width < 61
    codebook = [[c.value for c in row] for row in book["字段说明"].iter_rows()]
    assert [row[0] for row in codebook[1 : len(COLUMNS) + 1]] == COLUMN_KEYS
    assert ["tag", "调解"] in [row[:2] for row in codebook]
    assert ["案例数", "2"] in [row[:2] for row in codebook]


# Filter parity: the export holds what /cases/ lists for each parameter.


@pytest.mark.parametrize(
    "query",
    [
        "",
        "q=调解",
        "q=巡回 国徽",
        "theme=safety",
        "tag=调解",
        "tag=调解&tag=枫桥经验",
        "region=220000",
        "region=220100",
        "institution=erdao-court",
        "year=2023",
        "sort=title",
        "sort=oldest",
        "sort=updated",
        "theme=justice&tag=调解&region=220000&year=2023",
    ],
)
def test_every_export_holds_the_filtered_list(client, library, query):
    expected = filtered_ids(query)
    params = QueryDict(query)
    assert [int(r["编号"]) for r in csv_dicts(client.get(CSV_URL, params))] == expected
    assert [r["id"] for r in json_data(client.get(JSON_URL, params))["results"]] == expected
    assert [r[0] for r in workbook(client.get(XLSX_URL, params)).active.iter_rows(min_row=2, values_only=True)] == (
        expected
    )


def test_region_filter_includes_sub_regions(client, library):
    ids = {r["id"] for r in json_data(client.get(JSON_URL, {"region": "220000"}))["results"]}
    assert ids == {library["full"].pk, library["grid"].pk, library["police"].pk}


def test_drafts_review_and_scheduled_cases_never_appear(client, library):
    hidden = {library["draft"].pk, library["review"].pk, library["scheduled"].pk}
    for query in ({}, {"q": "调解"}, {"tag": "调解"}, {"theme": "safety"}):
        assert not hidden & {int(r["编号"]) for r in csv_dicts(client.get(CSV_URL, query))}
        data = json_data(client.get(JSON_URL, query))
        assert not hidden & {r["id"] for r in data["results"]}
        assert data["count"] == len(data["results"])
        assert not hidden & {r[0] for r in workbook(client.get(XLSX_URL, query)).active.iter_rows(values_only=True)}
    codebook = client.get(reverse("practices:codebook")).content.decode()
    assert "草稿" not in codebook and "定时发布" not in codebook and "巡回法庭进社区" in codebook


# Formula injection.


def test_formulas_are_neutralised_in_csv_and_stored_as_text_in_xlsx(client):
    case = factories.practice(title=FORMULA, title_en="+SUM(1,2)", summary="-2+3", tags=["@cmd"])
    factories.source(case, title="\tTabbed", author="")
    row = csv_dicts(client.get(CSV_URL))[0]
    assert row["标题"] == "'" + FORMULA
    assert row["英文标题"] == "'+SUM(1,2)"
    assert row["摘要"] == "'-2+3"
    assert row["标签"] == "'@cmd"
    assert row["来源"] == "'\tTabbed"
    assert row["编号"] == str(case.pk)  # numbers are not prefixed

    book = workbook(client.get(XLSX_URL, {"q": "=HYPERLINK"}))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"], "no formula cell anywhere"
    header, row = list(book.active.iter_rows())
    by_header = {h.value: c for h, c in zip(header, row, strict=True)}
    for name, text in (("标题", FORMULA), ("英文标题", "+SUM(1,2)"), ("摘要", "-2+3"), ("标签", "@cmd")):
        assert (by_header[name].value, by_header[name].data_type) == (text, "s")
    assert "=HYPERLINK" in [c.value for c in book["字段说明"]["B"]]  # the filter is shown, as text


@pytest.mark.parametrize(
    "text",
    [" =1+1", "\n=1+1", "\r\n@SUM(1)", "\u3000+cmd", "\xa0-2+3", "＝HYPERLINK(1)", "＋1", "－1", "＠SUM(1)", "﹦1"],
)
def test_formulas_behind_spaces_line_breaks_or_in_full_width_are_neutralised(client, text):
    factories.practice(title=text, summary=f"  {text}")
    row = csv_dicts(client.get(CSV_URL))[0]
    assert (row["标题"], row["摘要"]) == ("'" + text, "'  " + text)
    cells = list(workbook(client.get(XLSX_URL)).active.iter_rows(min_row=2))[0]
    assert cells[1].data_type == "s", "XLSX keeps it as a string cell, never a formula"
    assert cells[1].value.endswith(text.lstrip())


def test_ordinary_text_is_not_prefixed(client):
    factories.practice(title="  调解室 = 会客厅", summary="2024年 -5%")
    row = csv_dicts(client.get(CSV_URL))[0]
    assert (row["标题"], row["摘要"]) == ("  调解室 = 会客厅", "2024年 -5%")


def test_text_that_looks_like_an_excel_error_or_number_stays_text_in_xlsx(client):
    factories.practice(title="#N/A", title_en="0012", summary="#DIV/0!")
    cells = list(workbook(client.get(XLSX_URL)).active.iter_rows(min_row=2))[0]
    assert [(c.value, c.data_type) for c in cells[1:3]] == [("#N/A", "s"), ("0012", "s")]
    assert (cells[12].value, cells[12].data_type) == ("#DIV/0!", "s")


# Responses.


def test_csv_and_json_stream_with_meaningful_chinese_file_names(client, library):
    theme = library["full"].theme
    for url, content_type in ((CSV_URL, "text/csv; charset=utf-8"), (JSON_URL, "application/json; charset=utf-8")):
        response = client.get(url, {"theme": theme.slug, "tag": "调解"})
        assert response.streaming
        assert response["Content-Type"] == content_type
        disposition = response["Content-Disposition"]
        assert disposition.startswith('attachment; filename="Casebook-')
        utf8_name = unquote(disposition.split("filename*=UTF-8''")[1])
        today = timezone.localdate().isoformat()
        assert utf8_name == f"Casebook-案例-司法为民-调解-{today}.{url.rsplit('.', 1)[1]}"


def test_csv_uses_crlf_and_quotes_commas_quotes_and_line_breaks(client):
    factories.practice(title='他说"你好", 然后', summary="第一行\n第二行")
    raw = body(client.get(CSV_URL)).decode("utf-8-sig")
    assert raw.split("\r\n")[0].startswith("编号,标题")
    assert '"他说""你好"", 然后"' in raw
    assert '"第一行\n第二行"' in raw


def test_english_headers_under_en(client, library):
    header = csv_rows(client.get("/en" + CSV_URL))[0]
    assert header == [c.en for c in COLUMNS]
    assert workbook(client.get("/en" + XLSX_URL)).active["A1"].value == "ID"
    assert "/en/cases/" in csv_dicts(client.get("/en" + CSV_URL))[0]["URL"]


@pytest.mark.parametrize(
    "query", ["theme=nope", "tag=nope", "region=99", "region=999999", "institution=nope", "year=abc", "year=99999"]
)
def test_unknown_values_give_an_empty_export_that_says_why(client, library, query):
    assert csv_rows(client.get(CSV_URL, QueryDict(query)))[1:] == []
    data = json_data(client.get(JSON_URL, QueryDict(query)))
    assert data["count"] == 0 and data["results"] == []
    assert data["filters"]["not_found"], "the JSON names the value that was not found"
    response = client.get(XLSX_URL, QueryDict(query))
    assert response.status_code == 200
    assert any(row[0] == "未找到" for row in workbook(response)["字段说明"].iter_rows(values_only=True))


@pytest.mark.parametrize("query", ["sort=bogus", "page=abc", "q=" + "长" * 500, "tag=", "theme="])
def test_odd_parameters_are_tolerated(client, library, query):
    for url in (CSV_URL, JSON_URL, XLSX_URL):
        assert client.get(url, QueryDict(query)).status_code == 200


def test_too_many_rows_for_excel_is_a_400_that_offers_csv(client, library, settings):
    settings.CASEBOOK_EXPORT_XLSX_MAX_ROWS = 2
    response = client.get(XLSX_URL, {"region": "220000"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "这次筛选共有 3 个案例，超过了每个 Excel 文件 2 行的上限。" in html
    assert 'href="/cases/export.csv?region=220000"' in html
    assert client.get(XLSX_URL, {"theme": "justice"}).status_code == 200


def test_queries_are_batched_not_one_per_row(client, django_assert_max_num_queries):
    theme, region = factories.theme(), factories.region()
    for n in range(60):
        case = factories.practice(theme=theme, region=region, tags=["调解", f"t{n % 3}"])
        factories.key_figure(case)
        factories.source(case)
        factories.practice_image(case, is_cover=True)
    for url in (CSV_URL, JSON_URL, XLSX_URL):
        with django_assert_max_num_queries(8):
            rows = body(client.get(url))
        assert rows


# The "Export" control and the codebook.


def render_export_links(query="", **context):
    request = RequestFactory().get("/cases/", QueryDict(query))
    template = Template('{% include "practices/includes/export_links.html" %}')
    return template.render(Context({"request": request, **context}))


def test_export_links_keep_the_query_but_not_the_page():
    html = render_export_links("q=调解&tag=网格&sort=title&page=3&page_size=50")
    assert 'href="/cases/export.csv?q=%E8%B0%83%E8%A7%A3&amp;tag=%E7%BD%91%E6%A0%BC&amp;sort=title"' in html
    assert 'href="/cases/export.xlsx?' in html and 'href="/cases/export.json?' in html
    assert "page=" not in html
    assert 'href="/codebook/"' in html


def test_export_links_on_theme_and_tag_pages_carry_the_theme_or_tag():
    theme = factories.theme(slug="safety")
    case = factories.practice(theme=theme, tags=["枫桥经验"])
    tag = case.tags.get()
    on_theme = render_export_links("sort=title", export_theme=theme)
    assert 'href="/cases/export.csv?sort=title&amp;theme=safety"' in on_theme
    on_tag = render_export_links("", export_tag=tag)
    assert f'href="/cases/export.csv?tag={tag.slug}"' in unquote(on_tag)


def test_codebook_documents_every_column_in_both_languages(client, library):
    html = client.get(reverse("practices:codebook")).content.decode()
    for column in COLUMNS:
        assert f"<code>{column.key}</code>" in html
        assert column.zh in html and column.en in html
    english = client.get("/en/codebook/").content.decode()
    assert "Six-digit GB/T 2260 division code" in english


# The admin "export selected" actions.


def test_admin_export_selected_leaves_out_drafts_and_says_so(client, library):
    client.force_login(factories.editor())
    changelist = reverse("admin:practices_practice_changelist")
    selected = [library["full"].pk, library["draft"].pk]
    response = client.post(changelist, {"action": "export_selected_csv", "_selected_action": selected})
    assert response.streaming
    assert [int(r["编号"]) for r in csv_dicts(response)] == [library["full"].pk]
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "1 个所选案例尚未发布，未导出：导出只包含已发布的案例。"
    ]


def test_admin_export_respects_the_changelist_filter(client, library):
    client.force_login(factories.reviewer())
    theme = library["grid"].theme
    changelist = reverse("admin:practices_practice_changelist") + f"?theme__id__exact={theme.pk}"
    response = client.post(
        changelist, {"action": "export_selected_xlsx", "select_across": "1", "_selected_action": [library["grid"].pk]}
    )
    ids = {r[0] for r in workbook(response).active.iter_rows(min_row=2, values_only=True)}
    assert ids == {library["grid"].pk, library["police"].pk}


def test_a_streamed_export_keeps_the_request_language_while_it_is_read(client, library):
    response = client.get("/en" + CSV_URL)
    translation.activate("zh-hans")  # another request on this thread in between
    try:
        rows = csv_dicts(response)
    finally:
        translation.deactivate()
    assert rows and rows[0]["URL"].startswith("http://testserver/en/cases/")


def test_control_characters_that_excel_cannot_store_do_not_break_the_workbook(client):
    factories.practice(title="响铃\x07标题", summary="换页\x0c摘要")
    response = client.get(XLSX_URL)
    assert response.status_code == 200
    assert workbook(response).active["B2"].value == "响铃标题"


def test_links_past_excels_hyperlink_limit_are_written_as_text(client, monkeypatch):
    for _ in range(3):
        factories.practice()
    monkeypatch.setattr("practices.exports.xlsx.MAX_HYPERLINKS", 2)  # Excel's is 65,530 per sheet
    book = workbook(client.get(XLSX_URL, {"sort": "oldest"}))
    header, *rows = list(book.active.iter_rows())
    url_column = [c.value for c in header].index("网址")
    links = [row[url_column] for row in rows]
    assert [cell.hyperlink is not None for cell in links] == [True, True, False]
    assert all(cell.value.startswith("http://testserver/cases/") for cell in links)
    codebook = [[c.value for c in row] for row in book["字段说明"].iter_rows()]
    assert ["超链接", "Excel 每个工作表最多 2 个超链接：超出后的网址以文本写出，可复制使用。"] in [
        row[:2] for row in codebook
    ]


def test_a_url_longer_than_excel_allows_in_a_link_stays_text(client):
    factories.practice(slug="长" * 90)  # percent-encoded, the address passes 255 characters
    book = workbook(client.get(XLSX_URL))
    header, row = list(book.active.iter_rows())
    cell = row[[c.value for c in header].index("网址")]
    assert cell.hyperlink is None and cell.value.endswith("/")


def test_text_past_excels_cell_limit_is_cut_and_the_codebook_sheet_says_so(client):
    factories.practice(summary="长" * 40_000)
    book = workbook(client.get(XLSX_URL))
    assert book.active["M2"].value == "长" * 32_767
    codebook = [[c.value for c in row] for row in book["字段说明"].iter_rows()]
    assert [
        "截断",
        "Excel 单元格最多 32,767 个字符：超出的文字未写入（涉及单元格：1），完整内容见 CSV 或 JSON 导出。",
    ] in [row[:2] for row in codebook]
    assert csv_dicts(client.get(CSV_URL))[0]["摘要"] == "长" * 40_000


def test_codebook_examples_come_from_the_most_complete_case_not_the_newest(client, library):
    factories.practice(
        title="最新但很简略", summary="简略。", theme=library["full"].theme, region=library["full"].region
    )
    html = client.get(reverse("practices:codebook")).content.decode()
    assert "巡回法庭进社区" in html and "最新但很简略" not in html
    assert "Circuit court in the community" in html and "99.84%" in html


# Parameters no database can hold, and methods.


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL, XLSX_URL])
@pytest.mark.parametrize("query", ["q=%00", "theme=%00", "tag=a%00b", "institution=%00", "region=22010%00", "x=%00"])
def test_a_nul_in_any_parameter_is_a_400_before_the_first_byte(client, library, url, query):
    """The CSV and JSON exports failed on PostgreSQL mid-stream, after their 200 had gone out."""
    response = client.get(f"{url}?{query}")
    assert response.status_code == 400
    assert not response.streaming
    assert "含有无法处理的字符" in response.content.decode()


def test_the_first_rows_are_read_before_the_response_starts(client, library, monkeypatch):
    """A failure reading the cases is an error before the first byte, never a 200 cut short."""

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("practices.exports.columns.ExportRows.__iter__", broken)
    for url in (CSV_URL, JSON_URL):
        with pytest.raises(RuntimeError):
            client.get(url)


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL, XLSX_URL])
def test_head_answers_like_get_without_a_body(client, library, url):
    response = client.head(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert body(response) == b""
    assert client.post(url).status_code == 405
