"""Hostile input on every public parameter and path: never a server error, never a broken export.

Each value of the corpus goes into every query parameter of the case list, the theme and tag pages and
the three exports, into the slug of every public path, and into the sitemap's page. Pages answer below
500; an export answers 200 with a complete file, or a 4xx before its first byte. Run on SQLite by
`make test` and on PostgreSQL (which refuses NUL in text) by `make test-postgres`.
"""

import csv
import io
import json
import zipfile
from urllib.parse import quote

import pytest

from practices.exports.columns import COLUMNS

pytestmark = pytest.mark.django_db


class Raw(str):
    """A value already written as it travels in the address (percent-escapes kept as they are)."""


CORPUS = [
    # NUL, which PostgreSQL cannot store in text.
    Raw("%00"),
    Raw("a%00b"),
    Raw("22010%00"),
    Raw("2020%00"),
    Raw("fengqiao%00"),
    Raw("%00%00%00"),
    Raw("%C0%80"),  # overlong NUL
    # Lone surrogates and other invalid UTF-8 as percent-escapes.
    Raw("%ED%A0%80"),
    Raw("%ED%BF%BF"),
    Raw("a%ED%B2%A9b"),
    Raw("%ED%A0%BD%ED%B8%80"),
    Raw("%uD800"),
    Raw("%FF"),
    Raw("%FE%FF"),
    Raw("%80"),
    Raw("%C3"),
    Raw("%E4%B8"),
    Raw("%C0%AF"),
    Raw("%F8%88%80%80%80"),
    Raw("%F4%90%80%80"),
    Raw("%"),
    Raw("%%"),
    Raw("%zz"),
    Raw("%2"),
    # Digits that are not ASCII digits, and numbers that are not years, pages or codes.
    "²",
    "①",
    "２０２０",
    "٢٠٢٠",
    "१९९९",
    "²⁰²⁰",
    "𝟚𝟘𝟚𝟘",
    "Ⅻ",
    "½",
    "2２0１",
    "-1",
    "+2020",
    "2020.0",
    "1e3",
    "0x7E4",
    "0",
    "-0",
    "NaN",
    "inf",
    "99999999999999999999999999999",
    "-99999999999999999999999999999",
    "0" * 5000 + "2020",
    "22０１05",
    "２２０１０５",
    # Long strings.
    "a" * 10_000,
    "长" * 10_000,
    "1" * 10_000,
    "枫 " * 5_000,
    "😀" * 2_500,
    # Full-text search and SQL syntax.
    '"',
    '""',
    '"未闭合',
    "“",
    "NEAR(a b)",
    "a OR b",
    "a AND NOT b",
    "*",
    "a*",
    "^a",
    "title:x",
    "{title body}: x",
    "(",
    ")",
    "-a",
    "NOT",
    "a & b | !c",
    "a <-> b",
    ":*",
    "!!",
    "' OR '1'='1",
    "1; DROP TABLE practices_practice;--",
    '" OR 1=1 --',
    "1 UNION SELECT password FROM auth_user",
    "'",
    "''",
    "\\",
    "%",
    "_",
    "%_%",
    "\\x00",
    "$1",
    "?",
    # Right-to-left marks, invisible and odd spaces.
    "\u200f",
    "\u202e2020",
    "\u2066枫桥\u2069",
    "\u200b",
    "\ufeff",
    "\u00a0",
    "\u3000",
    "\u2028",
    "a\u0301",
    # Emoji.
    "😀",
    "👨‍👩‍👧",
    "🏳️‍🌈",
    "\U0010ffff",
    "\ufffd",
    # Path traversal.
    "../../etc/passwd",
    Raw("%2e%2e/%2e%2e/etc/passwd"),
    Raw("%2e%2e%2f%2e%2e%2f"),
    Raw("%252e%252e%252f"),
    "..\\..\\windows\\win.ini",
    "/etc/passwd",
    "....//",
    "file:///etc/passwd",
    # Markup, templates, formulas and header injection.
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{ 7*7 }}",
    "{% debug %}",
    "${7*7}",
    "=1+1",
    "@SUM(1)",
    "＝1+1",
    Raw("%0D%0ASet-Cookie:%20x=1"),
    "\t",
    "\x7f",
    "\x01\x02\x1b[31m",
    "",
    " ",
    "&",
    "=",
    "#",
    "null",
    "[]",
    "__proto__",
]

LIST_FILTERS = ("theme", "tag", "region", "institution", "year")
LIST_OTHERS = ("q", "sort", "page", "page_size")


def escaped(value):
    return value if isinstance(value, Raw) else quote(value, safe="")


def query(names, value):
    return "&".join(f"{name}={escaped(value)}" for name in names)


def test_the_corpus_is_large_enough():
    assert len(CORPUS) >= 100
    assert len({escaped(value) for value in CORPUS}) == len(CORPUS)


@pytest.fixture
def hostile_client(client, library):
    """A client that hands back a 500 as a response, so one run lists every failing value."""
    client.raise_request_exception = False
    return client


def failures_of(client, urls, check):
    failures = []
    for url in urls:
        try:
            response = client.get(url)
            problem = check(response)
        except Exception as error:  # noqa: BLE001 - a failing value is reported with the rest, not alone
            problem = f"raised {error!r}"[:200]
        if problem:
            failures.append(f"{url[:120]} → {problem}")
    return failures


def page_check(response):
    if response.status_code >= 500:
        return f"status {response.status_code}"
    return None


PAGE_URLS = {
    "list-filters": lambda v: f"/cases/?{query(LIST_FILTERS, v)}",
    "list-search-and-paging": lambda v: f"/cases/?{query(LIST_OTHERS, v)}",
    "english-list": lambda v: f"/en/cases/?{query(LIST_FILTERS + LIST_OTHERS, v)}",
    "theme-page-parameters": lambda v: f"/themes/fengqiao/?{query(LIST_OTHERS + ('tag', 'year'), v)}",
    "tag-page-parameters": lambda v: f"/tags/{quote('枫桥经验')}/?{query(LIST_OTHERS + ('region',), v)}",
    "case-slug": lambda v: f"/cases/{escaped(v)}/",
    "theme-slug": lambda v: f"/themes/{escaped(v)}/",
    "tag-slug": lambda v: f"/tags/{escaped(v)}/",
    "english-case-slug": lambda v: f"/en/cases/{escaped(v)}/",
    "sitemap-page": lambda v: f"/sitemap.xml?p={escaped(v)}",
    "language-switch-next": lambda v: f"/i18n/setlang/?next={escaped(v)}",
}


@pytest.mark.parametrize("kind", PAGE_URLS)
def test_no_hostile_value_is_a_server_error(hostile_client, kind):
    urls = [PAGE_URLS[kind](value) for value in CORPUS]
    assert failures_of(hostile_client, urls, page_check) == []


def test_pages_without_parameters_ignore_hostile_ones(hostile_client):
    junk = query(("q", "x", "p", "theme"), "%00²") + "&" + query(("y",), "\u202e" * 100)
    urls = [f"{path}?{junk}" for path in ("/", "/themes/", "/codebook/", "/feeds/cases/", "/robots.txt", "/en/")]
    assert failures_of(hostile_client, urls, page_check) == []


def complete_csv(body):
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    if not rows or any(len(row) != len(COLUMNS) for row in rows):
        return "incomplete CSV"
    return None


def complete_json(body):
    data = json.loads(body)
    if data["count"] != len(data["results"]):
        return "incomplete JSON"
    return None


def complete_xlsx(body):
    with zipfile.ZipFile(io.BytesIO(body)) as workbook:
        if "xl/workbook.xml" not in workbook.namelist() or workbook.testzip() is not None:
            return "incomplete XLSX"
    return None


def export_check(complete):
    def check(response):
        if response.status_code == 200:
            body = b"".join(response.streaming_content) if response.streaming else response.content
            return complete(body)
        if 400 <= response.status_code < 500:
            return None
        return f"status {response.status_code}"

    return check


EXPORTS = {"csv": complete_csv, "json": complete_json, "xlsx": complete_xlsx}


@pytest.mark.parametrize("parameters", ["filters", "search-and-sort"])
@pytest.mark.parametrize("extension", EXPORTS)
def test_every_export_is_complete_or_refused_before_its_first_byte(hostile_client, extension, parameters):
    names = LIST_FILTERS if parameters == "filters" else ("q", "sort", "page")
    urls = [f"/cases/export.{extension}?{query(names, value)}" for value in CORPUS]
    assert failures_of(hostile_client, urls, export_check(EXPORTS[extension])) == []


HOSTILE_HEADERS = [
    {"host": "evil.example"},
    {"host": "testserver:99999999999"},
    {"host": "testserver:²"},
    {"host": "a" * 10_000},
    {"host": "testserver\x00"},
    {"host": "[::1"},
    {"accept-language": "zh;q=²"},
    {"accept-language": "x" * 10_000},
    {"accept-language": "en;q=NaN, zh-Hans;q=-1, *;q=inf"},
    {"cookie": "sessionid=%00; messages=²"},
    {"x-forwarded-proto": "javascript"},
    {"x-forwarded-host": "evil.example"},
    {"if-modified-since": "²"},
    {"if-none-match": '"' * 1000},
    {"range": "bytes=-²"},
]


@pytest.mark.parametrize("path", ["/", "/cases/?q=调解", "/cases/export.csv", "/feeds/cases/", "/sitemap.xml"])
def test_hostile_headers_are_never_a_server_error(hostile_client, path):
    urls = [path] * len(HOSTILE_HEADERS)
    failures = []
    for headers, url in zip(HOSTILE_HEADERS, urls, strict=True):
        try:
            response = hostile_client.get(url, headers=headers)
            if response.status_code >= 500:
                failures.append(f"{headers} → {response.status_code}")
            elif response.streaming:
                b"".join(response.streaming_content)
        except Exception as error:  # noqa: BLE001 - reported with the rest
            failures.append(f"{headers} → raised {error!r}"[:200])
    assert failures == []


@pytest.mark.parametrize("path", ["/cases/", "/cases/export.csv", "/cases/export.json", "/cases/export.xlsx"])
def test_thousands_of_parameters_are_a_client_error(hostile_client, path):
    """More fields than DATA_UPLOAD_MAX_NUMBER_FIELDS are refused; a few hundred tags are cut to ten."""
    assert hostile_client.get(f"{path}?" + "&".join(f"tag=t{i}" for i in range(5000))).status_code == 400
    many_tags = hostile_client.get(f"{path}?" + "&".join(f"tag=t{i}" for i in range(500)))
    assert many_tags.status_code == 200
