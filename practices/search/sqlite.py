"""The search index on SQLite: an FTS5 table of space-separated tokens (see practices.search.index)."""

import json

from practices.search import tokenize
from practices.search.backend import FIELD_SEPARATOR


class SqliteIndex:
    vendor = "sqlite"

    upsert_sql = (
        "INSERT INTO practices_search (rowid, head_chars, head_grams, body_chars, body_grams, words)"
        " VALUES (%s, %s, %s, %s, %s, %s)"
    )
    delete_sql = "DELETE FROM practices_search WHERE rowid IN (SELECT value FROM json_each(%s))"
    clear_sql = "DELETE FROM practices_search"
    size_sql = "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'practices_search%'"  # the FTS5 shadow tables
    walk_settings = walk_reset = count_settings = count_reset = ()
    # Merge the b-tree segments that batch inserts leave behind into one.
    optimize_sql = ("INSERT INTO practices_search (practices_search) VALUES ('optimize')",)
    ids_sql = {
        "match": "SELECT rowid FROM practices_search WHERE practices_search MATCH %s",
        "head": "SELECT rowid FROM practices_search WHERE practices_search MATCH %s",
        "word": "SELECT rowid FROM practices_search WHERE practices_search MATCH %s",
    }

    def delete(self, cursor, ids):
        # One parameter whatever the number of ids: SQLite limits the parameters of a statement.
        cursor.execute(self.delete_sql, [json.dumps(ids)])

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

    def tier_probe(self, match, *conditions):
        return None  # FTS5 answers MATCH for the whole table; its rowid sets are cheap to list instead

    def combine(self, queries):
        return " AND ".join(f"({q})" for q in queries)
