"""The Export control on every list page links to exactly the list on screen."""

from html import unescape
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def export_links(response):
    html = response.content.decode()
    control = html[html.index('class="export-links"') :]
    control = control[: control.index("</div>")]
    links = {}
    for part in control.split('href="')[1:]:
        url = unescape(part[: part.index('"')])
        links[urlsplit(url).path] = parse_qs(urlsplit(url).query)
    return links


def test_case_list_export_keeps_the_filters_and_drops_paging(client):
    theme = factories.theme(slug="fengqiao")
    factories.practice(theme=theme, tags=["调解"])
    links = export_links(client.get("/cases/", {"theme": "fengqiao", "tag": "调解", "q": "案例", "page": "2"}))
    csv = links["/cases/export.csv"]
    assert csv == {"theme": ["fengqiao"], "tag": ["调解"], "q": ["案例"]}
    assert links["/cases/export.xlsx"] == csv and links["/cases/export.json"] == csv


def test_theme_and_tag_pages_export_their_own_list(client):
    theme = factories.theme(slug="fengqiao")
    factories.practice(theme=theme, tags=["调解"])
    on_theme = export_links(client.get("/themes/fengqiao/", {"sort": "title"}))
    assert on_theme["/cases/export.csv"] == {"theme": ["fengqiao"], "sort": ["title"]}
    on_tag = export_links(client.get("/tags/" + quote("调解") + "/"))
    assert on_tag["/cases/export.csv"] == {"tag": ["调解"]}


def test_english_pages_link_english_exports(client):
    factories.practice()
    links = export_links(client.get("/en/cases/"))
    assert "/en/cases/export.csv" in links
