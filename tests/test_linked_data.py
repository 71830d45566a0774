"""schema.org JSON-LD on case pages and the home page, read back with extruct as a harvester would."""

import extruct
import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def json_ld(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return extruct.extract(response.content.decode(), base_url="http://testserver" + url, syntaxes=["json-ld"])[
        "json-ld"
    ]


@pytest.fixture
def case():
    jilin = factories.region("220000", "吉林省")
    changchun = factories.region("220100", "长春市", jilin)
    changchun.name_en = "Changchun"
    changchun.save()
    theme = factories.theme(name="司法为民", name_en="Justice for the people", slug="justice")
    case = factories.practice(
        title="巡回法庭进社区",
        title_en="Circuit court in the community",
        summary="法官带着国徽下乡。",
        summary_en="Judges hold hearings in villages.",
        slug="circuit",
        theme=theme,
        region=changchun,
        institution=factories.institution(name="二道区人民法院"),
        tags=["巡回审判"],
    )
    factories.source(case, title="吉林行采访活动掠影", url="https://example.com/a", publisher="法治日报")
    factories.practice_image(case, alt_text="法官在村委会开庭", caption="巡回法庭", is_cover=True)
    return case


def test_a_case_page_describes_the_case_as_an_article(client, case):
    [article] = json_ld(client, "/cases/circuit/")
    assert article["@context"] == "https://schema.org" and article["@type"] == "Article"
    assert article["identifier"]["value"] == case.public_id
    assert article["@id"] == f"http://testserver/cases/id/{case.public_id}/"
    assert article["name"] == "巡回法庭进社区" and article["inLanguage"] == "zh-CN"
    assert article["abstract"] == "法官带着国徽下乡。"
    place = article["spatialCoverage"]
    assert place["@type"] == "AdministrativeArea" and place["name"] == "长春市"
    assert place["identifier"] == {"@type": "PropertyValue", "propertyID": "GB/T 2260", "value": "220100"}
    assert place["containedInPlace"]["identifier"]["value"] == "220000"
    assert article["about"]["name"] == "司法为民"
    assert article["provider"]["name"] == "Casebook"
    assert article["version"] == "1" and article["dateModified"].startswith(str(case.updated_at.year))
    assert article["citation"] == [
        {
            "@type": "CreativeWork",
            "name": "吉林行采访活动掠影",
            "url": "https://example.com/a",
            "publisher": {"@type": "Organization", "name": "法治日报"},
            "author": {"@type": "Person", "name": "张倩"},
        }
    ]
    [image] = article["image"]
    assert image["@type"] == "ImageObject" and image["description"] == "法官在村委会开庭"
    assert image["contentUrl"].startswith("http://testserver/")
    assert article["keywords"] == ["巡回审判"]


def test_the_english_case_page_gives_its_english_values(client, case):
    [article] = json_ld(client, "/en/cases/circuit/")
    assert article["name"] == "Circuit court in the community" and article["inLanguage"] == "en"
    assert article["alternateName"] == "巡回法庭进社区"
    assert article["abstract"] == "Judges hold hearings in villages."
    assert article["about"]["name"] == "Justice for the people"
    assert article["spatialCoverage"]["name"] == "Changchun"
    assert article["url"] == "http://testserver/en/cases/circuit/"


def test_text_that_could_close_the_script_element_is_escaped(client, case):
    case.summary = "</script><script>alert(1)</script>"
    case.save()
    html = client.get("/cases/circuit/").content.decode()
    assert "<script>alert(1)" not in html
    [article] = json_ld(client, "/cases/circuit/")
    assert article["abstract"] == "</script><script>alert(1)</script>"


def test_the_home_page_is_a_website_with_a_search_action(client):
    [site] = json_ld(client, "/")
    assert site["@type"] == "WebSite" and site["url"] == "http://testserver/"
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://testserver/cases/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"
    [english] = json_ld(client, "/en/")
    assert english["inLanguage"] == "en"
    assert english["potentialAction"]["target"]["urlTemplate"] == "http://testserver/en/cases/?q={search_term_string}"
