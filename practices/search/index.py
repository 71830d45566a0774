"""The search index: one denormalised document per case, in a table the ORM does not manage.

PostgreSQL: `practices_search` holds three tsvectors built here (not by a text-search parser, which
does not know Chinese): `doc` (every CJK character and overlapping bigram, and every word, with
positions; for matching), `head` (the same over title, tags, theme, institution and region only) and
`words` (jieba words, no positions; for ranking whole-word hits), each with a GIN index.
SQLite: an FTS5 table `practices_search` with the same tokens as space-separated columns.

Both are keyed by the case id and hold drafts too: what the public sees is decided by the queryset
that `practices.search.query` narrows, never by the index.
"""

from collections import defaultdict
from contextlib import contextmanager

from django.db import connection, transaction

from practices.models import SECTIONS
from practices.search import tokenize

TABLE = "practices_search"
BATCH = 500
# PostgreSQL stores at most 256 positions per lexeme and positions up to 16,383. Tokens past
# LAST_PHRASE_POSITION all share the last position, after a gap wider than any query (MAX_QUERY_LENGTH
# is 100): single characters, bigrams and words there are still found, while a phrase (three or more
# characters) is only found where it starts before the gap, and never matches across it.
MAX_POSITIONS = 256
MAX_POSITION = 16383
LAST_PHRASE_POSITION = MAX_POSITION - 128
# Neither planner knows how many cases an index query yields (SQLite not at all, PostgreSQL badly
# for tiers that are empty). Up to this many, the ids are fetched and passed as a list, and the
# rows are read by primary key and sorted; from this many on, the hits are dense enough (2 % of
# 100k) that walking the published-date index finds a page after a few thousand rows.
MANY_IDS = 2000
# Joins fields so that no phrase can match across the end of one field and the start of the next.
FIELD_SEPARATOR = " 。 "

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
# The summary and the sections; `body` is what the case text was before it had sections, for the
# historical model the search-index migration (0003) reads.
TEXT_FIELDS = ("summary", "body", *(s.field for s in SECTIONS))


def documents(practice_model, tagged_model, ids):
    """(id, head text, body text) for each case in `ids`, read in two queries."""
    tags = defaultdict(list)
    for practice_id, name in tagged_model.objects.filter(content_object_id__in=ids).values_list(
        "content_object_id", "tag__name"
    ):
        tags[practice_id].append(name)
    concrete = {f.name for f in practice_model._meta.concrete_fields}
    text_fields = [name for name in TEXT_FIELDS if name in concrete]
    for row in practice_model.objects.filter(pk__in=ids).values("pk", *HEAD_FIELDS, *text_fields):
        head = [row[f] for f in HEAD_FIELDS] + sorted(tags[row["pk"]])
        yield (
            row["pk"],
            FIELD_SEPARATOR.join(part for part in head if part),
            FIELD_SEPARATOR.join(row[f] for f in text_fields if row[f]),
        )


def _quote(lexeme):
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


class PostgresIndex:
    vendor = "postgresql"

    create_sql = (
        "CREATE TABLE practices_search (practice_id bigint PRIMARY KEY, doc tsvector NOT NULL,"
        " head tsvector NOT NULL, words tsvector NOT NULL)",
        "CREATE INDEX practices_search_doc ON practices_search USING gin (doc)",
        "CREATE INDEX practices_search_head ON practices_search USING gin (head)",
        "CREATE INDEX practices_search_words ON practices_search USING gin (words)",
    )
    drop_sql = ("DROP TABLE IF EXISTS practices_search",)
    upsert_sql = (
        "INSERT INTO practices_search (practice_id, doc, head, words)"
        " VALUES (%s, %s::tsvector, %s::tsvector, %s::tsvector)"
        " ON CONFLICT (practice_id) DO UPDATE SET doc = EXCLUDED.doc, head = EXCLUDED.head, words = EXCLUDED.words"
    )
    delete_sql = "DELETE FROM practices_search WHERE practice_id = ANY(%s)"
    clear_sql = "DELETE FROM practices_search"
    optimize_sql = ("ANALYZE practices_search",)
    # For a common term the planner prefers a sequential scan, which detoasts every vector to test
    # it, over the GIN bitmap (exact for one lexeme, no recheck): 200+ ms instead of ~20 at 100k.
    # Parallel workers run far past the LIMIT of a walk, and cost more to start than a page takes.
    walk_settings = ("SET enable_seqscan = off; SET max_parallel_workers_per_gather = 0",)
    walk_reset = ("RESET enable_seqscan; RESET max_parallel_workers_per_gather",)
    # A capped count joins the cases to the hits. Given plain index scans the planner merge-joins on
    # the id and tests each candidate's detoasted vector (40 ms for an English word in 18% of 100k
    # cases); bitmap scans keep the GIN index answering the match (9 ms). Dense terms lose a little.
    count_settings = ("SET enable_indexscan = off",)
    count_reset = ("RESET enable_indexscan",)
    ids_sql = {
        "match": "SELECT practice_id FROM practices_search WHERE doc @@ %s::tsquery",
        "head": "SELECT practice_id FROM practices_search WHERE head @@ %s::tsquery",
        "word": "SELECT practice_id FROM practices_search WHERE words @@ %s::tsquery",
    }

    def rows(self, docs):
        for pk, head, body in docs:
            head_tokens = tokenize.char_stream(head)
            doc_tokens = [*head_tokens, tokenize.BREAK, *tokenize.char_stream(body)]
            words = tokenize.words(f"{head}{FIELD_SEPARATOR}{body}")
            yield pk, self.vector(doc_tokens), self.vector(head_tokens), " ".join(_quote(w) for w in words)

    @staticmethod
    def vector(tokens):
        """A tsvector literal: each character and the bigram starting at it share its position."""
        positions = defaultdict(list)
        for i, token in enumerate(tokens, start=1):
            if token == tokenize.BREAK:
                continue
            at = i if i <= LAST_PHRASE_POSITION else MAX_POSITION
            lexemes = [token]
            if tokenize.is_cjk_char(token) and i < len(tokens) and tokenize.is_cjk_char(tokens[i]):
                lexemes.append(token + tokens[i])
            for lexeme in lexemes:
                found = positions[lexeme]
                if not found or (found[-1] != at and len(found) < MAX_POSITIONS):
                    found.append(at)
        return " ".join(f"{_quote(lexeme)}:{','.join(map(str, found))}" for lexeme, found in positions.items())

    def match_query(self, term):
        """A tsquery literal finding `term` as a contiguous string, or None when it has no tokens."""
        found = tokenize.chunks(term)
        if len(found) == 1 and not found[0].is_cjk:
            return f"{_quote(found[0].text)}:*"  # a Latin word also matches as the start of a longer one
        # (position, lexeme), positions as in char_stream: enough bigrams to cover each CJK run.
        lexemes, position = [], 0
        for chunk in found:
            position += chunk.after_break
            run = chunk.text
            if chunk.is_cjk and len(run) > 1:
                starts = sorted({*range(0, len(run) - 1, 2), len(run) - 2})
                lexemes.extend((position + i, run[i : i + 2]) for i in starts)
            else:
                lexemes.append((position, run))
            position += len(run) if chunk.is_cjk else 1
        if not lexemes:
            return None
        query, previous = _quote(lexemes[0][1]), lexemes[0][0]
        for at, lexeme in lexemes[1:]:
            query = f"{query} <{at - previous}> {_quote(lexeme)}"
            previous = at
        return query

    def word_query(self, term):
        word = tokenize.normalise(term)
        return _quote(word) if tokenize.is_single_word(term) else None

    def tier_sql(self, match, *conditions, match_ids=None):
        """Ids matching `match` whose (query, wanted) conditions hold, from the GIN indexes.

        A head or word hit implies a match, so `match` is only tested when no condition is positive, and
        then as the list `match_ids` when the caller has it: a phrase's test rereads every candidate's
        positions. An unwanted hit is an anti-join on its own GIN scan: `NOT words @@ …` in the WHERE
        would detoast and test the vector of every row.
        """
        wanted = [(query, want, column) for (query, want), column in zip(conditions, ("head", "words"), strict=True)]
        wanted = [(query, want, column) for query, want, column in wanted if want is not None]
        if any(want for _, want, _ in wanted):
            clauses, params = [], []
        elif match_ids is not None:
            clauses, params = ["practice_id = ANY(%s)"], [list(match_ids)]
        else:
            clauses, params = ["doc @@ %s::tsquery"], [match]
        for query, want, column in wanted:
            if want:
                clauses.append(f"{column} @@ %s::tsquery")
            else:
                clauses.append(
                    f"practice_id NOT IN (SELECT practice_id FROM practices_search WHERE {column} @@ %s::tsquery)"  # noqa: S608
                )
            params.append(query)
        where = " AND ".join(clauses)  # fixed clauses; every query is a parameter
        return f"SELECT practice_id FROM practices_search WHERE {where}", params  # noqa: S608

    def combine(self, queries):
        return " & ".join(f"({q})" for q in queries)

    def head_query(self, term):
        return self.match_query(term)


class SqliteIndex:
    vendor = "sqlite"

    create_sql = (
        "CREATE VIRTUAL TABLE practices_search USING fts5(head_chars, head_grams, body_chars, body_grams, words,"
        " tokenize = 'unicode61 remove_diacritics 0', columnsize = 0)",
    )
    drop_sql = ("DROP TABLE IF EXISTS practices_search",)
    upsert_sql = (
        "INSERT INTO practices_search (rowid, head_chars, head_grams, body_chars, body_grams, words)"
        " VALUES (%s, %s, %s, %s, %s, %s)"
    )
    delete_sql = "DELETE FROM practices_search WHERE rowid IN (SELECT value FROM json_each(%s))"
    clear_sql = "DELETE FROM practices_search"
    walk_settings = walk_reset = count_settings = count_reset = ()
    # Merge the b-tree segments that batch inserts leave behind into one.
    optimize_sql = ("INSERT INTO practices_search (practices_search) VALUES ('optimize')",)
    ids_sql = {
        "match": "SELECT rowid FROM practices_search WHERE practices_search MATCH %s",
        "head": "SELECT rowid FROM practices_search WHERE practices_search MATCH %s",
        "word": "SELECT rowid FROM practices_search WHERE practices_search MATCH %s",
    }

    def rows(self, docs):
        for pk, head, body in docs:
            yield (
                pk,
                " ".join(tokenize.char_stream(head)),
                " ".join(tokenize.gram_stream(head)),
                " ".join(tokenize.char_stream(body)),
                " ".join(tokenize.gram_stream(body)),
                " ".join(tokenize.words(f"{head}{FIELD_SEPARATOR}{body}")),
            )

    def _phrase(self, term, columns):
        tokens = tokenize.char_stream(term)
        if not tokens:
            return None
        if len(tokens) == 1 and not tokenize.is_cjk_char(tokens[0]):
            return f'{{{" ".join(c + "_chars" for c in columns)}}} : "{tokens[0]}"*'
        if len(tokens) > 1 and all(tokenize.is_cjk_char(t) for t in tokens):
            grams = tokenize.gram_stream(term)
            return f'{{{" ".join(c + "_grams" for c in columns)}}} : "{" ".join(grams)}"'
        return f'{{{" ".join(c + "_chars" for c in columns)}}} : "{" ".join(tokens)}"'

    def match_query(self, term):
        return self._phrase(term, ("head", "body"))

    def head_query(self, term):
        return self._phrase(term, ("head",))

    def word_query(self, term):
        return f'{{words}} : "{tokenize.normalise(term)}"' if tokenize.is_single_word(term) else None

    def tier_sql(self, match, *conditions, match_ids=None):
        """Ids matching `match` whose (query, wanted) conditions hold: one FTS5 expression.

        A head or word hit implies a match, so `match` is only tested when no condition is positive.
        FTS5 tests it from its index as fast as it would read `match_ids`, which it leaves unused.
        """
        wanted = [(query, want) for query, want in conditions if want is not None]
        positive = [f"({query})" for query, want in wanted if want]
        expression = " AND ".join(positive) or f"({match})"
        for query, want in wanted:
            if not want:
                expression += f" NOT ({query})"
        return self.ids_sql["match"], [expression]

    def combine(self, queries):
        return " AND ".join(f"({q})" for q in queries)


BACKENDS = {backend.vendor: backend for backend in (PostgresIndex(), SqliteIndex())}


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


def create(schema_editor):
    """Create the index table on this backend (a no-op on databases without an index)."""
    index = backend(schema_editor.connection)
    for sql in index.create_sql if index else ():
        schema_editor.execute(sql)


def drop(schema_editor):
    index = backend(schema_editor.connection)
    for sql in index.drop_sql if index else ():
        schema_editor.execute(sql)


def _live_models():
    from practices.models import Practice, TaggedPractice

    return Practice, TaggedPractice


def index_practices(ids, models=None, conn=None):
    """(Re)write the documents of the cases `ids`; cases that no longer exist are removed."""
    conn = conn or connection
    index = backend(conn)
    ids = list(ids)
    if index is None or not ids:
        return 0
    practice_model, tagged_model = models or _live_models()
    written = 0
    # One transaction: SQLite would otherwise commit (and sync) every row on its own.
    with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
        for start in range(0, len(ids), BATCH):
            batch = ids[start : start + BATCH]
            _delete(cursor, index, batch)
            rows = list(index.rows(documents(practice_model, tagged_model, batch)))
            cursor.executemany(index.upsert_sql, rows)
            written += len(rows)
    return written


def remove_practices(ids, conn=None):
    conn = conn or connection
    index = backend(conn)
    if index is not None and ids:
        with conn.cursor() as cursor:
            _delete(cursor, index, list(ids))


def _delete(cursor, index, ids):
    import json

    cursor.execute(index.delete_sql, [json.dumps(ids) if index.vendor == "sqlite" else ids])


def rebuild(models=None, conn=None, progress=None):
    """Empty the index and write every case again, in batches; returns the number written."""
    conn = conn or connection
    index = backend(conn)
    if index is None:
        return 0
    practice_model, _ = models or _live_models()
    with conn.cursor() as cursor:
        cursor.execute(index.clear_sql)
    ids = list(practice_model.objects.order_by("pk").values_list("pk", flat=True))
    written = 0
    for start in range(0, len(ids), BATCH * 4):
        written += index_practices(ids[start : start + BATCH * 4], models=models, conn=conn)
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
        if conn.vendor == "postgresql":
            cursor.execute("SELECT pg_total_relation_size(%s)", [TABLE])
        else:
            cursor.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE %s", [f"{TABLE}%"])
        return cursor.fetchone()[0]
