"""Stage (chosen by editors) and level of government (derived from region and institution): facets,
chips, the case page and exports."""

import json

import pytest

from practices.exports.columns import COLUMN_KEYS
from practices.models import Practice, government_level
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "institution", "level"),
    [
        ("220000", "", "province"),
        ("220100", "长春市中级人民法院", "city"),
        ("220105", "长春市二道区综治中心", "county"),
        ("220184", "公主岭市人民法院环城人民法庭", "township"),
        ("220105", "长春市公安局二道区分局东盛路派出所", "township"),
        ("220105", "二道区荣光街道办事处", "township"),
    ],
)
def test_level_of_government_comes_from_the_code_and_the_institution(code, institution, level):
    assert government_level(code, institution) == level


def test_level_is_set_on_save_and_follows_a_renamed_institution():
    court = factories.institution(name="公主岭市人民法院")
    case = factories.practice(region=factories.region("220184", "公主岭市"), institution=court)
    assert case.level == Practice.Level.COUNTY
    court.name = "公主岭市人民法院环城人民法庭"
    court.save()
    case.refresh_from_db()
    assert case.level == Practice.Level.TOWNSHIP


def test_list_filters_and_counts_by_stage_and_level(client):
    province, county = factories.region("220000", "吉林省"), factories.region("220105", "二道区")
    factories.practice(title="省级试点", region=province, stage="pilot")
    factories.practice(title="县级试点", region=county, stage="pilot")
    factories.practice(title="县级常态化", region=county, stage="institutionalised")
    factories.practice(title="没有阶段", region=county)

    response = client.get("/cases/", {"stage": "pilot"})
    titles = [p.title for p in response.context["page"].object_list]
    assert sorted(titles) == ["县级试点", "省级试点"]
    options = response.context["options"]
    assert [(o.label, o.count) for o in options["levels"]] == [("省级", 1), ("县级", 1)]
    # The stage facet leaves out the visitor's own stage choice: choosing another replaces it.
    assert [(o.label, o.count, o.active) for o in options["stages"]] == [("试点", 2, True), ("常态化", 1, False)]
    html = response.content.decode()
    assert "阶段：试点" in html  # the chip

    both = client.get("/cases/", {"stage": "pilot", "level": "county"})
    assert [p.title for p in both.context["page"].object_list] == ["县级试点"]


def test_unknown_stage_or_level_says_which_value_was_not_found(client):
    html = client.get("/cases/", {"stage": "finished", "level": "planet"}).content.decode()
    assert "阶段“finished”" in html and "层级“planet”" in html


def test_case_page_and_export_show_stage_and_level(client):
    case = factories.practice(region=factories.region("220105", "二道区"), stage="evaluated")
    html = client.get(case.get_absolute_url()).content.decode()
    assert "?level=county" in html and ">县级</a>" in html and ">已评估</a>" in html
    english = client.get("/en" + case.get_absolute_url()).content.decode()
    assert "Level of government" in english and ">County</a>" in english and ">Evaluated</a>" in english
    assert {"stage", "level"} <= set(COLUMN_KEYS)
    response = client.get("/cases/export.json")
    row = json.loads(b"".join(response.streaming_content))["results"][0]
    assert (row["level"], row["stage"]) == ("县级", "已评估")
