"""The sitemap and the Atom feed: valid XML, every published case, nothing hidden."""

import xml.etree.ElementTree as ET
from datetime import datetime

import pytest
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ATOM = "{http://www.w3.org/2005/Atom}"


def parse(content):
    """Our own response, not untrusted input."""
    return ET.fromstring(content)  # noqa: S314


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = parse(response.content)
    return {
        url.find(f"{SITEMAP}loc").text: (
            url.findtext(f"{SITEMAP}lastmod"),
            {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")},
        )
        for url in root.findall(f"{SITEMAP}url")
    }


def test_sitemap_lists_every_published_case_theme_and_tag_in_both_languages(client, library):
    entries = sitemap_entries(client)
    for case in (library.mediation, library.policing, library.courts):
        path = case.get_absolute_url()
        lastmod, alternates = entries[f"http://testserver{path}"]
        assert lastmod == timezone.localdate(case.updated_at).isoformat()
        assert alternates["en"] == f"http://testserver/en{path}"
        assert f"http://testserver/en{path}" in entries
    assert "http://testserver/themes/fengqiao/" in entries
    assert entries["http://testserver/themes/fengqiao/"][0]
    assert "http://testserver/tags/%E6%9E%AB%E6%A1%A5%E7%BB%8F%E9%AA%8C/" in entries
    assert "http://testserver/" in entries and "http://testserver/cases/" in entries


def test_sitemap_leaves_out_hidden_cases_and_their_only_tags(client, library):
    locations = " ".join(sitemap_entries(client))
    for case in library.hidden:
        assert case.get_absolute_url() not in locations
    assert "%E4%BB%85%E8%8D%89%E7%A8%BF" not in locations  # 仅草稿标签


def test_sitemap_lastmod_is_a_date(client, library):
    for lastmod, _ in sitemap_entries(client).values():
        if lastmod:
            datetime.fromisoformat(lastmod)


def test_feed_is_atom_with_the_newest_cases_each_with_title_link_and_updated(client):
    cases = [factories.practice(title=f"新案例{i}") for i in range(12)]
    factories.practice(status="draft", title="草稿不进订阅")
    response = client.get("/feeds/cases/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = parse(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}title") == "Casebook 最新案例"
    assert root.find(f"{ATOM}updated") is not None and root.find(f"{ATOM}author") is not None
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 12
    newest_first = sorted(cases, key=lambda c: c.published_at, reverse=True)
    assert [e.findtext(f"{ATOM}title") for e in entries] == [c.title for c in newest_first]
    for entry, case in zip(entries, newest_first, strict=True):
        assert entry.find(f"{ATOM}link").get("href") == f"http://testserver{case.get_absolute_url()}"
        datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        assert entry.findtext(f"{ATOM}id") == f"tag:casebook,2024:case/{case.pk}"
    assert "草稿不进订阅" not in response.content.decode()


def test_english_feed_uses_english_titles(client, library):
    root = parse(client.get("/en/feeds/cases/").content)
    assert root.findtext(f"{ATOM}title") == "Casebook: latest cases"
    titles = [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]
    assert "Four-tier governance centres" in titles
    link = root.findall(f"{ATOM}entry")[0].find(f"{ATOM}link").get("href")
    assert link.startswith("http://testserver/en/cases/")
