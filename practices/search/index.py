"""The search index: one denormalised document per case, in a table the ORM does not manage.

PostgreSQL: `practices_search` holds three tsvectors built here (not by a text-search parser, which
does not know Chinese): `doc` (every CJK character and overlapping bigram, and every word, with
positions; for matching), `head` (the same over title, tags, theme, institution and region only) and
`words` (jieba words, no positions; for ranking whole-word hits), each with a GIN index.
SQLite: an FTS5 table `practices_search` with the same tokens as space-separated columns.
Each vendor's SQL and query syntax is a backend (postgres.py, sqlite.py) implementing
backend.SearchBackend; this module writes and maintains the index through whichever serves the database.

Both are keyed by the case id and hold drafts too: what the public sees is decided by the queryset
that `practices.search.query` narrows, never by the index.
"""

from collections import defaultdict
from contextlib import contextmanager

from django.db import connection, transaction

from practices.models import SECTIONS, Practice, TaggedPractice
from practices.search.backend import FIELD_SEPARATOR, SearchBackend
from practices.search.postgres import PostgresIndex
from practices.search.sqlite import SqliteIndex

BATCH = 500
# Neither planner knows how many cases an index query yields (SQLite not at all, PostgreSQL badly
# for tiers that are empty). Up to this many, the ids are fetched and passed as a list, and the
# rows are read by primary key and sorted; from this many on, the hits are dense enough (2 % of
# 100k) that walking the published-date index finds a page after a few thousand rows.
MANY_IDS = 2000

HEAD_FIELDS = (
    "title",
    "title_en",
    "theme__name",
    "theme__name_en",
    "institution__name",
    "institution__name_en",
    "region__name",
    "region__name_en",
    "region__parent__name",
    "region__parent__parent__name",
)
# The summary and the sections.
TEXT_FIELDS = ("summary", *(s.field for s in SECTIONS))


def documents(ids):
    """(id, head text, body text) for each case in `ids`, read in two queries."""
    tags = defaultdict(list)
    for practice_id, name in TaggedPractice.objects.filter(content_object_id__in=ids).values_list(
        "content_object_id", "tag__name"
    ):
        tags[practice_id].append(name)
    for row in Practice.objects.filter(pk__in=ids).values("pk", *HEAD_FIELDS, *TEXT_FIELDS):
        head = [row[f] for f in HEAD_FIELDS] + sorted(tags[row["pk"]])
        yield (
            row["pk"],
            FIELD_SEPARATOR.join(part for part in head if part),
            FIELD_SEPARATOR.join(row[f] for f in TEXT_FIELDS if row[f]),
        )


BACKENDS: dict[str, SearchBackend] = {backend.vendor: backend for backend in (PostgresIndex(), SqliteIndex())}


def backend(conn=None):
    """The index for the database behind `conn` (default connection), or None for other databases."""
    return BACKENDS.get((conn or connection).vendor)


@contextmanager
def planner_settings(conn=None, counting=False):
    """Planner settings for the index probes and walks of a result page (`counting`: for its capped
    count), reset afterwards.

    Session-level SET/RESET rather than SET LOCAL: no transaction or savepoint to open per query.
    Nested uses keep the outer settings.
    """
    conn = conn or connection
    index = backend(conn)
    if index is None or not index.walk_settings or getattr(conn, "_search_planner_settings", False):
        yield
        return
    # One round trip each way, whatever the number of settings.
    settings = "; ".join(index.walk_settings + (index.count_settings if counting else ()))
    resets = "; ".join(index.walk_reset + (index.count_reset if counting else ()))
    with conn.cursor() as cursor:
        cursor.execute(settings)
        conn._search_planner_settings = True
        try:
            yield
        finally:
            conn._search_planner_settings = False
            cursor.execute(resets)


def few_ids(sql, params, conn=None):
    """The ids an index query yields, or None when there are MANY_IDS or more (it stops reading there)."""
    conn = conn or connection
    with planner_settings(conn), conn.cursor() as cursor:
        cursor.execute(f"{sql} LIMIT {MANY_IDS}", params)
        ids = [row[0] for row in cursor.fetchall()]
    return ids if len(ids) < MANY_IDS else None


def index_practices(ids, conn=None):
    """(Re)write the documents of the cases `ids`; cases that no longer exist are removed."""
    conn = conn or connection
    index = backend(conn)
    ids = list(ids)
    if index is None or not ids:
        return 0
    written = 0
    # One transaction: SQLite would otherwise commit (and sync) every row on its own.
    with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
        for start in range(0, len(ids), BATCH):
            batch = ids[start : start + BATCH]
            index.delete(cursor, batch)
            rows = list(index.rows(documents(batch)))
            cursor.executemany(index.upsert_sql, rows)
            written += len(rows)
    return written


def remove_practices(ids, conn=None):
    conn = conn or connection
    index = backend(conn)
    if index is not None and ids:
        with conn.cursor() as cursor:
            index.delete(cursor, list(ids))


def rebuild(conn=None, progress=None):
    """Empty the index and write every case again, in batches; returns the number written."""
    conn = conn or connection
    index = backend(conn)
    if index is None:
        return 0
    with conn.cursor() as cursor:
        cursor.execute(index.clear_sql)
    ids = list(Practice.objects.order_by("pk").values_list("pk", flat=True))
    written = 0
    for start in range(0, len(ids), BATCH * 4):
        written += index_practices(ids[start : start + BATCH * 4], conn=conn)
        if progress:
            progress(written, len(ids))
    with conn.cursor() as cursor:
        for sql in index.optimize_sql:
            cursor.execute(sql)
    return written


def size_in_bytes(conn=None):
    """Bytes the index occupies (PostgreSQL: table, TOAST and GIN indexes; SQLite: the FTS5 shadow tables)."""
    conn = conn or connection
    with conn.cursor() as cursor:
        cursor.execute(backend(conn).size_sql)
        return cursor.fetchone()[0]
