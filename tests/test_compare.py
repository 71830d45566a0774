"""Comparing cases side by side: the page, its notices for bad input, drafts kept out, CSV, the links."""

import csv
import io

import pytest
from django.utils import timezone

from practices.models import Practice
from practices.public.comparison import parse_slugs
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    erdao = factories.practice(
        title="二道区四级联动", slug="erdao", background="老城区。", approach="四级联动。", results="办结率高。"
    )
    court = factories.practice(title="道交巡回法庭", slug="court", background="纠纷多。", approach="调解前置。")
    factories.key_figure(erdao, label="办结率", value="99.84", unit="%")
    factories.key_figure(court, label="办结率", value="96.7", unit="%", baseline_value="80")
    factories.key_figure(court, label="诉前鉴定", value="157", unit="件")
    return erdao, court


def test_parse_slugs_accepts_commas_of_both_kinds_and_drops_repeats():
    assert parse_slugs("a, b，c、a,,") == ["a", "b", "c"]
    assert parse_slugs(None) == []


def test_two_cases_side_by_side_with_figures_aligned_by_label(client, pair):
    response = client.get("/compare/", {"cases": "erdao,court"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("二道区四级联动") < html.index("道交巡回法庭")
    row = html[html.index('<th scope="row">办结率</th>') :].split("</tr>")[0]
    assert "99.84" in row and "96.7" in row and "对比基数 80%" in row
    only_court = html[html.index('<th scope="row">诉前鉴定</th>') :].split("</tr>")[0]
    assert only_court.count("<td>—</td>") == 1
    assert ">背景与问题</th>" in html and ">成效</th>" in html and "办结率高。" in html
    assert 'href="/compare/?cases=court"' in html  # remove the first case
    assert 'href="/cases/?compare=erdao%2Ccourt"' in html  # pick another


def test_english_comparison_marks_chinese_stand_ins(client, pair):
    html = client.get("/en/compare/", {"cases": "erdao,court"}).content.decode()
    assert "Compare cases" in html and "Background and problem" in html
    assert "Available in Chinese only" in html and 'lang="zh-Hans"' in html


@pytest.mark.parametrize(
    ("cases", "message"),
    [
        ("", "请选择两到四个已发布的案例"),
        ("erdao", "请选择两到四个已发布的案例"),
        ("erdao,nope", "找不到已发布的案例“nope”"),
        ("erdao,draft", "找不到已发布的案例“draft”"),
        ("erdao,scheduled", "找不到已发布的案例“scheduled”"),
        ("<script>,court", "找不到已发布的案例“&lt;script&gt;”"),
        ("x" * 5000, "请选择两到四个已发布的案例"),
    ],
)
def test_bad_input_gives_a_clear_notice_and_never_a_draft(client, pair, cases, message):
    factories.practice(title="草稿里的秘密", slug="draft", status=Practice.Status.DRAFT)
    factories.practice(title="明天才发布", slug="scheduled", published_at=timezone.now() + timezone.timedelta(days=1))
    response = client.get("/compare/", {"cases": cases})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "草稿里的秘密" not in html and "明天才发布" not in html
    assert "<script>" not in html.split("<main", 1)[1]


def test_more_than_four_cases_compares_the_first_four_and_says_so(client, pair):
    for n in range(3):
        factories.practice(slug=f"extra-{n}")
    html = client.get("/compare/", {"cases": "erdao,court,extra-0,extra-1,extra-2"}).content.decode()
    assert "最多同时比较 4 个案例" in html
    assert html.count('class="compare-remove"') == 4 and "extra-2" not in html.split("<table", 1)[1]


def test_comparison_exports_as_csv_with_formulas_neutralised(client, pair):
    pair[1].title = "=HYPERLINK(1)"
    pair[1].save()
    response = client.get("/compare/export.csv", {"cases": "erdao,court"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["案例", "二道区四级联动", "'=HYPERLINK(1)"]
    assert ["办结率", "99.84%", "96.7% (对比基数 80%)"] in rows
    assert ["主要做法", "四级联动。", "调解前置。"] in rows
    assert client.get("/compare/export.csv", {"cases": "erdao,draft"}).status_code == 400


def test_cards_and_case_pages_carry_the_choice_in_their_links(client, pair):
    html = client.get("/cases/", {"compare": "erdao"}).content.decode()
    assert 'href="/compare/?cases=erdao%2Ccourt"' in html  # the court's card adds it to the choice
    assert "已选 1 个案例进行比较" in html
    page = client.get(pair[0].get_absolute_url()).content.decode()
    assert 'href="/compare/?cases=erdao"' in page and "加入比较" in page
    assert "Compare</a>" in client.get("/en" + pair[0].get_absolute_url()).content.decode()
