"""The case-list pages around `CaseFilter`: pagination, facet links that keep every other parameter, chips.

A link that changes a filter drops `page` (the old page number means nothing in the new list) and keeps
the rest: `q`, the other filters, `sort` and `page_size`.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import QueryDict
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from practices.models import Practice, tag_display_name
from practices.public.filters import SORTS
from practices.search import query as search

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
PAGE_SIZES = (10, 20, 50, 100)
TAGS_SHOWN = 20
# Only these parameters are carried from link to link; anything else in the address is dropped.
# `compare` carries the cases chosen for comparison while the visitor picks more (see public/comparison.py).
LIST_PARAMS = ("q", "theme", "tag", "region", "institution", "year", "stage", "level", "sort", "page_size", "compare")
SORT_LABELS = {
    "relevance": gettext_lazy("相关度"),
    "newest": gettext_lazy("最新发布"),
    "oldest": gettext_lazy("最早发布"),
    "title": gettext_lazy("标题"),
    "updated": gettext_lazy("最近更新"),
}


# Longer digit strings are "huge" without converting them (Python refuses ints past 4,300 digits).
MAX_DIGITS = 18


def _whole_number(value):
    """`value` as a whole number (`-3`, `0`, `12`; a huge one capped), or None when it is not one."""
    value = (value or "").strip()
    digits = value.removeprefix("-")
    if not (digits.isascii() and digits.isdigit()):
        return None
    number = int(digits) if len(digits) <= MAX_DIGITS else 10**MAX_DIGITS
    return -number if value.startswith("-") else number


def page_size_from(params):
    """`page_size` clamped to 1–100; the default when missing or not a whole number."""
    size = _whole_number(params.get("page_size"))
    return DEFAULT_PAGE_SIZE if size is None else min(max(size, 1), MAX_PAGE_SIZE)


class CountedPaginator(Paginator):
    """A paginator told its count, so the list does not count the same cases twice."""

    def __init__(self, object_list, per_page, count=None):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self):
        return super().count if self._known_count is None else self._known_count


def paginate(queryset, params, count=None, q="", unsearched=None, match_ids=None):
    """The page the visitor asked for: not a positive integer → the first, beyond the end → the last.

    The one place list pages paginate. `count`, when given, replaces counting the queryset (the facet
    totals already hold it). With a search query `q` a page in relevance order is read tier by tier from
    the index (walking `unsearched`, the list without `q`, and reusing the `match_ids` of `q` when given),
    and without a known count the count stops at search's cap ("1,000+").
    """
    per_page = page_size_from(params)
    if q:
        paginator = search.CappedPaginator(
            queryset, per_page, q=q, count=count, unsearched=unsearched, match_ids=match_ids
        )
    else:
        paginator = CountedPaginator(queryset, per_page, count)
    number = _whole_number(params.get("page"))
    if number is None or number < 1:
        number = 1
    return paginator.page(min(number, paginator.num_pages))


@dataclass
class Option:
    """One choice in a facet: its label, how many cases it gives, and the link that picks it."""

    label: str
    count: int
    url: str
    active: bool = False
    depth: int = 0


@dataclass
class Chip:
    """An active filter the visitor can remove."""

    label: str
    remove_url: str


class ListLinks:
    """Links from one case list to the same list with one parameter changed."""

    def __init__(self, path, params, q=None):
        """`q`, when given, replaces the address's query: the search as used (trimmed to its limit) is carried."""
        self.path = path
        self.list_path = reverse("practices:practice_list")
        self.params = QueryDict(mutable=True)
        for key in LIST_PARAMS:
            values = [v for v in params.getlist(key) if v.strip()]
            if values:
                self.params.setlist(key, values)
        if q is not None:
            self.params.pop("q", None)
            if q:
                self.params["q"] = q

    def url(self, path=None, **changes):
        """This list (or `path`) with `changes` applied: None removes a parameter, a list sets all its values."""
        params = self.params.copy()
        for key, value in changes.items():
            if value is None:
                params.pop(key, None)
            elif isinstance(value, list | tuple):
                params.setlist(key, [str(v) for v in value])
            else:
                params[key] = str(value)
        query = params.urlencode()
        return f"{path or self.path}?{query}" if query else (path or self.path)

    def add_tag(self, slug):
        return self.url(tag=[*self.params.getlist("tag"), slug])

    def remove_tag(self, slug):
        return self.url(tag=[t for t in self.params.getlist("tag") if t != slug])

    def hidden_fields(self, *exclude):
        """(name, value) pairs of the kept parameters, for a GET form that changes the others."""
        return [(key, value) for key in self.params for value in self.params.getlist(key) if key not in exclude]

    def sort_options(self, current):
        """(value, label, selected) for the sort menu."""
        return [(key, SORT_LABELS[key], key == current) for key in SORTS]

    @staticmethod
    def page_size_options(current):
        """(value, selected) for the page-size menu, including a size typed into the address."""
        sizes = sorted({*PAGE_SIZES, current})
        return [(size, size == current) for size in sizes]


def facet_options(facets, case_filter, links):
    """The facets as labelled options with links; the chosen option of each facet is marked active."""
    chosen_theme = case_filter.theme.pk if case_filter.theme else None
    chosen_region = case_filter.region.code if case_filter.region else None
    chosen_institution = case_filter.institution.slug if case_filter.institution else None
    tags = [Option(tag.display_name, n, links.add_tag(tag.slug)) for tag, n in facets.tags]
    return {
        "themes": [
            Option(theme.display_name, n, links.url(theme=theme.slug), theme.pk == chosen_theme)
            for theme, n in facets.themes
            if n or theme.pk == chosen_theme
        ],
        "region_trail": [
            Option(rc.region.display_name, rc.count, links.url(region=rc.region.code), rc.region.code == chosen_region)
            for rc in facets.region_trail
        ],
        "regions": [
            Option(rc.region.display_name, rc.count, links.url(region=rc.region.code), depth=rc.depth)
            for rc in facets.regions
        ],
        "institutions": [
            Option(inst.display_name, n, links.url(institution=inst.slug), inst.slug == chosen_institution)
            for inst, n in facets.institutions
        ],
        "years": [Option(str(year), n, links.url(year=year), year == case_filter.year) for year, n in facets.years],
        # The commonest tags first; the others behind "更多标签", so every tag of the list can be reached.
        "tags": tags[:TAGS_SHOWN],
        "more_tags": tags[TAGS_SHOWN:],
        "stages": [
            Option(label, n, links.url(stage=value), value == case_filter.stage) for value, label, n in facets.stages
        ],
        "levels": [
            Option(label, n, links.url(level=value), value == case_filter.level) for value, label, n in facets.levels
        ],
    }


def list_heading(case_filter):
    """What the list shows, for its heading: `“调解”的搜索结果 · 标签：枫桥经验 · 吉林省`, or `全部案例`."""
    parts = []
    if case_filter.q:
        parts.append(_("“%(q)s”的搜索结果") % {"q": case_filter.q})
    if case_filter.theme is not None and not case_filter.fixed_theme:
        parts.append(case_filter.theme.display_name)
    tags = [tag_display_name(tag) for tag in case_filter.tags if tag != case_filter.fixed_tag]
    if tags:
        parts.append(_("标签：%(names)s") % {"names": pgettext("list separator", "、").join(tags)})
    if case_filter.region is not None:
        parts.append(case_filter.region.display_name)
    if case_filter.institution is not None:
        parts.append(case_filter.institution.display_name)
    if case_filter.year is not None:
        parts.append(_("始于 %(year)s 年") % {"year": case_filter.year})
    return " · ".join(parts) if parts else _("全部案例")


def chips(case_filter, links):
    """The active filters, each with a link that removes it (a fixed theme or tag leads to the full list)."""
    result = []
    if case_filter.q:
        result.append(Chip(_("搜索：%(q)s") % {"q": case_filter.q}, links.url(q=None)))
    if case_filter.theme is not None:
        path = links.list_path if case_filter.fixed_theme else None
        result.append(Chip(_("主题：%(name)s") % {"name": case_filter.theme.display_name}, links.url(path, theme=None)))
    for tag in case_filter.tags:
        url = links.url(links.list_path) if tag == case_filter.fixed_tag else links.remove_tag(tag.slug)
        result.append(Chip(_("标签：%(name)s") % {"name": tag_display_name(tag)}, url))
    if case_filter.region is not None:
        result.append(Chip(_("地区：%(name)s") % {"name": case_filter.region.display_name}, links.url(region=None)))
    if case_filter.institution is not None:
        label = _("机构：%(name)s") % {"name": case_filter.institution.display_name}
        result.append(Chip(label, links.url(institution=None)))
    if case_filter.year is not None:
        result.append(Chip(_("始于 %(year)s 年") % {"year": case_filter.year}, links.url(year=None)))
    if case_filter.stage is not None:
        label = _("阶段：%(name)s") % {"name": Practice.Stage(case_filter.stage).label}
        result.append(Chip(label, links.url(stage=None)))
    if case_filter.level is not None:
        label = _("层级：%(name)s") % {"name": Practice.Level(case_filter.level).label}
        result.append(Chip(label, links.url(level=None)))
    return result
