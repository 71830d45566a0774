"""/cases/export.zip: a Frictionless Data Package of exactly the list, which `frictionless validate` accepts."""

import csv
import hashlib
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from frictionless import validate

from practices.exports.columns import COLUMNS
from tests import factories

pytestmark = pytest.mark.django_db


def package(client, query=""):
    response = client.get(f"/cases/export.zip?{query}")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response.streaming
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def rows(archive, name):
    return list(csv.DictReader(io.StringIO(archive.read(f"{name}.csv").decode("utf-8"))))


def test_the_package_validates_with_frictionless(client, library, tmp_path):
    factories.key_figure(library.courts, value="14456", baseline_value="12000.5", unit="件")
    archive = package(client)
    archive.extractall(tmp_path)
    report = validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    # The command-line tool analysts would run says the same.
    cli = Path(sys.executable).parent / "frictionless"
    result = subprocess.run([cli, "validate", "datapackage.json"], cwd=tmp_path, capture_output=True, text=True)  # noqa: S603 - our own venv tool
    assert result.returncode == 0, result.stdout + result.stderr


def test_files_rows_and_checksums(client, library):
    archive = package(client, "theme=fengqiao&sort=title")
    assert set(archive.namelist()) == {
        "cases.csv",
        "tags.csv",
        "key_figures.csv",
        "sources.csv",
        "datapackage.json",
        "README.md",
    }
    descriptor = json.loads(archive.read("datapackage.json"))
    page = client.get("/cases/?theme=fengqiao&sort=title&page_size=100").context["page"]
    cases = rows(archive, "cases")
    assert [r["public_id"] for r in cases] == [p.public_id for p in page.object_list]
    for resource in descriptor["resources"]:
        data = archive.read(resource["path"])
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert resource["bytes"] == len(data)
        assert resource["casebook:rows"] == len(rows(archive, resource["name"]))
    assert descriptor["casebook:query"]["filters"]["theme"] == "fengqiao"
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert descriptor["version"]
    readme = archive.read("README.md").decode()
    assert "theme=fengqiao" in readme and "cases.csv" in readme


def test_columns_come_from_the_export_codebook(client, library):
    descriptor = json.loads(package(client).read("datapackage.json"))
    cases = next(r for r in descriptor["resources"] if r["name"] == "cases")
    fields = {f["name"]: f for f in cases["schema"]["fields"]}
    expected = [c.key for c in COLUMNS if c.kind != "list"]
    assert list(fields) == expected
    by_key = {c.key: c for c in COLUMNS}
    assert fields["summary"]["description"] == by_key["summary"].description_en
    assert fields["published_at"]["type"] == "datetime" and cases["schema"]["primaryKey"] == ["public_id"]
    tags = next(r for r in descriptor["resources"] if r["name"] == "tags")
    assert tags["schema"]["foreignKeys"][0]["reference"] == {"resource": "cases", "fields": ["public_id"]}


def test_long_tables_hold_tags_figures_and_sources_with_iso_dates_and_plain_numbers(client, library):
    import datetime

    factories.key_figure(library.mediation, label="调解案件", value="14456", as_of=datetime.date(2024, 8, 30))
    archive = package(client)
    figures = [r for r in rows(archive, "key_figures") if r["public_id"] == library.mediation.public_id]
    assert any({"value": "14456", "as_of": "2024-08-30"}.items() <= f.items() for f in figures), figures
    assert all("," not in r["value"] for r in figures)
    tags = {(r["public_id"], r["tag"]) for r in rows(archive, "tags")}
    assert (library.mediation.public_id, "调解") in tags
    sources = rows(archive, "sources")
    assert sources and all(r["position"] == "1" or int(r["position"]) > 1 for r in sources)


def test_drafts_are_never_packaged(client, library):
    archive = package(client, "page_size=100")
    public_ids = {r["public_id"] for r in rows(archive, "cases")}
    assert public_ids.isdisjoint(h.public_id for h in library.hidden)
    assert {r["public_id"] for r in rows(archive, "tags")} <= public_ids


def test_unknown_filters_give_an_empty_valid_package(client, library, tmp_path):
    archive = package(client, "theme=nope")
    assert rows(archive, "cases") == []
    archive.extractall(tmp_path)
    assert validate(tmp_path / "datapackage.json").valid


def test_the_export_control_and_the_codebook_offer_it(client, library):
    html = client.get("/cases/?theme=fengqiao&page=2").content.decode()
    assert 'href="/cases/export.zip?theme=fengqiao"' in html
    assert "export.zip" in client.get("/codebook/").content.decode()


def test_the_english_codebook_describes_the_package(client):
    html = client.get("/en/codebook/").content.decode()
    assert "Data package (/cases/export.zip, same parameters)" in html
