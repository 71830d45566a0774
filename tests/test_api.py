"""The read API: parity with the list page, full records, vocabularies, HTTP behaviour, schema and reference."""

import json
from html import unescape

import pytest
from django.core.cache import cache
from django.db import connection
from openapi_spec_validator import validate

from practices.api import views as api_views
from practices.api.reference import examples
from practices.models import Practice
from tests import factories
from tests.public_fixtures import HIDDEN_TAG, HIDDEN_TITLES

pytestmark = pytest.mark.django_db

# A dozen filter combinations of the list page, each compared with the API.
PARITY_QUERIES = [
    "",
    "sort=title",
    "sort=oldest&page_size=2",
    "sort=oldest&page_size=2&page=2",
    "theme=fengqiao",
    "tag=调解",
    "tag=枫桥经验&tag=调解",
    "region=220000&sort=updated",
    "institution=dongshenglu-police",
    "year=2023",
    "q=调解",
    "q=法官&sort=newest",
    "theme=nope",
    "page=abc&page_size=999",
]


def get_json(client, url, **headers):
    response = client.get(url, **headers)
    assert response["Content-Type"].startswith("application/json"), url
    return response, json.loads(response.content)


@pytest.mark.parametrize("query", PARITY_QUERIES)
def test_the_api_lists_the_same_cases_in_the_same_order_as_the_list_page(client, library, query):
    page = client.get(f"/cases/?{query}").context["page"]
    _, data = get_json(client, f"/api/v1/cases/?{query}")
    assert data["count"] == page.paginator.count
    assert [row["public_id"] for row in data["results"]] == [p.public_id for p in page.object_list]


def test_the_count_is_capped_as_on_the_list(client, library, monkeypatch):
    from practices.search import index
    from practices.search import query as search

    monkeypatch.setattr(search, "COUNT_CAP", 2)
    monkeypatch.setattr(index, "MANY_IDS", 1)  # so that the search is "broad", as one matching 2,000+ cases
    for n in range(3):
        factories.practice(title=f"调解{n}", theme=library.fengqiao, region=library.erdao)
    _, data = get_json(client, "/api/v1/cases/?q=调")
    page = client.get("/cases/?q=调").context["page"]
    assert data["count"] == page.paginator.count
    assert data["count_capped"] is page.paginator.result_count.capped is True


def test_pages_link_to_the_next_and_previous_keeping_the_parameters(client, library):
    _, first = get_json(client, "/api/v1/cases/?sort=title&page_size=1")
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/cases/?sort=title&page_size=1&page=2"
    _, second = get_json(client, first["next"])
    assert second["previous"] == "http://testserver/api/v1/cases/?sort=title&page_size=1&page=1"


def test_unknown_filter_values_give_an_empty_list_that_says_so(client, library):
    _, data = get_json(client, "/api/v1/cases/?theme=nope")
    assert data["count"] == 0 and data["results"] == [] and data["not_found"] == ["主题“nope”"]


def test_drafts_and_other_hidden_cases_are_absent(client, library):
    _, data = get_json(client, "/api/v1/cases/?page_size=100")
    titles = {row["title"] for row in data["results"]}
    assert titles.isdisjoint(HIDDEN_TITLES)
    for hidden in library.hidden:
        assert client.get(f"/api/v1/cases/{hidden.public_id}/").status_code == 404
    _, tags = get_json(client, "/api/v1/tags/")
    assert HIDDEN_TAG not in {t["name"] for t in tags}


def test_a_case_record_is_complete(client, library):
    case = library.mediation
    _, record = get_json(client, f"/api/v1/cases/{case.public_id}/")
    assert record["public_id"] == case.public_id and record["title"] == "综治中心四级联动"
    assert record["text"] == [
        {"heading": "背景与问题", "text": case.background},
        {"heading": "主要做法", "text": case.approach},
    ]
    assert [r["code"] for r in record["region_path"]] == ["220000", "220100", "220105"]
    assert record["institution"]["slug"] == "dongshenglu-police" and record["institution"]["kind"]
    assert record["tags"] == ["枫桥经验", "调解"]
    assert record["key_figures"][0]["value"] == "99.84"
    assert record["sources"][0]["title"]
    image = next(i for i in record["images"] if i["is_cover"])
    assert image["alt_text"] == "综治中心大厅" and image["url"].startswith("http://testserver/")
    assert all(r["jpeg"].startswith("http://") and r["webp"] for r in image["renditions"])
    assert record["versions"][0]["number"] == 1
    assert record["url"] == f"http://testserver{case.get_absolute_url()}"


def test_the_vocabularies_count_published_cases_only(client, library):
    _, themes = get_json(client, "/api/v1/themes/")
    published = Practice.objects.published()
    assert {t["slug"]: t["case_count"] for t in themes}["fengqiao"] == published.filter(theme=library.fengqiao).count()
    _, regions = get_json(client, "/api/v1/regions/")
    assert {r["code"]: r["parent"] for r in regions}["220105"] == "220100"
    _, institutions = get_json(client, "/api/v1/institutions/")
    assert {i["slug"] for i in institutions} >= {"dongshenglu-police", "linjiang-court"}
    _, tags = get_json(client, "/api/v1/tags/")
    assert {t["name"]: t["case_count"] for t in tags}["调解"] == 2


def test_get_answers_any_origin_and_a_repeat_with_the_etag_is_304(client, library):
    response, _ = get_json(client, "/api/v1/cases/")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["ETag"] and response["Last-Modified"]
    again = client.get("/api/v1/cases/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again["Access-Control-Allow-Origin"] == "*"
    record = client.get(f"/api/v1/cases/{library.mediation.public_id}/")
    assert client.get(record.wsgi_request.path, HTTP_IF_MODIFIED_SINCE=record["Last-Modified"]).status_code == 304
    library.mediation.save()  # a change gives a new body, so the old ETag no longer matches
    changed = client.get("/api/v1/cases/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert changed.status_code in (200, 304)


def test_the_api_is_read_only(client, library):
    response = client.post("/api/v1/cases/", {})
    assert response.status_code == 405 and json.loads(response.content)["message"]


def test_too_many_requests_get_429_with_retry_after(client, library, monkeypatch):
    cache.clear()
    monkeypatch.setattr(api_views.RATE_LIMIT, "num_requests", 2)
    statuses = [client.get("/api/v1/themes/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    response = client.get("/api/v1/themes/")
    assert int(response["Retry-After"]) > 0 and json.loads(response.content)["message"]
    cache.clear()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/cases/?theme=%00",
        "/api/v1/cases/?q=%00调解",
        "/api/v1/cases/?year=²⁰²³",
        "/api/v1/cases/?year=99999999999999999999999999",
        "/api/v1/cases/?page=99999999999999999999999999&page_size=-5",
        "/api/v1/cases/?region=" + "9" * 5000,
        "/api/v1/cases/CB-2024-0001%00/",
        "/api/v1/cases/CB-²⁰²⁴-0001/",
        "/api/v1/cases/" + "9" * 3000 + "/",
        "/api/v1/nothing-here/",
    ],
)
def test_hostile_input_gets_a_json_4xx_or_an_empty_answer_never_a_500(client, library, url):
    response = client.get(url)
    assert response.status_code in (200, 400, 404)
    assert "message" in json.loads(response.content) or "results" in json.loads(response.content)


def test_errors_are_json_with_a_message(client, library):
    response, data = get_json(client, "/api/v1/cases/CB-1999-9999/")
    assert response.status_code == 404 and data == {"message": "Not found."}


def test_the_openapi_schema_is_valid(client):
    _, schema = get_json(client, "/api/v1/openapi.json")
    validate(schema)
    assert {"/api/v1/cases/", "/api/v1/cases/{public_id}/", "/api/v1/themes/"} <= set(schema["paths"])
    parameters = {p["name"] for p in schema["paths"]["/api/v1/cases/"]["get"]["parameters"]}
    assert parameters == {"q", "theme", "tag", "region", "institution", "year", "sort", "page", "page_size"}


def test_the_reference_page_is_served_locally_and_every_example_works(client, library):
    response = client.get("/api/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "cdn" not in html.lower() and "https://" not in html.replace("https://schema.org", "")
    for example in examples():
        assert f"curl -s 'http://testserver{example.path}'" in unescape(html)
        got = client.get(example.path)
        assert got.status_code == 200, example.path
        json.loads(got.content)


def test_the_reference_page_has_an_english_version(client, library):
    html = client.get("/en/api/").content.decode()
    assert "Open data API" in html and "/api/v1/openapi.json" in html


def test_list_queries_do_not_grow_with_the_page(client, library, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get("/api/v1/cases/?page_size=100")


def test_database_is_the_one_under_test():
    assert connection.vendor in ("sqlite", "postgresql")
