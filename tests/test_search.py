import random
import re
import unicodedata
from io import StringIO
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.template import Context, Template
from taggit.models import Tag

from practices.models import Practice
from practices.public.filters import CaseFilter
from practices.search import index as search_index
from practices.search import query as search
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo_practices", stdout=StringIO())


def found(q, **params):
    """Slugs of the published cases /cases/?q=… lists, in the order shown."""
    params = QueryDict(urlencode({"q": q, **params}))
    return list(CaseFilter.from_params(params).queryset().values_list("slug", flat=True))


def titles(q):
    return [p.title for p in CaseFilter.from_params(QueryDict(urlencode({"q": q}))).queryset()]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("调解", {"公主岭道交巡回法庭三车道", "临江法院法官进网格", "二道区综治中心四级联动"}),
        ("红扁担", {"东盛路派出所红扁担服务队"}),
        ("执行", {"敦化法院智慧执行", "长春中院一站式诉讼服务"}),
        ("首违不罚", {"临江行政执法全过程记录"}),
        ("送达", {"长春中院一站式诉讼服务"}),
        ("police", {"东盛路派出所红扁担服务队", "临江正阳路警务站景中有警"}),
        ('"破解执行难"', {"敦化法院智慧执行"}),
        ("调解 法官", {"临江法院法官进网格", "公主岭道交巡回法庭三车道"}),
        ("不存在的词语", set()),
    ],
)
def test_demo_queries_find_the_cases_that_say_it(demo, q, expected):
    assert set(found(q)) == expected


def test_a_search_within_a_theme_finds_only_that_themes_matches(demo):
    theme = Practice.objects.get(slug="临江法院法官进网格").theme
    assert set(found("调解", theme=theme.slug)) == {
        slug for slug in found("调解") if Practice.objects.get(slug=slug).theme_id == theme.pk
    }
    assert "临江法院法官进网格" in found("调解", theme=theme.slug)


def _searchable_text(practice):
    parts = [
        practice.title,
        practice.title_en,
        practice.summary,
        practice.full_text,
        practice.theme.name,
        practice.theme.name_en,
        practice.region.name,
        practice.region.name_en,
        *(r.name for r in practice.region.ancestors()),
        practice.institution.name if practice.institution else "",
        practice.institution.name_en if practice.institution else "",
        *(t.name for t in practice.tags.all()),
    ]
    return [unicodedata.normalize("NFKC", p).casefold() for p in parts if p]


def test_any_substring_of_the_demo_text_finds_exactly_the_cases_containing_it(demo):
    """Find-in-page semantics: 1- to 5-character strings cut anywhere from the demo text.

    Latin words are matched from their start, so a cut inside one is widened to the whole word.
    """
    cases = list(Practice.objects.published().select_related("theme", "region", "institution"))
    texts = {p.slug: _searchable_text(p) for p in cases}
    rng = random.Random(7)
    for _ in range(150):
        source = rng.choice(rng.choice(list(texts.values())))
        size = rng.randint(1, 5)
        start = rng.randrange(max(1, len(source) - size))
        end = start + size
        while start > 0 and source[start - 1].isascii() and source[start - 1].isalnum():
            start -= 1
        while end < len(source) and source[end].isascii() and source[end].isalnum():
            end += 1
        term = source[start:end].strip()
        if not term or any(c in term for c in ' ,，、\u3000"“”'):
            continue
        pattern = re.compile(("(?<![a-z0-9])" if term[0].isascii() else "") + re.escape(term.casefold()))
        expected = {slug for slug, parts in texts.items() if any(pattern.search(p) for p in parts)}
        assert set(found(f'"{term}"')) == expected, term


def test_execution_and_mediation_find_every_case_that_mentions_them(demo):
    for term in ("执行", "调解"):
        expected = {
            p.slug
            for p in Practice.objects.published()
            if term in p.title + p.summary + p.full_text + "".join(t.name for t in p.tags.all())
        }
        assert expected
        assert set(found(term)) == expected


def test_english_words_match_in_any_case_and_as_word_starts(demo):
    assert found("court")
    assert set(found("COURT")) == set(found("court"))
    assert set(found("cour")) >= set(found("court"))


def test_terms_are_anded_and_a_quoted_phrase_is_one_term(demo):
    both = set(found("枫桥经验 调解"))
    assert both == set(found("枫桥经验")) & set(found("调解"))
    assert set(found("枫桥经验，调解")) == both
    assert set(found("枫桥经验、调解")) == both
    factories.practice(title="智慧 执行", summary="x")
    assert found('"智慧 执行"') != []
    assert "zhi" not in found('"智慧 执行"')


def test_a_title_hit_ranks_above_a_newer_body_hit():
    older_title = factories.practice(title="诉前调解工作室", approach="正文", published_at=_ago(days=30))
    newer_body = factories.practice(title="工作室", approach="开展诉前调解。", published_at=_ago(days=1))
    assert titles("调解") == [older_title.title, newer_body.title]


def test_a_whole_word_hit_ranks_above_a_match_across_words():
    across = factories.practice(title="甲", approach="各部门协调解决群众诉求。", published_at=_ago(days=1))
    word = factories.practice(title="乙", approach="社区开展矛盾调解。", published_at=_ago(days=9))
    assert titles("调解") == [word.title, across.title]


def test_newer_breaks_ties():
    old = factories.practice(title="调解甲", published_at=_ago(days=9))
    new = factories.practice(title="调解乙", published_at=_ago(days=1))
    assert titles("调解") == [new.title, old.title]


def test_drafts_and_cases_in_review_are_never_found():
    factories.practice(title="草稿里的调解", status=Practice.Status.DRAFT)
    factories.practice(title="待审的调解", status=Practice.Status.REVIEW)
    factories.practice(title="定时发布的调解", published_at=_ago(days=-3))
    assert found("调解") == []


def test_an_edit_is_searchable_at_once_and_the_old_text_is_gone():
    case = factories.practice(title="旧标题")
    case.title = "新的红扁担标题"
    case.save()
    assert found("红扁担") == [case.slug]
    assert found("旧标题") == []


def test_a_deleted_case_leaves_the_index():
    case = factories.practice(title="红扁担")
    pk = case.pk
    case.delete()
    assert found("红扁担") == []
    with connection.cursor() as cursor:
        cursor.execute(search_index.BACKENDS[connection.vendor].ids_sql["match"], [_match("红扁担")])
        assert pk not in {row[0] for row in cursor.fetchall()}


def test_tags_and_renamed_tags_themes_and_regions_are_searchable():
    case = factories.practice(tags=["枫桥经验"])
    assert found("枫桥") == [case.slug]
    case.tags.add("道交")
    assert found("道交") == [case.slug]
    case.tags.remove("道交")
    assert found("道交") == []
    tag = Tag.objects.get(name="枫桥经验")
    tag.name = "首违不罚"
    tag.save()
    assert found("首违不罚") == [case.slug]
    case.theme.name = "诉源治理"
    case.theme.save()
    assert found("诉源治理") == [case.slug]
    case.region.name = "敦化市"
    case.region.save()
    assert found("敦化") == [case.slug]
    tag.delete()
    assert found("首违不罚") == []


def test_a_province_name_finds_cases_in_its_cities():
    province = factories.region("220000", "吉林省")
    city = factories.region("220100", "长春市", parent=province)
    case = factories.practice(region=city)
    assert found("吉林") == [case.slug]


def test_punctuation_does_not_join_words_and_full_width_letters_match():
    case = factories.practice(title="矛盾，调解", approach="ＣＯＵＲＴ reform")
    assert found("盾调") == []
    assert found("court") == [case.slug]
    assert found("矛盾，调解") == [case.slug]  # two terms, both present


def test_words_deep_in_a_very_long_body_are_still_found():
    # PostgreSQL keeps positions only up to 16,383: past them characters, bigrams and words still count.
    case = factories.practice(title="长篇", approach="甲乙" * 9000 + "，依法送达。Court reform")
    factories.practice(title="短篇", approach="甲乙")
    for q in ("送达", "达", "court", "依法", "甲乙 送达"):
        assert found(q) == [case.slug], q


def test_a_query_of_punctuation_only_is_matched_literally():
    case = factories.practice(title="标题", approach="……！！")
    assert found("！！") == [case.slug]


def test_capped_count_stops_at_the_cap():
    for _ in range(4):
        factories.practice(title="调解")
    qs = CaseFilter.from_params(QueryDict(urlencode({"q": "调解"}))).queryset()
    assert str(search.capped_count(qs, cap=3)) == "3+"
    assert search.capped_count(qs, cap=10) == search.ResultCount(4, False)
    paginator = search.CappedPaginator(qs, 2, cap=3)
    assert (paginator.count, paginator.num_pages, str(paginator.result_count)) == (3, 2, "3+")


def test_pages_read_tier_by_tier_list_the_same_order_as_the_full_ordering():
    rng = random.Random(3)
    places = [
        ("调解{}", "正文"),
        ("案例{}", "开展矛盾调解。"),
        ("案例{}", "协调解决纠纷。"),
        ("调解案例{}", "协调解决"),
    ]
    for n in range(23):
        title, body = rng.choice(places)
        factories.practice(title=title.format(n), approach=body, published_at=_ago(days=rng.randint(1, 99)))
    factories.practice(title="无关")
    case_filter = CaseFilter.from_params(QueryDict(urlencode({"q": "调解"})))
    qs = case_filter.queryset()
    expected = [p.pk for p in qs]
    assert len(expected) == 23
    walks = [{"q": "调解"}, case_filter.search_walk()]
    assert walks[1]["match_ids"] is not None  # few enough hits to list
    for per_page in (1, 5, 20):
        for walk in walks:
            paginator = search.CappedPaginator(qs.with_list_related(), per_page, **walk)
            paged = [p.pk for n in paginator.page_range for p in paginator.page(n)]
            assert paged == expected, (per_page, walk)


def test_a_broad_search_pages_found_among_the_newest_cases_keep_the_full_order(monkeypatch):
    """Pages of a broad tier are first looked for among the newest cases (a window small here), and
    looked for in the whole tier when the window holds too few: either way the order is the full one."""
    rng = random.Random(5)
    places = [("调解{}", "正文"), ("案例{}", "开展矛盾调解。"), ("案例{}", "协调解决纠纷。"), ("无关{}", "正文")]
    for n in range(60):
        title, body = rng.choice(places)
        factories.practice(title=title.format(n), approach=body, published_at=_ago(days=rng.randint(1, 999)))
    monkeypatch.setattr("practices.search.index.MANY_IDS", 2)  # broad: no id list, tiers probed per case
    monkeypatch.setattr(search, "PROBE_WINDOW", 16)
    windowed = []
    among_newest = search._among_newest
    monkeypatch.setattr(search, "_among_newest", lambda *args: windowed.append(found := among_newest(*args)) or found)
    case_filter = CaseFilter.from_params(QueryDict(urlencode({"q": "调解"})))
    qs = case_filter.queryset()
    expected = [p.pk for p in qs]
    assert case_filter.search_walk()["match_ids"] is None
    for per_page in (1, 2, 3, 4):
        paginator = search.CappedPaginator(qs.with_list_related(), per_page, **case_filter.search_walk())
        paged = [p.pk for n in paginator.page_range for p in paginator.page(n)]
        assert paged == expected, per_page
    if connection.vendor == "postgresql":
        assert any(windowed) and None in windowed  # both ways were taken


def test_a_term_the_index_cannot_hold_still_narrows_a_page_walked_from_the_unsearched_list():
    factories.practice(title="调解中心", approach="正文")  # the newer of the two: first when `！！` is forgotten
    both = factories.practice(title="调解室", approach="……！！")
    case_filter = CaseFilter.from_params(QueryDict(urlencode({"q": "调解 ！！"})))
    walk = case_filter.search_walk()
    assert walk["unsearched"].count() == 2
    paginator = search.CappedPaginator(case_filter.queryset(), 20, **walk)
    assert [p.pk for p in paginator.page(1)] == [both.pk]


def test_a_search_page_runs_a_fixed_number_of_queries(demo, django_assert_max_num_queries):
    qs = CaseFilter.from_params(QueryDict(urlencode({"q": "调解 法院"}))).queryset()
    # Count, tier probe and walk, rows, tags, covers; PostgreSQL adds SET/RESET of planner settings.
    with django_assert_max_num_queries(9 if connection.vendor == "sqlite" else 14):
        paginator = search.CappedPaginator(qs.with_list_related(), 20, q="调解 法院")
        str(paginator.result_count)
        [search.practice_snippet(p, "调解") for p in paginator.page(1)]


def test_the_snippet_highlights_hits_and_escapes_the_query_and_the_text():
    case = factories.practice(summary="<b>调解</b> 与 script", approach="")
    html = Template("{% load search %}{{ p|search_snippet:q }}").render(Context({"p": case, "q": "<script> 调解"}))
    assert "<mark>调解</mark>" in html
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;b&gt;" in html


def test_the_snippet_is_cut_around_the_first_hit_of_a_long_body():
    case = factories.practice(summary="摘要", approach="前文" * 200 + "红扁担" + "后文" * 200)
    html = search.practice_snippet(case, "红扁担")
    assert "<mark>红扁担</mark>" in html
    assert html.startswith("…") and html.endswith("…")
    assert len(html) < 200


def test_rebuild_search_index_restores_a_lost_index():
    case = factories.practice(title="红扁担")
    search_index.remove_practices([case.pk])
    assert found("红扁担") == []
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "Indexed" in out.getvalue()
    assert found("红扁担") == [case.slug]


def test_migrate_indexes_the_cases_of_an_empty_index():
    """Migration 0003 creates the index empty; a database that already had cases is indexed after migrate."""
    from django.core.management.sql import emit_post_migrate_signal

    case = factories.practice(title="红扁担")
    with connection.cursor() as cursor:
        cursor.execute(search_index.backend().clear_sql)
    assert found("红扁担") == []
    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
    assert found("红扁担") == [case.slug]


def test_generated_cases_are_indexed(demo):
    call_command("generate_practices", count=5, seed=3, stdout=StringIO())
    synthetic = Practice.objects.synthetic().first()
    assert synthetic.slug in found(synthetic.title)


def _ago(days):
    from django.utils import timezone

    return timezone.now() - timezone.timedelta(days=days)


def _match(term):
    index = search_index.BACKENDS[connection.vendor]
    return index.combine([index.match_query(term)])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="planner settings are PostgreSQL's")
def test_a_search_page_leaves_the_planner_settings_as_it_found_them(client, monkeypatch):
    for n in range(3):
        factories.practice(title=f"调解{n}")
    monkeypatch.setattr("practices.search.index.MANY_IDS", 2)  # broad: a capped count and tier walks

    def planner_settings():
        names = ["enable_indexscan", "enable_seqscan", "max_parallel_workers_per_gather"]
        with connection.cursor() as cursor:
            cursor.execute("SELECT name, setting FROM pg_settings WHERE name = ANY(%s) ORDER BY name", [names])
            return cursor.fetchall()

    before = planner_settings()
    assert "找到 3 个案例" in client.get("/cases/", {"q": "调解"}).content.decode()
    assert planner_settings() == before


def test_every_search_backend_implements_the_documented_protocol():
    from practices.search.backend import SearchBackend

    assert {"postgresql", "sqlite"} <= set(search_index.BACKENDS)
    for backend in search_index.BACKENDS.values():
        assert isinstance(backend, SearchBackend)
