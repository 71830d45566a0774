"""Facet counts beside the case-list filters: how many cases each choice would give.

Theme, region, institution, year, stage and level hold one value each, so their counts leave out the visitor's own
choice in that dimension (choosing another theme *replaces* the current one). Tags are ANDed, so a
tag's count is what adding it to the current filter gives. The one-value facets the visitor has not chosen
share one query grouping the matching cases (FacetSource); each chosen one, and the tags, take one more;
so a list costs a handful of queries whatever the number of cases. Exports reuse `count_facets` with
the same `CaseFilter`.

Counting over the matching cases only, rather than joining every theme or region to every case and
filtering, is what keeps a narrow list cheap: at 100,000 cases a one-result search spent 100 ms of its
136 ms in those two joins. The broad lists — everything, or one theme — are the dearest to count
and the most visited, so their counts come from the FacetCount table (practices.public.facet_counts),
wherever a facet's filter is one of those two, instead of grouping all their cases on every render
(one query for the table's rows of that scope, one for cases scheduled for later).
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import CharField, Count, F
from django.db.models.functions import Cast, Substr
from django.utils.translation import get_language
from taggit.models import Tag

from practices.models import FacetCount, Institution, Practice, Region, TaggedPractice, Theme
from practices.public.facet_counts import StoredCounts, answers
from practices.search.query import capped_count

Dimension = FacetCount.Dimension
# The year a case started as the first four characters of its ISO date: plain SQL on both databases, where
# ExtractYear is a Python function called once per row on SQLite (the slowest part of a count at 100,000 cases).
YEAR_STARTED = Substr(Cast("started_on", CharField()), 1, 4)
# The one-value dimensions a list is filtered and counted by, as what a GROUP BY groups on.
DIMENSIONS = {
    "theme": F("theme"),
    "region": F("region"),
    "institution": F("institution"),
    "stage": F("stage"),
    "level": F("level"),
    "year": YEAR_STARTED,
}

# Every tag of the matching cases is offered (the list shows the commonest, the rest behind "更多标签");
# the ceiling only guards against a runaway number of tags.
TAG_LIMIT = 500
INSTITUTION_LIMIT = 15


@dataclass
class RegionCount:
    """A region with the cases in it and below it."""

    region: Region
    count: int
    depth: int = 0


@dataclass
class Facets:
    """Counts for every facet of one filtered list; `total` is the number of matching cases."""

    total: int = 0
    themes: list = field(default_factory=list)  # (Theme, count), every theme
    regions: list = field(default_factory=list)  # RegionCount: the next level down from the chosen region
    region_trail: list = field(default_factory=list)  # RegionCount: the chosen region and its ancestors
    region_overview: list = field(default_factory=list)  # RegionCount: provinces and the level below, by code
    institutions: list = field(default_factory=list)  # (Institution, count), the busiest first
    years: list = field(default_factory=list)  # (year, count), the latest first
    tags: list = field(default_factory=list)  # (Tag-like object with slug and name, count), the commonest first
    stages: list = field(default_factory=list)  # (value, label, count) in the order of Practice.Stage
    levels: list = field(default_factory=list)  # (value, label, count) from province down
    narrowed: set = field(default_factory=set)  # chosen dimensions listed without their alternatives (a broad search)


def count_facets(case_filter, tag_limit=TAG_LIMIT, institution_limit=INSTITUTION_LIMIT):
    """Facet counts for `case_filter` (a CaseFilter) in a handful of queries, whatever the number of cases;
    none when a value was not found."""
    if case_filter.not_found:
        return Facets(themes=[(theme, 0) for theme in Theme.objects.all()])
    facets = Facets()
    counts = FacetSource(case_filter)
    facets.themes, facets.total = _themes(case_filter, counts)
    facets.regions, facets.region_trail, facets.region_overview = _regions(case_filter, counts)
    facets.institutions = _institutions(case_filter, institution_limit, facets.total, counts)
    facets.years = _years(case_filter, counts)
    facets.tags = _tags(case_filter, tag_limit, counts.stored)
    facets.stages = _choices(case_filter, "stage", Practice.Stage, counts)
    facets.levels = _choices(case_filter, "level", Practice.Level, counts)
    facets.narrowed = counts.narrowed
    return facets


class FacetSource:
    """Where each one-value facet's counts come from: the stored table when it holds the facet's filter;
    else, for every dimension the visitor has not chosen, one shared grouped pass.

    The facets of dimensions left unchosen all count the same cases (the whole filter's), so one GROUP BY
    over all their columns, summed here, replaces a pass each: at 100,000 cases every pass reads the whole
    covering index, about 10 ms on SQLite, and a filtered list took six of them.
    """

    def __init__(self, case_filter):
        self.case_filter = case_filter
        self.stored = StoredCounts()
        self.narrowed = set()  # chosen dimensions whose alternatives a broad search left uncounted
        self._shared = None

    def counts(self, dimension):
        """{value: cases} for one dimension under the filter without that dimension; None values left in."""
        others = self.case_filter.without(dimension)
        if answers(others):
            if dimension == "theme":
                return self.stored.theme_totals()
            return self.stored.values(Dimension(dimension), others.theme)
        if getattr(self.case_filter, dimension) is not None:
            if _broad_search(others):
                # Its alternatives are a search past the cap (a pass over tens of thousands of matches, the
                # rule the list follows for all its facets): count within the visitor's choice only.
                self.narrowed.add(dimension)
                return counts_by(self.case_filter.matching(), dimension)
            return counts_by(others.matching(), dimension)
        if self._shared is None:
            unchosen = [name for name in DIMENSIONS if getattr(self.case_filter, name) is None]
            self._shared = grouped_counts(self.case_filter.matching(), unchosen)
        return self._shared[dimension]


def _broad_search(case_filter):
    """Whether the filter is a search matching more cases than a list counts (search.COUNT_CAP)."""
    if not (case_filter.q and case_filter.search_match.broad):
        return False
    return capped_count(case_filter.matching()).capped


def grouped_counts(matching, names):
    """{name: {value: cases}} for each of the dimensions `names` (keys of DIMENSIONS), in one GROUP BY over
    the `matching` cases; cases without a value count under None (or "" for stage and level)."""
    rows = (
        matching.order_by()
        .values(**{f"_{name}": DIMENSIONS[name] for name in names})
        .annotate(_n=Count("pk"))
        .values_list(*(f"_{name}" for name in names), "_n")
    )
    totals = {name: Counter() for name in names}
    for *values, n in rows:
        for name, value in zip(names, values, strict=True):
            if name == "year" and value is not None:
                value = int(value)
            totals[name][value] += n
    return totals


def counts_by(matching, name):
    """{value: cases} of the `matching` cases by one dimension (a key of DIMENSIONS)."""
    return grouped_counts(matching, [name])[name]


def _choices(case_filter, name, choices, counts):
    """A one-value facet over a field with fixed choices (stage, level): the choices some case has."""
    counts = counts.counts(name)
    return [(value, label, counts[value]) for value, label in choices.choices if counts.get(value)]


def theme_counts(matching=None, stored=None):
    """Every theme, in order, with how many of the `matching` cases it holds (zeros included); all
    published cases, from the stored counts, when `matching` is None."""
    by_theme = (stored or StoredCounts()).theme_totals() if matching is None else counts_by(matching, "theme")
    return [(theme, by_theme.get(theme.pk, 0)) for theme in Theme.objects.order_by("order", "name")]


def _themes(case_filter, source):
    """Every theme with its count, and the total of the full filter (the chosen theme's count, or the sum)."""
    by_theme = source.counts("theme")
    counts = [(theme, by_theme.get(theme.pk, 0)) for theme in Theme.objects.order_by("order", "name")]
    if case_filter.theme is not None:
        total = next((n for theme, n in counts if theme.pk == case_filter.theme.pk), 0)
    else:
        total = sum(n for _, n in counts)
    return counts, total


def _regions(case_filter, source):
    """Counts rolled up the GB/T 2260 tree: the chosen region's children (or the provinces), its trail,
    and an overview of the top two levels."""
    direct = source.counts("region")
    regions = list(Region.objects.order_by("code"))
    by_code = {region.code: region for region in regions}
    totals = dict.fromkeys(by_code, 0)
    for code, n in direct.items():
        node = by_code.get(code)
        while node is not None:
            totals[node.code] += n
            node = by_code.get(node.parent_id)

    trail = []
    chosen = by_code.get(case_filter.region.code) if case_filter.region else None
    node = chosen
    while node is not None:
        trail.insert(0, node)
        node = by_code.get(node.parent_id)
    if "region" in source.narrowed:
        # Counted within the chosen region only: its parents' numbers would be too small.
        trail = trail[-1:]
    # The parent objects of the trail come from this one query, so templates never fetch them again.
    trail = [RegionCount(region, totals[region.code], depth) for depth, region in enumerate(trail)]

    def children_of(code, depth):
        return [
            RegionCount(region, totals[region.code], depth)
            for region in regions
            if region.parent_id == code and totals[region.code]
        ]

    children = children_of(chosen.code if chosen else None, len(trail))
    if not chosen and len(children) == 1:
        # A single province is no choice: show its cities beneath it straight away.
        children += children_of(children[0].region.code, 1)
    overview = []
    for region in regions if "region" not in source.narrowed else ():
        parent = by_code.get(region.parent_id)
        depth = 0 if parent is None else 1 if parent.parent_id is None else 2
        if depth < 2 and totals[region.code]:
            overview.append(RegionCount(region, totals[region.code], depth))
    return children, trail, overview


def _institutions(case_filter, limit, total, source):
    """The institutions with the most matching cases; the chosen one is always listed (its count is the total)."""
    by_id = {str(pk): n for pk, n in source.counts("institution").items() if pk is not None and n > 0}
    counts = _leaders(by_id, Institution.objects, limit)
    chosen = case_filter.institution
    if chosen is not None and chosen.slug not in {inst.slug for inst, _ in counts}:
        counts.append((chosen, total))
    return counts


def _leaders(by_id, rows, limit):
    """The `limit` objects of `rows` (a manager or queryset) with the highest counts in `by_id` ({str(pk): n}),
    ties by name, as (object, count)."""
    if not by_id:
        return []
    ranked = sorted(by_id.values(), reverse=True)
    floor = ranked[min(limit, len(ranked)) - 1]  # fetch every tie at the cut, then order by name
    objects = rows.filter(pk__in=[int(pk) for pk, n in by_id.items() if n >= floor])
    leaders = sorted(((obj, by_id[str(obj.pk)]) for obj in objects), key=lambda row: (-row[1], row[0].name))
    return leaders[:limit]


def _years(case_filter, source):
    """Years started, the latest first."""
    by_year = source.counts("year")
    return sorted(((int(year), n) for year, n in by_year.items() if year is not None and n > 0), reverse=True)


def _tags(case_filter, limit, stored):
    """Tags the matching cases carry, with how many cases adding each would leave; chosen tags left out."""
    if answers(case_filter):
        by_id = stored.values(Dimension.TAG, case_filter.theme)
    else:
        # Grouped by the id alone, names read afterwards for the leaders only: joining the names to every
        # tagged row of 40,000 matching cases cost a fifth of the query.
        rows = TaggedPractice.objects.filter(content_object__in=case_filter.matching().values("pk"))
        by_id = {str(tag): n for tag, n in rows.order_by().values_list("tag").annotate(n=Count("pk"))}
    for chosen in case_filter.tags:
        by_id.pop(str(chosen.pk), None)
    leaders = _leaders(by_id, Tag.objects.select_related("english_name"), limit)
    return [(TagChoice(tag.slug, tag.name, _english_name(tag)), n) for tag, n in leaders]


def _english_name(tag):
    english = getattr(tag, "english_name", None)  # a tag without one raises RelatedObjectDoesNotExist
    return english.name if english else ""


@dataclass(frozen=True)
class TagChoice:
    """A tag offered in the facet: what its link and label need."""

    slug: str
    name: str
    name_en: str = ""

    @property
    def display_name(self):
        """The English name under /en/ when there is one."""
        return self.name_en if (get_language() or "").startswith("en") and self.name_en else self.name
