"""The case-list filter: one reading of `/cases/` query parameters, shared by the list pages and exports.

Bad values never raise: an unknown sort falls back to the default, an unknown theme, tag, region or
institution gives an empty result and a message saying which value was not found. Text no database can
hold (a NUL character: PostgreSQL refuses it) is never sent to one; it is simply not found. Institutions,
tags and regions that only unpublished cases use are unknown too, so their names never reach the public.
"""

from dataclasses import dataclass, field, replace

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from taggit.models import Tag

from practices.models import Institution, Practice, Region, TaggedPractice, Theme
from practices.querysets import NEWEST_FIRST
from practices.search import query as search

MAX_QUERY_LENGTH = 100
MAX_TAGS = 10
SORTS = {
    "relevance": None,  # the search ranking; newest when there is no query
    "newest": NEWEST_FIRST,
    "oldest": ("published_at", "id"),
    "title": ("title", "id"),
    "updated": ("-updated_at", "-id"),
}
DEFAULT_SORT = "relevance"
YEARS = range(1900, 2201)


@dataclass
class CaseFilter:
    """The parsed filter of a case list, applied to published cases only."""

    q: str = ""
    theme: Theme | None = None
    tags: list = field(default_factory=list)
    region: Region | None = None
    institution: Institution | None = None
    year: int | None = None
    stage: str | None = None
    level: str | None = None
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
        if not storable(q):
            f.not_found.append(_("搜索词“%(value)s”") % {"value": shown(q)})
            q = ""
        f.q = q[:MAX_QUERY_LENGTH]
        if len(q) > MAX_QUERY_LENGTH:
            f.notices.append(_("搜索词太长，只用了前 %(max)d 个字符。") % {"max": MAX_QUERY_LENGTH})
        sort = params.get("sort") or DEFAULT_SORT
        f.sort = sort if sort in SORTS else DEFAULT_SORT

        if theme is not None:
            f.theme = theme
        elif slug := (params.get("theme") or "").strip():
            f.theme = Theme.objects.filter(slug=slug).first() if storable(slug) else None
            if f.theme is None:
                f.not_found.append(_("主题“%(value)s”") % {"value": shown(slug)})

        slugs = list(dict.fromkeys(s.strip() for s in params.getlist("tag") if s.strip()))
        if len(slugs) > MAX_TAGS:
            f.notices.append(_("最多同时按 %(max)d 个标签筛选，只用了前 %(max)d 个。") % {"max": MAX_TAGS})
            slugs = slugs[:MAX_TAGS]
        if tag is not None:
            slugs = [tag, *(s for s in slugs if s != tag)]
        lookup = [slug for slug in slugs if storable(slug)]
        tags = {t.slug: t for t in public_tags().filter(slug__in=lookup)} if lookup else {}
        for slug in dict.fromkeys(slugs):
            if slug in tags:
                f.tags.append(tags[slug])
            else:
                f.not_found.append(_("标签“%(value)s”") % {"value": shown(slug)})
        if tag is not None:
            f.fixed_tag = tags.get(tag)

        if code := (params.get("region") or "").strip():
            f.region = public_region(code)
            if f.region is None:
                f.not_found.append(_("地区“%(value)s”") % {"value": shown(code)})

        if slug := (params.get("institution") or "").strip():
            f.institution = public_institutions().filter(slug=slug).first() if storable(slug) else None
            if f.institution is None:
                f.not_found.append(_("机构“%(value)s”") % {"value": shown(slug)})

        for name, choices, label in (
            ("stage", Practice.Stage, _("阶段“%(value)s”")),
            ("level", Practice.Level, _("层级“%(value)s”")),
        ):
            if value := (params.get(name) or "").strip():
                if value in choices.values:
                    setattr(f, name, value)
                else:
                    f.not_found.append(label % {"value": value[:50]})

        if year := (params.get("year") or "").strip():
            # ASCII digits only: "²".isdigit() is true but int("²") raises, and int() of 5,000 digits too.
            if len(year) == 4 and year.isascii() and year.isdigit() and int(year) in YEARS:
                f.year = int(year)
            else:
                f.not_found.append(_("年份“%(value)s”") % {"value": shown(year)})
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
        if self.stage is not None:
            qs = qs.filter(stage=self.stage)
        if self.level is not None:
            qs = qs.filter(level=self.level)
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
        """The same filter with one dimension (`theme`, `region`, `institution`, `year`, `stage`, `level`, `q`)
        cleared.

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
            or self.stage
            or self.level
        )

    def order(self, qs):
        """`qs` in the chosen sort; relevance without a query means newest first."""
        if self.sort == "relevance":
            return search.order_by_relevance(qs, self.q) if self.q else qs.newest_first()
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
            "stage": self.stage,
            "level": self.level,
            "sort": self.sort,
        }


def storable(text):
    """Whether a database can hold `text`: PostgreSQL refuses the NUL character in any text value."""
    return "\x00" not in text


def storable_query(query):
    """Whether a database can hold every parameter name and value of `query` (a QueryDict), repeats included."""
    return all(storable(key) and all(storable(value) for value in values) for key, values in query.lists())


def shown(value):
    """A visitor's value as a not-found notice repeats it: shortened, and a NUL as the replacement character."""
    return value[:50].replace("\x00", "\ufffd")


def public_tags():
    """Tags carried by at least one published case."""
    # EXISTS stops at a tag's first published case; a join with DISTINCT walked all of them (a tag of
    # 12,000 cases took 22 ms on PostgreSQL to say "yes").
    published = Practice.objects.published().filter(pk=OuterRef("content_object_id"))
    carried = TaggedPractice.objects.filter(Exists(published), tag=OuterRef("pk"))
    return Tag.objects.filter(Exists(carried)).select_related("english_name")


def public_institutions():
    """Institutions at least one published case names."""
    return Institution.objects.filter(Exists(Practice.objects.published().filter(institution=OuterRef("pk"))))


def public_region(code):
    """The region with this GB/T 2260 code if a published case lies in it or below it, else None."""
    if not (len(code) == 6 and code.isascii() and code.isdigit()):
        return None
    below = Practice.objects.published().filter(region__code__startswith=Region(code=code).code_prefix)
    return Region.objects.filter(code=code).filter(Exists(below)).first()
