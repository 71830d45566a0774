from io import StringIO

import pytest
from django.core.management import call_command

from practices.demo.content import load
from practices.models import KeyFigure, Practice, PracticeImage, Source, Theme

DEMO = load()

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_demo_loads_ten_published_cases_with_sources_figures_and_illustrations():
    run("load_demo_practices")
    assert Practice.objects.published().count() == 10
    assert list(Theme.objects.values_list("name", flat=True)) == [t["name"] for t in DEMO.themes]
    for case in Practice.objects.all():
        assert case.tags.exists(), case
        assert case.sources.filter(author="张倩").exists(), case
        cover = case.images.get(is_cover=True)
        assert cover.licence == PracticeImage.Licence.GENERATED
        assert cover.credit == "Casebook" and "非照片" in cover.caption and "not a photograph" in cover.caption_en
        assert "没有文字" in cover.alt_text and "no text" in cover.alt_text_en
        assert cover.width == 1200 and cover.height == 675
    assert Source.objects.filter(publisher="").count() == 10  # the newspaper is not named: unknown
    figure = KeyFigure.objects.get(label="矛盾纠纷办结率")
    assert figure.value_display == "99.84" and figure.unit == "%"
    expected_figures = sum(len(p.get("key_figures", [])) for p in DEMO.cases)
    assert KeyFigure.objects.count() == expected_figures


def test_every_demo_key_figure_reads_in_english_too():
    run("load_demo_practices")
    for figure in KeyFigure.objects.all():
        assert figure.label_en and figure.note_en, figure
        # A word unit needs its English; a sign (%) is the same in both.
        assert figure.unit_en or figure.unit == "%", figure


def test_demo_is_idempotent_and_says_so():
    run("load_demo_practices")
    counts = (Practice.objects.count(), KeyFigure.objects.count(), PracticeImage.objects.count())
    second = run("load_demo_practices")
    assert "nothing changed" in second
    assert (Practice.objects.count(), KeyFigure.objects.count(), PracticeImage.objects.count()) == counts


def test_demo_text_contains_the_words_readers_search_for():
    text = {
        p["slug"]: p["title"] + p["summary"] + "".join(p.get(s.field, "") for s in Practice.SECTIONS)
        for p in DEMO.cases
    }
    words = [
        ["综治中心", "矛盾纠纷", "调解", "四级联动"],
        ["红扁担", "直播", "社区警务", "网格"],
        ["景中有警", "旅游警务", "快速反应"],
        ["道交", "巡回法庭", "诉前调解", "诉前鉴定", "司法确认"],
        ["诉讼服务", "跨域立案", "集约送达", "电子送达"],
        ["审判管理", "大数据", "服判息诉"],
        ["法官进网格", "无讼村屯", "诉前化解"],
        ["检护民生", "司法救助", "未成年人", "法治副校长"],
        ["行政执法", "全过程记录", "裁量基准", "首违不罚", "政务公开"],
        ["智慧执行", "执行指挥", "E联办", "信用修复"],
    ]
    for case_text, case_words in zip(text.values(), words, strict=True):
        for word in case_words:
            assert word in case_text


def test_generate_practices_adds_reproducible_synthetic_cases_and_deletes_them():
    run("load_demo_practices")
    run("generate_practices", "--count", "30", "--seed", "7")
    assert Practice.objects.published().count() == 40
    synthetic = list(Practice.objects.synthetic().order_by("slug").values_list("title", flat=True))
    assert len(synthetic) == 30
    assert all(p.tags.exists() for p in Practice.objects.synthetic())
    run("generate_practices", "--delete")
    run("generate_practices", "--count", "30", "--seed", "7")
    assert list(Practice.objects.synthetic().order_by("slug").values_list("title", flat=True)) == synthetic
    assert "Deleted 30" in run("generate_practices", "--delete")
    assert Practice.objects.count() == 10


def test_generate_practices_without_index_needs_a_rebuild_before_search_finds_them():
    from django.http import QueryDict

    from practices.public.filters import CaseFilter

    run("load_demo_practices")
    run("generate_practices", "--count", "5", "--seed", "3", "--no-index")

    def found():
        return CaseFilter.from_params(QueryDict("q=Synthetic")).queryset().count()

    assert found() == 0
    run("rebuild_search_index")
    assert found() == 5


def test_generate_practices_makes_cached_pages_stale(client):
    from practices.public.caching import current_generation

    run("load_demo_practices")
    before = current_generation()
    run("generate_practices", "--count", "2")
    assert current_generation() != before


def test_every_demo_case_is_written_in_sections_in_chinese_and_english():
    for case in DEMO.cases:
        assert "body" not in case
        assert case["background"] and case["approach"] and case["results"], case["slug"]
        for section in Practice.SECTIONS:
            assert bool(case.get(section.field)) == bool(case.get(section.field_en)), (case["slug"], section.field)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_generate_practices_leaves_postgresql_able_to_read_indexes_alone():
    """Freshly bulk-loaded rows are vacuumed, so index-only scans need no heap page per row."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the visibility map is PostgreSQL's")
    run("load_demo_practices")
    run("generate_practices", "--count", "20", "--seed", "5")
    with connection.cursor() as cursor:
        cursor.execute("SELECT relallvisible, relpages FROM pg_class WHERE relname = 'practices_practice'")
        all_visible, pages = cursor.fetchone()
    assert pages > 0
    assert all_visible == pages
