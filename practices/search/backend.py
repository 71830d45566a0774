"""What a search backend provides: one per database vendor (postgres.py, sqlite.py), chosen by index.backend().

Every vendor difference of the search index lives in a backend; index.py and query.py only call these.
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol, runtime_checkable

# Joins fields so that no phrase can match across the end of one field and the start of the next.
FIELD_SEPARATOR = " 。 "


@runtime_checkable
class SearchBackend(Protocol):
    """The index table `practices_search` (created by migration 0003) and its queries on one database vendor.

    SQL is given as strings with %s parameters. A "query" is the backend's own full-text query literal
    (a tsquery, an FTS5 expression), passed as a parameter; the *_query methods return None for a term
    that yields no tokens (or, for word_query, is not a single word).
    """

    vendor: str  # the `connection.vendor` served
    upsert_sql: str  # write one tuple of rows(), replacing the case's row
    clear_sql: str  # empty the table
    optimize_sql: Sequence[str]  # after a rebuild
    size_sql: str  # one row: the bytes the index occupies
    # Planner settings around the walks of a result page, and extra ones around its capped count.
    walk_settings: Sequence[str]
    walk_reset: Sequence[str]
    count_settings: Sequence[str]
    count_reset: Sequence[str]
    ids_sql: Mapping[str, str]  # "match", "head", "word": ids whose document matches the one query parameter

    def rows(self, docs: Iterable[tuple[int, str, str]]) -> Iterable[tuple]:
        """The parameters of upsert_sql for each (id, head text, body text) of index.documents()."""

    def delete(self, cursor, ids: list[int]) -> None:
        """Remove the rows of the cases `ids`."""

    def match_query(self, term: str) -> str | None:
        """Cases containing `term` anywhere."""

    def head_query(self, term: str) -> str | None:
        """Cases containing `term` in the title, tags, theme, institution or region."""

    def word_query(self, term: str) -> str | None:
        """Cases containing `term` as a whole word."""

    def combine(self, queries: Iterable[str]) -> str:
        """One query matching all of `queries`."""

    def tier_sql(self, match: str, *conditions, match_ids=None) -> tuple[str, list]:
        """(sql, params) of the ids matching `match` whose (query, wanted) `conditions` hold."""

    def tier_probe(self, match: str, *conditions) -> tuple[str, list] | None:
        """(sql, params) of a condition on one case's row of the index, `{case}` standing for its id: the
        tier of tier_sql tested per case, so that a walk in publication order stops after a page. None when
        the index cannot be asked about one case cheaply."""
