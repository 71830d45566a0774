"""The case-list filter: one reading of `/cases/` query parameters, shared by the list pages and exports.

Bad values never raise: an unknown sort falls back to the default, an unknown theme, tag, region or
institution gives an empty result and a message saying which value was not found.
"""

from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _
from taggit.models import Tag

from practices.models import Institution, Practice, Region, Theme
from practices.search import query as search

MAX_QUERY_LENGTH = 100
MAX_TAGS = 10
SORTS = {
    "relevance": None,  # the search ranking; newest when there is no query
    "newest": ("-published_at", "-id"),
    "oldest": ("published_at", "id"),
    "title": ("title", "id"),
    "updated": ("-updated_at", "-id"),
}
DEFAULT_SORT = "relevance"


@dataclass
class CaseFilter:
    """The parsed filter of a case list, applied to published cases only."""

    q: str = ""
    theme: Theme | None = None
    tags: list = field(default_factory=list)
    region: Region | None = None
    institution: Institution | None = None
    year: int | None = None
    sort: str = DEFAULT_SORT
    not_found: list = field(default_factory=list)
    notices: list = field(default_factory=list)  # what was cut from the request, said rather than dropped silently
    fixed_theme: bool = False
    fixed_tag: Tag | None = None
    _search_match: search.Match | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_params(cls, params, theme=None, tag=None):
        """Read a QueryDict (request.GET). `theme` (a Theme) or `tag` (a tag slug) fix a filter for theme and tag pages.

        Only tags that some published case carries are found, so a draft's tags stay unknown to the public.
        """
        f = cls(fixed_theme=theme is not None)
        q = " ".join((params.get("q") or "").split())
        f.q = q[:MAX_QUERY_LENGTH]
        if len(q) > MAX_QUERY_LENGTH:
            f.notices.append(_("搜索词太长，只用了前 %(max)d 个字符。") % {"max": MAX_QUERY_LENGTH})
        sort = params.get("sort") or DEFAULT_SORT
        f.sort = sort if sort in SORTS else DEFAULT_SORT

        if theme is not None:
            f.theme = theme
        elif slug := (params.get("theme") or "").strip():
            f.theme = Theme.objects.filter(slug=slug).first()
            if f.theme is None:
                f.not_found.append(_("主题“%(value)s”") % {"value": slug[:50]})

        slugs = list(dict.fromkeys(s.strip() for s in params.getlist("tag") if s.strip()))
        if len(slugs) > MAX_TAGS:
            f.notices.append(_("最多同时按 %(max)d 个标签筛选，只用了前 %(max)d 个。") % {"max": MAX_TAGS})
            slugs = slugs[:MAX_TAGS]
        if tag is not None:
            slugs = [tag, *(s for s in slugs if s != tag)]
        tags = {t.slug: t for t in public_tags().filter(slug__in=slugs)} if slugs else {}
        for slug in dict.fromkeys(slugs):
            if slug in tags:
                f.tags.append(tags[slug])
            else:
                f.not_found.append(_("标签“%(value)s”") % {"value": slug[:50]})
        if tag is not None:
            f.fixed_tag = tags.get(tag)

        if code := (params.get("region") or "").strip():
            f.region = Region.objects.filter(code=code[:6]).first() if len(code) == 6 else None
            if f.region is None:
                f.not_found.append(_("地区“%(value)s”") % {"value": code[:50]})

        if slug := (params.get("institution") or "").strip():
            f.institution = Institution.objects.filter(slug=slug).first()
            if f.institution is None:
                f.not_found.append(_("机构“%(value)s”") % {"value": slug[:50]})

        if year := (params.get("year") or "").strip():
            if year.isascii() and year.isdigit() and 1900 <= int(year) <= 2200:
                f.year = int(year)
            else:
                f.not_found.append(_("年份“%(value)s”") % {"value": year[:50]})
        return f

    def queryset(self, base=None):
        """Published cases matching every filter, in the chosen order."""
        return self.order(self.matching(base))

    def matching(self, base=None):
        """Published cases matching every filter, unordered (for counting)."""
        if self.not_found:
            return Practice.objects.none()
        qs = base if base is not None else Practice.objects.published()
        if self.theme is not None:
            qs = qs.for_theme(self.theme)
        if self.tags:
            qs = qs.for_tags(self.tags)
        if self.region is not None:
            qs = qs.for_region(self.region)
        if self.institution is not None:
            qs = qs.for_institution(self.institution)
        if self.year is not None:
            qs = qs.started_in(self.year)
        if self.q:
            qs = qs.filter(self.search_match.condition)
        return qs

    @property
    def search_match(self):
        """What `q` matches, asked of the index once however many facets reuse the filter."""
        if self._search_match is None:
            self._search_match = search.matching(self.q)
        return self._search_match

    def without(self, name):
        """The same filter with one dimension (`theme`, `region`, `institution`, `year`, `q`) cleared.

        For facets, and for walking a search's relevance tiers. It shares the search match: the same `q`
        matches the same cases.
        """
        keeps_q = self.q and name != "q"
        return replace(
            self,
            **{name: "" if name == "q" else None},
            tags=list(self.tags),
            not_found=list(self.not_found),
            notices=list(self.notices),
            _search_match=self.search_match if keeps_q else None,
        )

    def search_walk(self):
        """How a page of this list in relevance order reads its tiers (search.CappedPaginator's arguments):
        `q`, the list without it, and the ids the index gave for it when there were few."""
        if not self.q:
            return {"q": ""}
        return {"q": self.q, "unsearched": self.without("q").matching(), "match_ids": self.search_match.ids}

    @property
    def is_active(self):
        """Whether the visitor narrowed the list beyond what the page itself fixes."""
        return bool(
            self.q
            or (self.theme and not self.fixed_theme)
            or [t for t in self.tags if t != self.fixed_tag]
            or self.region
            or self.institution
            or self.year
        )

    def order(self, qs):
        """`qs` in the chosen sort; relevance without a query means newest first."""
        if self.sort == "relevance":
            return search.order_by_relevance(qs, self.q) if self.q else qs.order_by(*SORTS["newest"])
        return qs.order_by(*SORTS[self.sort])

    def as_dict(self):
        """The active filter in plain values, for exports and the JSON envelope."""
        return {
            "q": self.q,
            "theme": self.theme.slug if self.theme else None,
            "tag": [t.slug for t in self.tags],
            "region": self.region.code if self.region else None,
            "institution": self.institution.slug if self.institution else None,
            "year": self.year,
            "sort": self.sort,
        }


def public_tags():
    """Tags carried by at least one published case."""
    published = Practice.objects.published().values("pk")
    return Tag.objects.filter(practices_taggedpractice_items__content_object__in=published).distinct()
