"""The search index on PostgreSQL: a table of three tsvectors with GIN indexes (see practices.search.index)."""

from collections import defaultdict

from practices.search import tokenize
from practices.search.backend import FIELD_SEPARATOR

# PostgreSQL stores at most 256 positions per lexeme and positions up to 16,383. Tokens past
# LAST_PHRASE_POSITION all share the last position, after a gap wider than any query (MAX_QUERY_LENGTH
# is 100): single characters, bigrams and words there are still found, while a phrase (three or more
# characters) is only found where it starts before the gap, and never matches across it.
MAX_POSITIONS = 256
MAX_POSITION = 16383
LAST_PHRASE_POSITION = MAX_POSITION - 128


def _wanted(conditions):
    """(query, wanted, column) of the tier conditions (head, then word) that apply."""
    found = zip(conditions, ("head", "words"), strict=True)
    return [(query, want, column) for (query, want), column in found if want is not None]


def _quote(lexeme):
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


class PostgresIndex:
    vendor = "postgresql"

    upsert_sql = (
        "INSERT INTO practices_search (practice_id, doc, head, words)"
        " VALUES (%s, %s::tsvector, %s::tsvector, %s::tsvector)"
        " ON CONFLICT (practice_id) DO UPDATE SET doc = EXCLUDED.doc, head = EXCLUDED.head, words = EXCLUDED.words"
    )
    delete_sql = "DELETE FROM practices_search WHERE practice_id = ANY(%s)"
    size_sql = "SELECT pg_total_relation_size('practices_search')"  # table, TOAST and GIN indexes
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

    def delete(self, cursor, ids):
        cursor.execute(self.delete_sql, [ids])

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
        wanted = _wanted(conditions)
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

    def tier_probe(self, match, *conditions):
        """The tier's test on one case's row: each vector read once, for that case only."""
        wanted = _wanted(conditions)
        clauses, params = [], []
        if not any(want for _, want, _ in wanted):
            clauses, params = ["doc @@ %s::tsquery"], [match]
        for query, want, column in wanted:
            clauses.append(f"{'' if want else 'NOT '}{column} @@ %s::tsquery")
            params.append(query)
        where = " AND ".join(clauses)  # fixed clauses; every query is a parameter
        # OFFSET 0 keeps the planner from turning the EXISTS into a join: misjudging a phrase as rare, it
        # read all 12,000 hits of one and their positions (85 ms) to join them to the 500 newest cases.
        sql = f"EXISTS (SELECT 1 FROM practices_search WHERE practice_id = {{case}} AND {where} OFFSET 0)"  # noqa: S608
        return sql, params

    def combine(self, queries):
        return " & ".join(f"({q})" for q in queries)

    def head_query(self, term):
        return self.match_query(term)
