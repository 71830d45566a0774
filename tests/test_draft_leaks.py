"""Drafts, cases in review, archived and scheduled cases never reach the public, anywhere."""

import json
from urllib.parse import quote, unquote

import pytest
from django.urls import reverse

from tests import factories
from tests.public_fixtures import HIDDEN_TAG, HIDDEN_TITLES

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/en/",
    "/themes/",
    "/themes/fengqiao/",
    "/cases/",
    "/cases/?q=隐藏",
    "/cases/?theme=fengqiao&region=220105",
    "/cases/?institution=linjiang-court",
    "/tags/枫桥经验/",
    "/sitemap.xml",
    "/feeds/cases/",
    "/en/feeds/cases/",
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_hidden_cases_are_absent_from_every_public_page(client, library, url):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    for title in HIDDEN_TITLES:
        assert title not in body
    for case in library.hidden:
        assert case.slug not in body
    assert HIDDEN_TAG not in body


@pytest.mark.parametrize("index", range(len(HIDDEN_TITLES)))
def test_hidden_case_pages_are_404(client, library, index):
    assert client.get(library.hidden[index].get_absolute_url()).status_code == 404


def test_a_tag_only_hidden_cases_carry_has_no_page_and_is_not_a_filter(client, library):
    assert client.get(reverse("practices:tag_detail", kwargs={"slug": HIDDEN_TAG})).status_code == 404
    response = client.get("/cases/", {"tag": HIDDEN_TAG})
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == []
    assert "没有找到这些筛选条件" in response.content.decode()


def test_hidden_cases_are_not_counted_in_any_facet(client, library):
    facets = client.get("/cases/").context["facets"]
    assert facets.total == 3
    assert {t.slug: n for t, n in facets.themes} == {"fengqiao": 2, "justice": 1}
    assert [(rc.region.code, rc.count) for rc in facets.regions] == [("220000", 3), ("220100", 2), ("220600", 1)]
    assert {i.slug: n for i, n in facets.institutions} == {"dongshenglu-police": 2, "linjiang-court": 1}
    assert 2019 not in dict(facets.years)
    assert dict((t.name, n) for t, n in facets.tags)["枫桥经验"] == 2


def test_theme_counts_on_home_and_theme_list_ignore_hidden_cases(client, library):
    home = client.get("/").context["facets"]
    assert {t.slug: n for t, n in home.themes}["fengqiao"] == 2
    themes = {t.slug: n for t, n in client.get("/themes/").context["themes"]}
    assert themes["fengqiao"] == 2


def test_similar_cases_and_neighbours_skip_hidden_cases(client, library):
    response = client.get(library.mediation.get_absolute_url())
    similar = {item.practice.title for item in response.context["similar"]}
    assert similar and similar.isdisjoint(HIDDEN_TITLES)
    neighbours = response.context["neighbours"]
    assert neighbours.previous == library.policing
    assert neighbours.next is None


def test_unconsented_pictures_of_people_stay_hidden(client, library):
    body = client.get(library.mediation.get_absolute_url()).content.decode()
    assert "未经同意的人像" not in body
    assert "调解室" in body


@pytest.fixture
def draft_only(library):
    """An institution, a tag and a region (with a county below it) that only unpublished cases use."""
    secret_institution = factories.institution(name="保密的筹备机构", slug="secret-office")
    secret_city = factories.region("220200", "保密的地级市", library.jilin)
    secret_county = factories.region("220202", "保密的县", secret_city)
    for case in library.hidden:
        case.institution = secret_institution
        case.region = secret_county
        case.save()
    return secret_institution, secret_city, secret_county


@pytest.mark.parametrize(
    ("name", "value", "unknown"),
    [
        ("institution", "secret-office", "no-such-office"),
        ("region", "220200", "229900"),
        ("region", "220202", "229999"),
        ("tag", HIDDEN_TAG, "没有这个标签"),
    ],
    ids=["institution", "city", "county", "tag"],
)
def test_what_only_drafts_use_is_unknown_to_the_public(client, draft_only, name, value, unknown):
    """A draft-only name leaked through the chip, the facet and the export's file name, and the answer
    differed from an unknown value's."""
    # A tag's slug is its name: the notice may repeat what the visitor typed, nothing more.
    secret_names = [n for n in ("保密的筹备机构", "保密的地级市", "保密的县", HIDDEN_TAG) if n != value]

    def page(typed):
        response = client.get("/cases/", {name: typed})
        assert response.status_code == 200
        assert list(response.context["page"].object_list) == []
        return response.content.decode().replace(quote(typed), "…").replace(typed, "…")

    body = page(value)
    assert "没有找到这些筛选条件" in body
    assert not any(secret in body for secret in secret_names)
    assert body == page(unknown)
    for extension in ("csv", "json", "xlsx"):
        export = client.get(f"/cases/export.{extension}", {name: value})
        assert export.status_code == 200
        assert not any(secret in unquote(export["Content-Disposition"]) for secret in secret_names)
    data = json.loads(b"".join(client.get("/cases/export.json", {name: value}).streaming_content))
    assert data["count"] == 0 and data["filters"]["not_found"]
