"""`/cases/export.zip`: the case list as a Frictionless Data Package (v2), streamed as it is written.

cases.csv is wide (one row a case, the export COLUMNS that hold one value); tags.csv, key_figures.csv and
sources.csv are long (one row a tag, figure or source, keyed by public ID). datapackage.json describes
every file (table schema with the codebook's descriptions, keys, row count, bytes, sha256), the query,
the dataset version (the newest change among the cases) and the licence; README.md says it in prose.

CSV here is for statistics software: UTF-8 without BOM, ISO dates, true/false, no thousands separators,
and text kept exactly as stored (no spreadsheet-formula prefix: use the CSV or Excel export for Excel).
"""

import csv
import hashlib
import io
import json
import zipfile
from collections import defaultdict
from datetime import date, datetime
from itertools import islice

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from practices.exports.columns import CHUNK_SIZE, COLUMNS, ExportRows, is_english
from practices.models import KeyFigure, Source, TaggedPractice

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"
SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"
DEFAULT_LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}
# Frictionless field types of the export column kinds; lists go to their own long tables.
FIELD_TYPES = {"integer": "integer", "text": "string", "date": "date", "datetime": "datetime", "url": "string"}
WIDE_COLUMNS = [c for c in COLUMNS if c.kind != "list"]
PUBLIC_ID_FIELD = {
    "name": "public_id",
    "type": "string",
    "description": "The case's public ID (cases.csv).",
    "constraints": {"required": True},
}
LONG_TABLES = {
    "tags": [
        PUBLIC_ID_FIELD,
        {"name": "tag", "type": "string", "description": "One tag of the case."},
    ],
    "key_figures": [
        PUBLIC_ID_FIELD,
        {"name": "position", "type": "integer", "description": "Order of the figure on the case page, from 1."},
        {"name": "label", "type": "string", "description": "What is measured (Chinese)."},
        {"name": "label_en", "type": "string", "description": "What is measured (English); may be empty."},
        {"name": "value", "type": "number", "description": "The value as the source states it."},
        {"name": "unit", "type": "string", "description": "Unit, e.g. % or 件; may be empty."},
        {"name": "as_of", "type": "date", "description": "Date the value refers to; may be empty."},
        {"name": "baseline_value", "type": "number", "description": "Comparison value; may be empty."},
        {"name": "baseline_on", "type": "date", "description": "Date of the comparison value; may be empty."},
        {"name": "note", "type": "string", "description": "How the figure was counted; may be empty."},
        {
            "name": "source",
            "type": "string",
            "description": "Title of the case's first source: a case cites its sources as a whole, not per figure.",
        },
    ],
    "sources": [
        PUBLIC_ID_FIELD,
        {"name": "position", "type": "integer", "description": "Order of the source on the case page, from 1."},
        {"name": "title", "type": "string", "description": "Title of the article, report or notice."},
        {"name": "publisher", "type": "string", "description": "Publisher; empty when not known."},
        {"name": "author", "type": "string", "description": "Author; may be empty."},
        {"name": "url", "type": "string", "format": "uri", "description": "Address; may be empty."},
        {"name": "published_on", "type": "date", "description": "Publication date; may be empty."},
        {"name": "accessed_on", "type": "date", "description": "Date the editor read it; may be empty."},
    ],
}
LONG_KEYS = {
    "tags": ["public_id", "tag"],
    "key_figures": ["public_id", "position"],
    "sources": ["public_id", "position"],
}
DESCRIPTIONS = {
    "cases": "One row per published case of the query, in the list's order.",
    "tags": "One row per tag of a case.",
    "key_figures": "One row per key figure of a case, numbers as the source states them.",
    "sources": "One row per source of a case.",
}


def licence():
    """The data's licence, settings.CASEBOOK_DATA_LICENCE (a Data Package licence object) or CC BY 4.0."""
    return getattr(settings, "CASEBOOK_DATA_LICENCE", DEFAULT_LICENCE)


def cell(value):
    """A value as package CSV text: ISO dates, true/false, plain numbers, nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def wide_fields():
    return [
        {
            "name": c.key,
            "title": c.en,
            "type": FIELD_TYPES[c.kind],
            "description": c.description_en,
            "casebook:title_zh": c.zh,
            "casebook:description_zh": c.description_zh,
        }
        | ({"format": "uri"} if c.kind == "url" else {})
        | ({"constraints": {"required": True, "unique": True}} if c.key in ("id", "public_id") else {})
        for c in WIDE_COLUMNS
    ]


class _Sink:
    """What the zip writer writes, handed on in pieces as the response body."""

    def __init__(self):
        self.pieces = []
        self.offset = 0

    def write(self, data):
        self.pieces.append(bytes(data))
        self.offset += len(data)
        return len(data)

    def tell(self):
        return self.offset

    def flush(self):
        pass

    def take(self):
        data = b"".join(self.pieces)
        self.pieces = []
        return data


class _Table:
    """One CSV file being written into the zip: counts rows and bytes and hashes what it writes."""

    def __init__(self, archive, name, header):
        self.name = name
        self.file = archive.open(f"{name}.csv", mode="w", force_zip64=True)
        self.text = io.StringIO()
        self.writer = csv.writer(self.text, lineterminator="\r\n")
        self.sha256 = hashlib.sha256()
        self.bytes = 0
        self.rows = 0
        self.writer.writerow(header)

    def row(self, values):
        self.writer.writerow([cell(v) for v in values])
        self.rows += 1

    def flush(self):
        data = self.text.getvalue().encode()
        self.text.seek(0)
        self.text.truncate()
        self.sha256.update(data)
        self.bytes += len(data)
        self.file.write(data)

    def close(self):
        self.flush()
        self.file.close()


def package_stream(queryset, origin, case_filter, query_url):
    """The zip's bytes, piece by piece: the four CSV files, then datapackage.json and README.md."""
    sink = _Sink()
    archive = zipfile.ZipFile(sink, mode="w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)
    # The dataset's version: when the newest case in it last changed.
    newest = queryset.order_by().aggregate(newest=Max("updated_at"))["newest"]
    tables = {}
    order = []  # (pk, public_id) of every case, in the list's order, for the long tables

    cases = tables["cases"] = _Table(archive, "cases", [c.key for c in WIDE_COLUMNS])
    rows = ExportRows(queryset, origin)
    for n, values in enumerate(rows, 1):
        cases.row(values[c.key] for c in WIDE_COLUMNS)
        order.append((values["id"], values["public_id"]))
        if n % CHUNK_SIZE == 0:
            cases.flush()
            yield sink.take()
    cases.close()
    yield sink.take()

    for name, fields in LONG_TABLES.items():
        table = tables[name] = _Table(archive, name, [f["name"] for f in fields])
        for chunk in _chunks(order):
            for values in LONG_ROWS[name](chunk):
                table.row(values)
            table.flush()
            yield sink.take()
        table.close()
        yield sink.take()

    descriptor = describe(tables, case_filter, query_url, newest)
    with archive.open("datapackage.json", mode="w") as out:
        out.write(json.dumps(descriptor, ensure_ascii=False, indent=2).encode() + b"\n")
    with archive.open("README.md", mode="w") as out:
        out.write(readme(descriptor).encode())
    archive.close()
    yield sink.take()


def _chunks(order):
    it = iter(order)
    while chunk := list(islice(it, CHUNK_SIZE)):
        yield chunk


def _tag_rows(chunk):
    ids = dict(chunk)
    found = defaultdict(list)
    links = TaggedPractice.objects.filter(content_object_id__in=ids).values_list("content_object_id", "tag__name")
    for pk, name in links:
        found[pk].append(name)
    for pk, public_id in chunk:
        for name in sorted(found[pk]):
            yield public_id, name


def _first_sources(ids):
    firsts = {}
    for pk, title in (
        Source.objects.filter(practice_id__in=ids)
        .order_by("practice_id", "order", "id")
        .values_list("practice_id", "title")
    ):
        firsts.setdefault(pk, title)
    return firsts


def _figure_rows(chunk):
    ids = [pk for pk, _ in chunk]
    found = defaultdict(list)
    fields = ("label", "label_en", "value", "unit", "as_of", "baseline_value", "baseline_on", "note")
    figures = KeyFigure.objects.filter(practice_id__in=ids).order_by("practice_id", "order", "id")
    for pk, *values in figures.values_list("practice_id", *fields):
        found[pk].append(values)
    firsts = _first_sources(ids)
    for pk, public_id in chunk:
        for position, (label, label_en, value, unit, as_of, baseline, baseline_on, note) in enumerate(found[pk], 1):
            yield (
                public_id,
                position,
                label,
                label_en,
                KeyFigure.format_number(value),
                unit,
                as_of,
                KeyFigure.format_number(baseline),
                baseline_on,
                note,
                firsts.get(pk, ""),
            )


def _source_rows(chunk):
    ids = [pk for pk, _ in chunk]
    found = defaultdict(list)
    fields = ("title", "publisher", "author", "url", "published_on", "accessed_on")
    for pk, *values in (
        Source.objects.filter(practice_id__in=ids)
        .order_by("practice_id", "order", "id")
        .values_list("practice_id", *fields)
    ):
        found[pk].append(values)
    for pk, public_id in chunk:
        for position, values in enumerate(found[pk], 1):
            yield (public_id, position, *values)


LONG_ROWS = {"tags": _tag_rows, "key_figures": _figure_rows, "sources": _source_rows}


def describe(tables, case_filter, query_url, newest):
    """datapackage.json: the package, its query and version, and each file with its schema and checksums."""
    resources = []
    for name, table in tables.items():
        if name == "cases":
            schema = {"fields": wide_fields(), "primaryKey": ["public_id"]}
        else:
            schema = {
                "fields": LONG_TABLES[name],
                "primaryKey": LONG_KEYS[name],
                "foreignKeys": [{"fields": ["public_id"], "reference": {"resource": "cases", "fields": ["public_id"]}}],
            }
        resources.append(
            {
                "$schema": RESOURCE_PROFILE,
                "name": name,
                "path": f"{name}.csv",
                "type": "table",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": DESCRIPTIONS[name],
                "bytes": table.bytes,
                "hash": f"sha256:{table.sha256.hexdigest()}",
                "casebook:rows": table.rows,
                "dialect": {"header": True, "delimiter": ",", "lineTerminator": "\r\n"},
                "schema": {"$schema": SCHEMA_PROFILE, "missingValues": [""]} | schema,
            }
        )
    version = timezone.localtime(newest).strftime("%Y.%m.%d-%H%M%S") if newest else "empty"
    return {
        "$schema": PROFILE,
        "name": "casebook-cases",
        "title": "Casebook: practice cases of grassroots governance and the rule of law",
        "description": "Published cases of Casebook (基层治理与法治实践案例库) matching the query below.",
        "version": version,
        "created": timezone.localtime().isoformat(timespec="seconds"),
        "homepage": query_url.split("/cases/")[0] + "/",
        "licenses": [licence()],
        "keywords": ["governance", "rule of law", "China", "practice cases"],
        "casebook:query": {"url": query_url, "filters": case_filter.as_dict(), "not_found": case_filter.not_found},
        "casebook:language": "en" if is_english() else "zh-Hans",
        "resources": resources,
    }


def readme(descriptor):
    """README.md of the package: what it holds and how it was made."""
    lines = [
        f"# {descriptor['title']}",
        "",
        descriptor["description"],
        "",
        f"- Query: {descriptor['casebook:query']['url']}",
        f"- Dataset version (newest change among the cases): {descriptor['version']}",
        f"- Made: {descriptor['created']}",
        f"- Licence: {descriptor['licenses'][0].get('title', descriptor['licenses'][0]['name'])}",
        "",
        "| file | rows | what |",
        "|---|---|---|",
    ]
    lines += [f"| {r['path']} | {r['casebook:rows']} | {r['description']} |" for r in descriptor["resources"]]
    lines += [
        "",
        "datapackage.json describes every column (type, meaning, keys) and gives each file's sha256; "
        "check the package with `frictionless validate datapackage.json`.",
        "Text is exactly as stored: CSV for statistics software (UTF-8, ISO dates, true/false). "
        "Public IDs never change; https://…/cases/id/<public_id>/ always leads to a case.",
        "",
    ]
    return "\n".join(lines)
