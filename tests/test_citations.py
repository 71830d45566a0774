"""Cite this case: GB/T 7714-2015 and APA on the page, BibTeX, RIS and CSL-JSON downloads."""

import datetime
import json

import pytest
from django.utils import timezone

from practices.opendata.citation import CaseCitation
from practices.opendata.versions import public_versions
from tests import factories

pytestmark = pytest.mark.django_db

URL = "http://testserver/cases/id/CB-2024-0007/"


@pytest.fixture
def case():
    published = timezone.make_aware(datetime.datetime(2024, 9, 2, 10, 0))
    return factories.practice(
        title="巡回法庭进社区",
        title_en="Circuit court in the community",
        summary="法官带着国徽下乡。",
        slug="circuit",
        public_id="CB-2024-0007",
        published_at=published,
    )


@pytest.fixture
def citation(case, rf):
    version = public_versions(case)[-1]
    return CaseCitation.of(case, version, rf.get("/").build_absolute_uri, accessed_on=datetime.date(2026, 11, 29))


def test_gb_t_7714_names_the_id_version_type_dates_and_permanent_address(citation):
    # Checked by hand against GB/T 7714-2015 §4.8/§8.8: 责任者. 题名: 其他题名信息[EB/OL]. (发布日期)[引用日期]. 网址.
    # The style writes Latin letters of an author in capitals, as the standard does for names.
    assert citation.gb_t_7714() == (
        "CASEBOOK 基层治理与法治实践案例库. 巡回法庭进社区: CB-2024-0007，第1版[EB/OL]. "
        f"(2024-09-02)[2026-11-29]. {URL}."
    )


def test_apa_gives_the_english_title_in_brackets_and_the_id_and_version(citation):
    assert citation.apa() == (
        "Casebook 基层治理与法治实践案例库. (2024, September 2). 巡回法庭进社区 [Circuit court in the community] "
        f"(CB-2024-0007, version 1). Casebook 基层治理与法治实践案例库. {URL}"
    )


def test_every_case_page_shows_both_citations_with_todays_access_date(client, case):
    html = client.get("/cases/circuit/").content.decode()
    assert "引用本案例" in html
    assert f"[{timezone.localdate().isoformat()}]" in html and "[EB/OL]" in html
    assert "<i>巡回法庭进社区 [Circuit court in the community]</i>" in html
    assert 'href="/cases/circuit/cite.bib"' in html
    assert "Cite this case" in client.get("/en/cases/circuit/").content.decode()


def test_csl_json_download(client, case):
    response = client.get("/cases/circuit/cite.json")
    assert response["Content-Type"].startswith("application/vnd.citationstyles.csl+json")
    assert 'filename="CB-2024-0007.json"' in response["Content-Disposition"]
    [item] = json.loads(response.content)
    assert item["id"] == item["number"] == "CB-2024-0007"
    assert item["version"] == "1" and item["type"] == "webpage"
    assert item["issued"] == {"date-parts": [[2024, 9, 2]]}
    assert item["URL"] == URL


def test_bibtex_download_escapes_latex_specials(client, case):
    case.title = "调解 100% {成功} & #1"
    case.save()
    text = client.get("/cases/circuit/cite.bib").content.decode()
    assert text.startswith("@misc{CB-2024-0007,\n")
    assert r"title = {{调解 100\% \{成功\} \& \#1}}" in text
    assert f"url = {{{URL}}}" in text and "version = {1}" in text
    assert text.count("{") - text.count(r"\{") == text.count("}") - text.count(r"\}")


def test_ris_download(client, case):
    text = client.get("/cases/circuit/cite.ris").content.decode()
    lines = text.split("\r\n")
    assert lines[0] == "TY  - ELEC" and "ID  - CB-2024-0007" in lines and "ET  - 1" in lines
    assert f"UR  - {URL}" in lines and lines[-2] == "ER  - "


def test_html_in_a_title_is_escaped_in_the_citation(client, case):
    case.title = "<script>alert(1)</script>"
    case.save()
    html = client.get("/cases/circuit/").content.decode()
    assert "<script>alert(1)</script>" not in html


def test_drafts_and_unknown_formats_have_no_citation(client):
    from practices.models import Practice

    factories.practice(status=Practice.Status.DRAFT, slug="draft")
    assert client.get("/cases/draft/cite.bib").status_code == 404
    assert client.get("/cases/nope/cite.bib").status_code == 404
    assert client.get("/cases/draft/cite.exe").status_code == 404
