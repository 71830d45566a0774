"""Every list page runs the same number of queries whatever the number of cases (at most 17, one more
when it searches); a case page at most 13. Measured at 5 and 50 cases, with every filter in play."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

pytestmark = pytest.mark.django_db

# Two of these read the whole (short) lists of themes and regions, so that the facet counts group the
# matching cases only instead of joining every case to every theme and region. The tag facet counts by tag
# id, then reads the names of the leaders. The tags on the page come with their English names in one query
# through our tagged rows. Stage and level add one grouping query each.
LIST_BUDGET = 17
# A search asks the full-text index once for the matching ids, before the list's usual queries.
SEARCH_BUDGET = LIST_BUDGET + 1
CASE_BUDGET = 13
LIST_URLS = [
    "/",
    "/cases/",
    "/cases/?q=案例&theme=budget&tag=枫桥经验&tag=调解&region=220000&institution=budget-court&year=2023&sort=title",
    "/en/cases/?page=2&page_size=3",
    "/themes/budget/?tag=调解&region=220100",
    "/tags/枫桥经验/?tag=调解&institution=budget-court&year=2023",
]


@pytest.fixture
def world():
    jilin = factories.region("220000", "吉林省")
    changchun = factories.region("220100", "长春市", jilin)
    erdao = factories.region("220105", "二道区", changchun)
    return {
        "regions": (jilin, changchun, erdao),
        "themes": (factories.theme(slug="budget"), factories.theme()),
        "institutions": (factories.institution(slug="budget-court"), factories.institution()),
    }


def add_cases(world, n):
    """n published cases spread over the themes, regions and institutions, each fully dressed."""
    cases = []
    for i in range(n):
        case = factories.practice(
            theme=world["themes"][0] if i % 3 else world["themes"][1],
            region=world["regions"][i % 3],
            institution=world["institutions"][i % 2],
            started_on=date(2022 + i % 3, 1, 1),
            tags=["枫桥经验", "调解", f"标签{i}"],
        )
        factories.practice_image(case, is_cover=True)
        factories.key_figure(case)
        factories.source(case)
        cases.append(case)
    return cases


def count_queries(client, url):
    """Statements that read data; PostgreSQL's SET/RESET of planner settings around a search are not."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len([q for q in queries if not q["sql"].startswith(("SET ", "RESET "))])


@pytest.mark.parametrize("url", LIST_URLS)
def test_list_pages_run_a_fixed_number_of_queries(client, world, url):
    add_cases(world, 5)
    small = count_queries(client, url)
    add_cases(world, 45)
    large = count_queries(client, url)
    assert large <= (SEARCH_BUDGET if "q=" in url else LIST_BUDGET), f"{url}: {large} queries"
    assert large == small, f"{url}: {small} queries at 5 cases, {large} at 50"


@pytest.mark.parametrize("n", [5, 50])
def test_case_page_stays_within_its_budget(client, world, n, django_assert_max_num_queries):
    cases = add_cases(world, n)
    with django_assert_max_num_queries(CASE_BUDGET):
        response = client.get(cases[-1].get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["similar"]) == min(5, n - 1)
