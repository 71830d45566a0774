"""The single search entry point behind `q` on every case list and export.

Terms are separated by spaces, `，`, `、` or full-width spaces and ANDed; a quoted phrase is one term.
A case matches when each term occurs as a contiguous string (Latin letters in any case) in its title,
English title, summary, sections, tags, theme, institution or region name. Matching goes through the
n-gram index of `practices.search.index`; relevance puts title/tag hits first, whole-word hits next
(调解 in 矛盾调解 before 协调解决), newest after that.
"""

import re
from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import BigIntegerField, BooleanField, Case, F, Func, Q, Subquery, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.lookups import In
from django.utils.html import escape
from django.utils.safestring import mark_safe

from practices.querysets import NEWEST_FIRST
from practices.search import index as search_index

TERM_PATTERN = re.compile(r'"([^"]+)"|“([^”]+)”|([^\s,，、\u3000"“”]+)')
COUNT_CAP = 1000
HEAD_WEIGHT = 2  # a term in the title, tags, theme, institution or region
WORD_WEIGHT = 1  # a term that is a whole word somewhere in the case
SNIPPET_LENGTH = 120
# A page of a broad tier is first looked for among this many newest published cases, each tested on its
# own index row (backend.tier_probe): a page of a tier holding 17% of 100,000 cases is then found after some
# hundred tests (under 1 ms on PostgreSQL) instead of by joining all of its 17,000 ids (30–50 ms). A tier too
# sparse there costs these tests (about 5 ms) before the full walk.
PROBE_WINDOW = 500


def parse_query(q):
    """Split a query into its terms, keeping quoted phrases whole."""
    terms = []
    for quoted, curly, bare in TERM_PATTERN.findall(q or ""):
        term = (quoted or curly or bare).strip()
        if term and term not in terms:
            terms.append(term)
    return terms


def _ids(index, kind, query):
    # Constant SQL from search_index; the query text is always a parameter.
    return RawSQL(index.ids_sql[kind], [query])  # noqa: S611


class _Unindexed(Func):
    """The id as `+id` on SQLite, which stops its planner from driving a query by a long id list.

    Given `id IN (80,000 ids)`, SQLite reads and sorts all those rows; walking the published-date
    index and probing the list stops after the page. Other databases see the plain column.
    """

    template = "%(expressions)s"
    output_field = BigIntegerField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="+%(expressions)s", **extra_context)


class _IndexProbe(Func):
    """A tier's test on each case's own index row (backend.tier_probe), as a filter condition."""

    output_field = BooleanField()

    def __init__(self, sql, params):
        super().__init__(F("pk"))
        self.probe_sql, self.probe_params = sql, params

    def as_sql(self, compiler, connection, **extra_context):
        case_sql, case_params = compiler.compile(self.source_expressions[0])
        return self.probe_sql.replace("{case}", case_sql), [*case_params, *self.probe_params]


@dataclass(frozen=True)
class Tier:
    """One relevance tier: its ids from the index (`condition()`, which asks the index now) and, for a broad
    one, its test on one case (`probe`, a filter condition; None when narrow or not available)."""

    sql: str
    params: list
    probe: Func | None = None

    def condition(self):
        return _in_index(self.sql, self.params)


def _in_index(sql, params):
    """The condition `case id IN (ids from the index)`: a list when short, a subquery when long."""
    ids = search_index.few_ids(sql, params)
    if ids is not None:
        return Q(pk__in=ids)
    return Q(In(_Unindexed(F("pk")), RawSQL(sql, params)))  # noqa: S611 - constant SQL, query as parameters


def _any_section_contains(term):
    from practices.models import SECTIONS

    condition = Q()
    for section in SECTIONS:
        condition |= Q(**{f"{section.field}__icontains": term})
    return condition


def _scan_condition(term):
    """`icontains` over every searchable field: only for terms the index cannot express (punctuation only)."""
    from practices.models import TaggedPractice

    tagged = TaggedPractice.objects.filter(tag__name__icontains=term).values("content_object")
    return (
        Q(title__icontains=term)
        | Q(title_en__icontains=term)
        | Q(summary__icontains=term)
        | _any_section_contains(term)
        | Q(theme__name__icontains=term)
        | Q(institution__name__icontains=term)
        | Q(region__name__icontains=term)
        | Q(pk__in=tagged)
    )


@dataclass(frozen=True)
class Match:
    """What `q` matches, as a filter condition. `broad`: the index found too many cases to list their ids,
    so a list should count with a cap and skip per-facet counts."""

    condition: Q
    broad: bool
    ids: tuple | None = None  # the matching ids the index gave, when few enough to list


def matching(q):
    """The condition "contains every term of `q`" (asks the index once, now)."""
    index = search_index.backend(connection)
    condition, indexed, broad, found = Q(), [], False, None
    for term in parse_query(q):
        query = index.match_query(term) if index else None
        if query is None:
            condition &= _scan_condition(term)
        else:
            indexed.append(query)
    if indexed:
        sql, params = index.ids_sql["match"], [index.combine(indexed)]
        ids = search_index.few_ids(sql, params)
        if ids is None:
            broad = True
            condition &= Q(In(_Unindexed(F("pk")), RawSQL(sql, params)))  # noqa: S611 - constant SQL
        else:
            condition &= Q(pk__in=ids)
            found = tuple(ids)
    return Match(condition, broad, found)


def search(queryset, q):
    """Narrow `queryset` to the cases containing every term of `q`."""
    return queryset.filter(matching(q).condition)


def _index_queries(q):
    """(index, match, head, word) index queries for the terms of `q`; None where not applicable."""
    index = search_index.backend(connection)
    terms = parse_query(q)
    matches = [query for term in terms if (query := index.match_query(term))] if index else []
    if not matches:
        return index, None, None, None
    heads = [query for term in terms if (query := index.head_query(term))]
    words = [index.word_query(term) for term in terms]
    return index, index.combine(matches), index.combine(heads), index.combine(words) if all(words) else None


def _indexed_only(q):
    """Whether the index expresses every term of `q`: then the relevance tiers hold the whole match."""
    index = search_index.backend(connection)
    return index is not None and all(index.match_query(term) for term in parse_query(q))


def _hits(q):
    """Conditions for (all terms in the head fields, all terms whole words), each None when not applicable."""
    index, match, head, word = _index_queries(q)
    return (
        Q(pk__in=_ids(index, "head", head)) if head else None,
        Q(pk__in=_ids(index, "word", word)) if word else None,
    )


def relevance_tiers(q, match_ids=None):
    """The relevance order as Tiers, best first: each tier is then listed newest first.

    Terms in the title/tags/theme/place names beat terms only in the text, and whole words (调解 in
    矛盾调解) beat matches across word boundaries (协调解决). Each tier is one index query, so the
    database intersects the posting lists instead of materialising every hit set. A generator, and
    a Tier asks the index only when its condition is wanted: a page asks only about the tiers it reaches.
    Empty when `q` gives no ranking.
    `match_ids`: the ids the index already gave for `q` (Match.ids), so that the tier with neither a
    title nor a word hit reads them instead of testing the match again (a phrase's positions again).
    """
    index, match, head, word = _index_queries(q)
    if match is None:
        return
    flags = [(True, True), (True, False), (False, True), (False, False)]
    if word is None:
        flags = [(True, None), (False, None)]
    for in_head, is_word in flags:
        conditions = (head, in_head), (word, is_word)
        # With the match's ids in hand the tiers are narrow: their id lists are short to read.
        probe = index.tier_probe(match, *conditions) if match_ids is None else None
        yield Tier(*index.tier_sql(match, *conditions, match_ids=match_ids), probe=probe and _IndexProbe(*probe))


def order_by_relevance(queryset, q):
    """Most relevant first (see relevance_tiers), newest first within a tier; one SQL ordering.

    Exact for exports and any slice; for pages of a long result, CappedPaginator(…, q=q) reads the
    same order tier by tier instead, so that it never sorts every match.
    """
    head, word = _hits(q)
    if head is None and word is None:
        return queryset.newest_first()
    rank = Value(0)
    for condition, weight in ((head, HEAD_WEIGHT), (word, WORD_WEIGHT)):
        if condition is not None:
            rank = rank + Case(When(condition, then=Value(weight)), default=Value(0))
    return queryset.annotate(search_rank=rank).order_by("-search_rank", *NEWEST_FIRST)


def ranked_slice(queryset, q, bottom, top, unsearched=None, match_ids=None):
    """Rows bottom..top of `queryset` in relevance order, fetched tier by tier (each newest first).

    Each tier is an index walk in published order that stops after the rows needed, so a page costs
    a few bounded queries however many cases match; the rows are then read in one query.
    `unsearched`: the same list without the condition of `q`, to walk the tiers from. Every tier
    implies that condition, and testing it again costs PostgreSQL a read of each hit's full-text
    vector (3,500 of them for an English word at 100k cases: 60 ms of a 100 ms page).
    `match_ids`: see relevance_tiers.
    """
    base = unsearched if unsearched is not None and _indexed_only(q) else queryset
    with search_index.planner_settings():
        ids = _walk_tiers(base.newest_first(), relevance_tiers(q, match_ids), bottom, top)
    # The ids already passed every filter: read the rows by id alone, with the list's related
    # objects, so that the long id lists of the filter are not built a third time.
    rows = queryset.model._default_manager.filter(pk__in=ids).select_related(*_selected(queryset))
    rows = rows.prefetch_related(*queryset._prefetch_related_lookups).in_bulk() if ids else {}
    return [rows[pk] for pk in ids if pk in rows]


def _selected(queryset):
    """The select_related paths of `queryset`, as a list of lookups."""

    def paths(tree, prefix=""):
        for name, subtree in tree.items():
            yield from paths(subtree, f"{prefix}{name}__") if subtree else [f"{prefix}{name}"]

    related = queryset.query.select_related
    return list(paths(related)) if isinstance(related, dict) else []


def _walk_tiers(base, tiers, bottom, top):
    ids, before = [], 0  # `before`: rows of the tiers already passed
    while len(ids) < top - bottom:
        found = next(tiers, None)  # asks the index about the next tier only when the page needs it
        if found is None:
            break
        wanted = top - bottom - len(ids)
        start = max(0, bottom - before)
        recent = _among_newest(base, found, start, wanted)
        if recent is not None:
            ids += recent
            break
        tier = base.filter(found.condition())
        got = list(tier.values_list("pk", flat=True)[start : start + wanted])
        ids += got
        if len(got) < wanted:  # this tier ends here: its size shifts the next tier
            before += start + len(got) if got or not start else tier.values("pk")[:start].count()
    return ids


def _among_newest(base, tier, start, wanted):
    """Rows start..start + wanted of `tier` in `base` (newest first) when they are all among the PROBE_WINDOW
    newest published cases, else None. They are then the tier's newest: every other member is older."""
    if tier.probe is None or (start + wanted) * 4 > PROBE_WINDOW:
        return None
    # The window as a date bound (ties included, so it stays a prefix of the order): the walk goes down the
    # published-date index testing each case, and stops after the page. Bounded by the newest published
    # cases, not the list's: the newest 500 of a list filtered down to a few hundred cases lie far back,
    # and reaching them read the whole index (20 ms, three times a page); such a list finds fewer here.
    published = base.model._default_manager.published().order_by(*NEWEST_FIRST)
    edge = published.values("published_at")[PROBE_WINDOW - 1 : PROBE_WINDOW]
    window = base.filter(published_at__gte=Subquery(edge)).filter(tier.probe)
    got = list(window.values_list("pk", flat=True)[start : start + wanted])
    return got if len(got) == wanted else None


@dataclass(frozen=True)
class ResultCount:
    """How many cases matched, counted up to a cap: `1,000+` is shown rather than counting every match."""

    value: int
    capped: bool

    def __str__(self):
        return f"{self.value:,}+" if self.capped else f"{self.value:,}"


def capped_count(queryset, cap=None, searched=True):
    """Count at most `cap` (default COUNT_CAP) matches (one query, stopping at cap + 1 rows).

    `searched`: `queryset` holds the condition of a search, whose join to the index needs the planner
    settings for counting.
    """
    cap = cap or COUNT_CAP
    with search_index.planner_settings(counting=searched):
        n = queryset.order_by().values("pk")[: cap + 1].count()
    return ResultCount(min(n, cap), n > cap)


class CappedPaginator(Paginator):
    """A paginator whose count stops at `cap`, so a common search term never counts 100,000 rows.

    Pages beyond the cap are not offered; `result_count` tells the template to show `1,000+`.
    Given the query `q` of a list in relevance order, it reads each page tier by tier (ranked_slice),
    from `unsearched` (the list without the condition of `q`) and with the `match_ids` of `q` when given.
    """

    def __init__(self, object_list, per_page, cap=None, q="", count=None, unsearched=None, match_ids=None, **kwargs):
        self.cap = cap or COUNT_CAP
        self.q = q
        self.unsearched = unsearched
        self.match_ids = match_ids
        self.known_count = count  # an exact count the caller already has (the facet totals)
        super().__init__(object_list, per_page, **kwargs)

    def page(self, number):
        if not (self.q and self.object_list.query.order_by[:1] == ("-search_rank",)):
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = ranked_slice(self.object_list, self.q, bottom, top, self.unsearched, self.match_ids)
        return self._get_page(rows, number, self)

    @cached_property
    def result_count(self):
        if self.known_count is not None:
            return ResultCount(self.known_count, False)
        return capped_count(self.object_list, self.cap, searched=bool(self.q))

    @cached_property
    def count(self):
        return self.result_count.value


def highlight_terms(q):
    """A regex matching any term of `q` (longest first, any case), or None."""
    terms = sorted(parse_query(q), key=len, reverse=True)
    return re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE) if terms else None


def snippet(text, q, length=SNIPPET_LENGTH):
    """Safe HTML: about `length` characters of `text` around the first hit (None: all), hits in <mark>.

    The text and the query are both escaped; only our own <mark> tags are markup.
    """
    text = " ".join((text or "").split())
    pattern = highlight_terms(q)
    first = pattern.search(text) if pattern else None
    start = 0
    if length is None:
        length = len(text)
    elif first and first.start() > length // 3:
        start = first.start() - length // 3
    end = min(len(text), start + length)
    window = text[start:end]
    parts, last = [], 0
    for match in pattern.finditer(window) if pattern else ():
        parts.append(escape(window[last : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    parts.append(escape(window[last:]))
    return mark_safe(("…" if start else "") + "".join(parts) + ("…" if end < len(text) else ""))  # noqa: S308


def practice_snippet(practice, q, length=SNIPPET_LENGTH):
    """The snippet of a case for a result list: from the summary when it holds a term, else from the body."""
    pattern = highlight_terms(q)
    body = practice.full_text
    for text in (practice.summary, body):
        if pattern and pattern.search(text or ""):
            return snippet(text, q, length)
    return snippet(practice.summary or body, q, length)
