"""OAI-PMH 2.0 at /oai/, harvested with Sickle against a live server as a library catalogue would."""

import pytest
from sickle import Sickle, oaiexceptions

from practices.models import Practice
from practices.opendata import oai
from tests import factories

# serialized_rollback: leave the database as the next transactional test expects it (content types, groups)
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def repository(live_server):
    theme = factories.theme(name="司法为民", slug="justice")
    other = factories.theme(name="枫桥经验", slug="枫桥")
    region = factories.region("220100", "长春市")
    cases = [
        factories.practice(theme=theme if n % 2 else other, region=region, title=f"案例{n}", tags=["调解"])
        for n in range(7)
    ]
    factories.practice(status=Practice.Status.DRAFT, theme=theme, region=region, title="草稿")
    return {"url": live_server.url + "/oai/", "cases": cases, "theme": theme, "other": other}


@pytest.fixture
def sickle(repository):
    return Sickle(repository["url"], max_retries=0)


def test_identify(sickle, repository):
    info = sickle.Identify()
    assert info.protocolVersion == "2.0" and info.baseURL == repository["url"]
    assert info.granularity == "YYYY-MM-DDThh:mm:ssZ" and info.deletedRecord == "no"


def test_list_metadata_formats_offers_oai_dc(sickle):
    assert [f.metadataPrefix for f in sickle.ListMetadataFormats()] == ["oai_dc"]


def test_sets_are_the_themes(sickle, repository):
    sets = {s.setSpec: s.setName for s in sickle.ListSets()}
    # A Unicode slug is not a legal setSpec: such a theme is theme-<id>.
    assert sets == {"justice": "司法为民", f"theme-{repository['other'].pk}": "枫桥经验"}


def test_list_records_follows_resumption_tokens_to_every_published_case(sickle, repository, monkeypatch):
    monkeypatch.setattr(oai, "PAGE_SIZE", 3)
    records = list(sickle.ListRecords(metadataPrefix="oai_dc"))
    identifiers = [r.header.identifier.rsplit(":", 1)[1] for r in records]
    assert sorted(identifiers) == sorted(c.public_id for c in repository["cases"])
    first = repository["cases"][0]
    record = next(r for r in records if r.header.identifier.endswith(first.public_id))
    assert record.metadata["title"] == [first.title]
    assert first.public_id in record.metadata["identifier"]
    assert "调解" in record.metadata["subject"]


def test_list_identifiers_by_set_and_date(sickle, repository, monkeypatch):
    monkeypatch.setattr(oai, "PAGE_SIZE", 2)
    headers = list(sickle.ListIdentifiers(metadataPrefix="oai_dc", set="justice"))
    assert len(headers) == 3 and {h.setSpecs[0] for h in headers} == {"justice"}
    assert (
        len(list(sickle.ListIdentifiers(metadataPrefix="oai_dc", **{"from": "2000-01-01", "until": "2999-12-31"}))) == 7
    )
    with pytest.raises(oaiexceptions.NoRecordsMatch):
        list(sickle.ListIdentifiers(metadataPrefix="oai_dc", **{"until": "2000-01-01"}))


def test_get_record_and_its_errors(sickle, repository):
    case = repository["cases"][0]
    record = sickle.GetRecord(identifier=f"oai:localhost:{case.public_id}", metadataPrefix="oai_dc")
    assert record.metadata["title"] == [case.title]
    with pytest.raises(oaiexceptions.IdDoesNotExist):
        sickle.GetRecord(identifier="oai:localhost:CB-1999-0001", metadataPrefix="oai_dc")
    with pytest.raises(oaiexceptions.CannotDisseminateFormat):
        sickle.GetRecord(identifier=f"oai:localhost:{case.public_id}", metadataPrefix="marc21")


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("", "badVerb"),
        ("verb=Nope", "badVerb"),
        ("verb=ListRecords", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=yesterday", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01&until=2024-02-01T00:00:00Z", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&set=nope", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&set=%00", "badArgument"),
        ("verb=ListRecords&resumptionToken=forged", "badResumptionToken"),
        ("verb=ListRecords&resumptionToken=x&metadataPrefix=oai_dc", "badArgument"),
        ("verb=GetRecord&identifier=%C2%B2&metadataPrefix=oai_dc", "idDoesNotExist"),
        ("verb=Identify&extra=1", "badArgument"),
    ],
)
def test_protocol_errors_are_answered_as_the_protocol_defines(client, repository, query, code):
    response = client.get(f"/oai/?{query}")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/xml")
    body = response.content.decode()
    assert f'<error code="{code}">' in body
    if code in ("badVerb", "badArgument"):
        assert "<request>" in body  # no attributes echoed for an illegal request


def test_drafts_are_never_harvested(sickle, repository):
    titles = [r.metadata["title"][0] for r in sickle.ListRecords(metadataPrefix="oai_dc")]
    assert "草稿" not in titles
