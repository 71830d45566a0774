"""The stored facet counts stay exact: after every kind of change they equal a recount, and the
lists read from them show the same counts as counting the cases live."""

from datetime import date

import pytest
from django.utils import timezone
from taggit.models import Tag

from practices.models import FacetCount, Practice
from practices.public import facet_counts, facets
from practices.public.filters import CaseFilter
from tests import factories

pytestmark = pytest.mark.django_db


def stored_rows():
    return dict(
        ((theme, dimension, value), n)
        for theme, dimension, value, n in FacetCount.objects.values_list("theme", "dimension", "value", "count")
        if n
    )


def assert_matches_a_recount():
    kept = stored_rows()
    facet_counts.rebuild()
    assert kept == stored_rows()


def comparable(result):
    return {
        "total": result.total,
        "themes": [(t.slug, n) for t, n in result.themes],
        "regions": [(r.region.code, r.count, r.depth) for r in result.regions],
        "overview": [(r.region.code, r.count, r.depth) for r in result.region_overview],
        "institutions": [(i.slug, n) for i, n in result.institutions],
        "years": result.years,
        "tags": [(t.slug, n) for t, n in result.tags],
        "stages": result.stages,
        "levels": result.levels,
    }


def live(case_filter, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(facets, "answers", lambda f: False)
        return comparable(facets.count_facets(case_filter))


@pytest.fixture
def cases():
    themes = [factories.theme(), factories.theme()]
    jilin = factories.region("220000", "吉林省")
    regions = [jilin, factories.region("220100", "长春市", jilin), factories.region("320000", "江苏省")]
    institutions = [factories.institution(), factories.institution()]
    made = [
        factories.practice(
            theme=themes[i % 2],
            region=regions[i % 3],
            institution=institutions[i % 2] if i % 4 else None,
            started_on=date(2020 + i % 3, 5, 1) if i % 5 else None,
            stage=[Practice.Stage.PILOT, Practice.Stage.EVALUATED, ""][i % 3],
            level=[Practice.Level.COUNTY, ""][i % 2],
            tags=["调解", f"标签{i % 3}"],
        )
        for i in range(12)
    ]
    factories.practice(status=Practice.Status.DRAFT, theme=themes[0], region=regions[0], tags=["草稿标签"])
    return made


def test_every_kind_of_change_keeps_the_counts_equal_to_a_recount(cases):
    assert_matches_a_recount()
    first, second, third = cases[:3]
    first.status = Practice.Status.DRAFT  # unpublish
    first.save()
    assert_matches_a_recount()
    second.theme, second.region, second.institution = third.theme, third.region, third.institution
    second.started_on = date(1999, 1, 1)
    second.stage, second.level = Practice.Stage.PILOT, Practice.Level.PROVINCE
    second.save()
    assert_matches_a_recount()
    third.tags.add("新标签")
    third.tags.remove("调解")
    assert_matches_a_recount()
    third.tags.clear()
    assert_matches_a_recount()
    Tag.objects.get(name="标签1").delete()
    assert_matches_a_recount()
    cases[4].delete()
    assert_matches_a_recount()
    first.status = Practice.Status.PUBLISHED
    first.save()
    assert_matches_a_recount()


def test_the_lists_show_the_same_counts_as_counting_live(cases, monkeypatch):
    theme = cases[0].theme
    for case_filter in (CaseFilter(), CaseFilter(theme=theme, fixed_theme=True)):
        assert comparable(facets.count_facets(case_filter)) == live(case_filter, monkeypatch)


def test_a_case_scheduled_for_later_is_not_counted_until_its_time(cases, monkeypatch):
    later = factories.practice(
        theme=cases[0].theme, region=cases[0].region, published_at=timezone.now() + timezone.timedelta(hours=1)
    )
    later.tags.add("定时标签")
    assert comparable(facets.count_facets(CaseFilter())) == live(CaseFilter(), monkeypatch)
    assert "定时标签" not in {t.slug for t, _ in facets.count_facets(CaseFilter()).tags}


def test_the_themes_page_counts_equal_the_published_cases(cases):
    assert facets.theme_counts() == facets.theme_counts(Practice.objects.published())


def test_the_rebuild_command_repairs_counts_after_a_bulk_update(cases, monkeypatch):
    from django.core.management import call_command

    Practice.objects.filter(pk=cases[0].pk).update(status=Practice.Status.DRAFT)  # no signals
    call_command("rebuild_facet_counts")
    assert comparable(facets.count_facets(CaseFilter())) == live(CaseFilter(), monkeypatch)


@pytest.mark.parametrize(
    "params", [{"stage": "pilot"}, {"level": "province"}, {"stage": "evaluated", "level": "county"}]
)
def test_a_stage_or_level_filter_is_counted_live_not_from_the_table(client, params):
    """The table holds no stage or level counts: a list filtered by either showed every case's total."""
    factories.practice(stage=Practice.Stage.PILOT)
    factories.practice()
    response = client.get("/cases/", params)
    expected = response.context["filter"].matching().count()
    assert response.context["page"].paginator.count == expected == len(response.context["page"].object_list)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"stage": "pilot"},
        {"level": "county", "year": "2021"},
        {"tag": "调解", "stage": "evaluated"},
        {"region": "220000", "institution": None},
        {"q": "案例"},
    ],
)
def test_every_facet_choice_counts_what_choosing_it_shows(cases, params):
    """Whether counted from the table, one shared pass or a pass of its own, each option's number is the
    length of the list it leads to."""
    from django.http import QueryDict

    if "institution" in params:
        params["institution"] = cases[1].institution.slug

    def query(values):
        result = QueryDict(mutable=True)
        for name, value in values.items():
            result.setlist(name, value if isinstance(value, list) else [value])
        return result

    def shown(extra):
        return CaseFilter.from_params(query(params | extra)).matching().count()

    result = facets.count_facets(CaseFilter.from_params(query(params)))
    assert result.total == shown({})
    for theme, n in result.themes:
        assert n == shown({"theme": theme.slug})
    for option in result.regions + result.region_trail:
        assert option.count == shown({"region": option.region.code})
    for institution, n in result.institutions:
        assert n == shown({"institution": institution.slug})
    for year, n in result.years:
        assert n == shown({"year": str(year)})
    for tag, n in result.tags:
        assert n == shown({"tag": [*([params["tag"]] if "tag" in params else []), tag.slug]})
    for name, options in (("stage", result.stages), ("level", result.levels)):
        for value, _label, n in options:
            assert n == shown({name: value})
    assert result.stages or result.levels or not result.total
