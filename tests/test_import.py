import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from practices.exports import imports
from practices.models import Practice
from tests import factories

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:practices_practice_import")
HEADER = "标题,主题,行政区划代码,实施机构,标签,开始时间,摘要"


@pytest.fixture
def place():
    theme = factories.theme(name="平安建设", slug="safety", name_en="Safety")
    region = factories.region("220105", "二道区")
    institution = factories.institution(name="东盛路派出所", slug="dongsheng")
    return theme, region, institution


def csv_file(text, name="cases.csv", encoding="utf-8-sig"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_file(rows, name="cases.xlsx"):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def preview(client, upload):
    response = client.post(IMPORT_URL, {"file": upload})
    assert response.status_code == 200
    return response


def confirm(client, response):
    return client.post(IMPORT_URL, {"confirm": "1", "digest": response.context["digest"]})


@pytest.fixture
def editor_client(client):
    client.force_login(factories.editor())
    return client


def test_valid_csv_previews_then_creates_drafts_only_on_confirm(editor_client, place):
    upload = csv_file(
        f"{HEADER}\n"
        "红扁担服务队,平安建设,220105,东盛路派出所,枫桥经验；网格,2023-11,网格员和民警走村入户。\n"
        "巡回法庭,safety,220105,,调解,2021,法官就地开庭。\n"
    )
    response = preview(editor_client, upload)
    html = response.content.decode()
    assert response.context["plan"].summary == {"create": 2, "update": 0, "unchanged": 0, "error": 0}
    assert "预览（尚未写入任何数据）" in html and "确认导入" in html
    assert not Practice.objects.exists(), "a preview writes nothing"

    done = confirm(editor_client, response)
    assert done.status_code == 302
    cases = {p.title: p for p in Practice.objects.all()}
    assert set(cases) == {"红扁担服务队", "巡回法庭"}
    team = cases["红扁担服务队"]
    assert team.status == Practice.Status.DRAFT
    assert sorted(team.tags.names()) == ["枫桥经验", "网格"]
    assert team.institution.slug == "dongsheng"
    assert (team.started_on.isoformat(), team.started_precision) == ("2023-11-01", "month")
    assert cases["巡回法庭"].started_precision == "year"
    assert team.created_by.username == done.wsgi_request.user.username
    # The file is used once: a second confirmation is refused.
    again = editor_client.post(IMPORT_URL, {"confirm": "1", "digest": response.context["digest"]}, follow=True)
    assert "预览已过期或已导入" in again.content.decode()
    assert Practice.objects.count() == 2


def test_valid_xlsx_with_english_headers_updates_a_draft(editor_client, place):
    theme, region, _ = place
    draft = factories.practice(status=Practice.Status.DRAFT, title="旧标题", theme=theme, region=region, tags=["调解"])
    upload = xlsx_file(
        [
            ["ID", "Title", "Theme", "Region code", "Tags", "Started on", "Body"],
            [draft.pk, "新标题", "Safety", 220105, "调解", None, "第一段。"],
        ]
    )
    response = preview(editor_client, upload)
    row = response.context["plan"].rows[0]
    assert (row.action, row.changes) == ("update", ["标题", "主要做法"])
    assert "修改：标题、主要做法" in response.content.decode()
    confirm(editor_client, response)
    draft.refresh_from_db()
    assert (draft.title, draft.approach, draft.summary) == ("新标题", "第一段。", draft.summary)
    assert draft.summary, "a column missing from the file keeps its value"


def test_every_row_error_is_named_with_its_row_and_nothing_is_written(editor_client, place):
    existing = factories.practice(status=Practice.Status.DRAFT)
    upload = csv_file(
        "编号,标题,主题,行政区划代码,实施机构,开始时间\n"
        ",好的一行,平安建设,220105,,2023-11-05\n"
        ",未知主题,不存在的主题,220105,,\n"
        ",错误代码,平安建设,999999,,\n"
        ",错误日期,平安建设,220105,,去年\n"
        ",,平安建设,220105,,\n"
        "abc,坏编号,平安建设,220105,,\n"
        "987654,不存在,平安建设,220105,,\n"
        ",未知机构,平安建设,220105,不存在的机构,\n"
        f"{existing.pk},第一次,平安建设,220105,,\n"
        f"{existing.pk},第二次,平安建设,220105,,\n"
    )
    response = preview(editor_client, upload)
    html = response.content.decode()
    for expected in (
        "第 3 行（未知主题）：主题：找不到“不存在的主题”。",
        "第 4 行（错误代码）：行政区划代码：找不到“999999”。",
        "第 5 行（错误日期）：开始时间：“去年”不是日期，请写成 2023-11-05、2023-11 或 2023。",
        "第 6 行：标题：这个字段是必填项。",
        "第 7 行（坏编号）：编号：“abc”不是数字。",
        "第 8 行（不存在）：编号 987654 的案例不存在；新建案例请留空编号。",
        "第 9 行（未知机构）：实施机构：找不到“不存在的机构”。",
        f"第 11 行（第二次）：编号 {existing.pk} 与第 10 行重复。",
    ):
        assert expected in html
    assert response.context["plan"].summary["error"] == 8
    assert "主题：这个字段是必填项" not in html, "a theme that is not found is reported once"
    assert "确认导入" not in html
    assert editor_client.post(IMPORT_URL, {"confirm": "1", "digest": "forged"}).status_code == 302
    assert Practice.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("标题,主题,地区代码\n某案例,平安建设,220105\n", "第 1 行（表头）有无法识别的列：地区代码。"),
        ("标题,主题\n某案例,平安建设\n", "第 1 行（表头）缺少必需的列：行政区划代码。"),
        ("标题,主题,行政区划代码,Title\n", "第 1 行（表头）有重复的列：title。"),
        (f"{HEADER}\n", "文件只有表头，没有数据行。"),
        ("", "文件是空的：第 1 行应为表头。"),  # just the BOM
    ],
)
def test_file_level_problems_are_explained(editor_client, place, content, message):
    response = preview(editor_client, csv_file(content))
    assert message in response.content.decode()
    assert response.context["plan"] is None


def test_a_zero_byte_file_is_refused(editor_client, place):
    response = preview(editor_client, SimpleUploadedFile("cases.csv", b""))
    assert "所提交的是空文件。" in response.content.decode()


def test_non_utf8_csv_names_the_line_and_the_fix(editor_client, place):
    upload = csv_file(f"{HEADER}\n红扁担服务队,平安建设,220105,,,,\n", encoding="gbk")
    html = preview(editor_client, upload).content.decode()
    assert "第 1 行不是 UTF-8 编码" in html
    assert "CSV UTF-8" in html


def test_other_file_types_and_broken_workbooks_are_refused(editor_client, place):
    html = preview(editor_client, SimpleUploadedFile("cases.xls", b"\xd0\xcf\x11\xe0")).content.decode()
    assert "只能导入 .csv 或 .xlsx 文件" in html
    html = preview(editor_client, SimpleUploadedFile("cases.xlsx", b"not a zip")).content.decode()
    assert "无法读取这个 Excel 文件" in html


def test_editor_cannot_change_a_published_case_by_import_but_a_reviewer_can(client, place):
    theme, region, _ = place
    public = factories.practice(title="已发布", theme=theme, region=region)
    text = f"编号,标题,主题,行政区划代码\n{public.pk},改掉,平安建设,220105\n"
    client.force_login(factories.editor())
    html = preview(client, csv_file(text)).content.decode()
    assert f"第 2 行（改掉）：案例 {public.pk} 已发布或归档，只有审核人可以修改。" in html

    client.force_login(factories.reviewer())
    confirm(client, preview(client, csv_file(text)))
    public.refresh_from_db()
    assert public.title == "改掉" and public.status == Practice.Status.PUBLISHED


def test_an_exported_file_imports_back_unchanged(client, place):
    theme, region, institution = place
    case = factories.practice(
        title="=HYPERLINK(1)", theme=theme, region=region, institution=institution, tags=["枫桥经验", "调解"]
    )
    factories.key_figure(case)
    client.force_login(factories.reviewer())
    exported = b"".join(client.get("/cases/export.csv").streaming_content)
    response = preview(client, SimpleUploadedFile("back.csv", exported))
    plan = response.context["plan"]
    assert [(r.action, r.errors) for r in plan.rows] == [("unchanged", [])]
    assert "关键数据" in plan.ignored_columns and "网址" in plan.ignored_columns
    assert "忽略的列（导入时不读取）" in response.content.decode()


def test_import_needs_the_add_permission(client, place):
    assert client.get(IMPORT_URL).status_code == 302  # to the login page
    client.force_login(factories.user())
    assert client.get(IMPORT_URL).status_code == 403
    client.force_login(factories.editor())
    page = client.get(reverse("admin:practices_practice_changelist")).content.decode()
    assert IMPORT_URL in page


# Limits: the file is read a row at a time and refused at the first limit it passes, which the message names.


def test_a_file_over_the_row_limit_is_refused_at_that_row_without_reading_the_rest(editor_client, place, monkeypatch):
    monkeypatch.setattr(imports, "MAX_IMPORT_ROWS", 3)
    rows = "".join(f"案例{n},平安建设,220105,,,,\n" for n in range(4))
    # Past the limit the file is not even UTF-8: reading on would report that instead.
    upload = csv_file(f"{HEADER}\n\n{rows}", encoding="utf-8")
    upload = SimpleUploadedFile("cases.csv", upload.read() + "不是 UTF-8\n".encode("gbk"))
    html = preview(editor_client, upload).content.decode()
    assert "每次最多导入 3 行数据，这个文件在第 6 行超过了这个限制" in html
    assert "UTF-8" not in html.split("每次最多导入")[1][:200]


def test_an_xlsx_over_the_row_limit_is_refused(editor_client, place, monkeypatch):
    monkeypatch.setattr(imports, "MAX_IMPORT_ROWS", 2)
    rows = [["标题", "主题", "行政区划代码"]] + [[f"案例{n}", "平安建设", "220105"] for n in range(5)]
    html = preview(editor_client, xlsx_file(rows)).content.decode()
    assert "每次最多导入 2 行数据，这个文件在第 4 行超过了这个限制" in html


def test_a_file_over_the_byte_limit_is_refused_with_its_size(editor_client, place, monkeypatch):
    monkeypatch.setattr(imports, "MAX_IMPORT_BYTES", 1024 * 1024)
    upload = csv_file(HEADER + "\n" * (1024 * 1024 + 200_000))
    html = preview(editor_client, upload).content.decode()
    assert "文件太大（1.2 MB），每次最多导入 1 MB" in html


def test_a_workbook_that_unpacks_too_large_is_refused(editor_client, place, monkeypatch):
    monkeypatch.setattr(imports, "MAX_IMPORT_UNPACKED_BYTES", 2000)
    rows = [["标题", "主题", "行政区划代码"]] + [["某案例" * 50, "平安建设", "220105"] for n in range(20)]
    html = preview(editor_client, xlsx_file(rows)).content.decode()
    assert "这个 Excel 文件解压后太大" in html


def test_blank_lines_are_skipped_and_counted_up_to_a_limit(editor_client, place, monkeypatch):
    monkeypatch.setattr(imports, "MAX_IMPORT_BLANK_ROWS", 1000)
    upload = csv_file(f"{HEADER}\n" + "\n" * 998 + "红扁担服务队,平安建设,220105,,,,\n\r\n")
    response = preview(editor_client, upload)
    assert response.context["plan"].blank_rows == 999
    assert [r.title for r in response.context["plan"].rows] == ["红扁担服务队"]

    html = preview(editor_client, csv_file(f"{HEADER}\n" + "\n" * 5000)).content.decode()
    assert "这个文件的空行超过 1000 行（到第 1002 行为止）" in html
