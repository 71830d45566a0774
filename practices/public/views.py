"""Public pages. Every read goes through Practice.objects.published(); every page answers GET and HEAD only."""

import re

from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_safe

from practices.models import Practice, Theme
from practices.public.comparison import Comparison
from practices.public.facets import count_facets, theme_counts
from practices.public.filters import MAX_QUERY_LENGTH, CaseFilter
from practices.public.health import unavailable_services
from practices.public.listing import ListLinks, chips, facet_options, list_heading, paginate
from practices.public.related import theme_neighbours
from practices.public.similar import similar_cases

HOME_LATEST = 6
HOME_FEATURED = 3
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@never_cache
@require_GET
def healthz(request):
    """200 `ok` when the database, the caches and media storage answer; 503 naming those that do not."""
    down = unavailable_services()
    if down:
        return HttpResponse(f"unavailable: {' '.join(down)}", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def home(request):
    """What Casebook is, the themes with their counts, featured and latest cases, ways in by place and body."""
    facets = count_facets(CaseFilter())
    published = Practice.objects.published().with_list_related().newest_first()
    featured = list(published.featured()[:HOME_FEATURED])
    context = {
        "facets": facets,
        "featured": featured,
        # A featured case already has its card above; the latest list shows the others.
        "latest": list(published.exclude(pk__in=[p.pk for p in featured])[:HOME_LATEST]),
        "max_query_length": MAX_QUERY_LENGTH,
    }
    return render(request, "practices/home.html", context)


@require_safe
def theme_list(request):
    """The four themes with their descriptions and case counts."""
    themes = theme_counts()
    return render(request, "practices/theme_list.html", {"themes": themes})


@require_safe
def case_list(request):
    """All published cases, filtered by the query parameters."""
    return _render_list(request, CaseFilter.from_params(request.GET), "practices/practice_list.html")


@require_safe
def theme_detail(request, slug):
    """A theme's description and its cases, with the same filters as the case list."""
    theme = get_object_or_404(Theme, slug=slug)
    case_filter = CaseFilter.from_params(request.GET, theme=theme)
    return _render_list(request, case_filter, "practices/theme_detail.html", {"theme": theme})


@require_safe
def tag_detail(request, slug):
    """A tag's cases; a tag no published case carries is not found."""
    case_filter = CaseFilter.from_params(request.GET, tag=slug)
    if case_filter.fixed_tag is None:
        raise Http404
    return _render_list(request, case_filter, "practices/tag_detail.html", {"tag": case_filter.fixed_tag})


def _render_list(request, case_filter, template, extra=None):
    """Every case list: facets (which also give the total), one page of cases, chips and links.

    A search the index answers with a short id list gets facets and an exact count like any list. A broad
    one counts its matches only up to a cap; past it, facet counts (each a pass over every match) are
    left out and the page asks the visitor to narrow the search first.
    """
    queryset = case_filter.queryset().with_list_related()
    walk = case_filter.search_walk()
    if case_filter.q and case_filter.search_match.broad:
        page = paginate(queryset, request.GET, **walk)
        result_count = page.paginator.result_count
        facets = None if result_count.capped else count_facets(case_filter)
    else:
        facets = count_facets(case_filter)
        page = paginate(queryset, request.GET, count=facets.total, **walk)
        result_count = page.paginator.result_count if case_filter.q else None
    links = ListLinks(request.path, request.GET, q=case_filter.q)
    context = {
        "filter": case_filter,
        "facets": facets,
        "result_count": result_count,
        "options": facet_options(facets, case_filter, links) if facets is not None else None,
        "chips": chips(case_filter, links),
        "heading": list_heading(case_filter),
        "page": page,
        "sort_options": links.sort_options(case_filter.sort),
        "page_size_options": links.page_size_options(page.paginator.per_page),
        "search_hidden": links.hidden_fields("q"),
        "sort_hidden": links.hidden_fields("sort", "page_size"),
        "max_query_length": MAX_QUERY_LENGTH,
        "list_url": reverse("practices:practice_list"),
        # The empty page offers every theme as a way back in.
        "all_themes": Theme.objects.all() if not page.object_list else (),
    } | (extra or {})
    return render(request, template, context)


@require_safe
def practice_detail(request, slug):
    """A case with its pictures, figures, sources, tags, similar cases and neighbours in its theme."""
    practice = get_object_or_404(Practice.objects.published().with_detail_related(), slug=slug)
    context = {
        "practice": practice,
        "similar": similar_cases(practice),
        "neighbours": theme_neighbours(practice),
    }
    return render(request, "practices/practice_detail.html", context)


@require_safe
def compare(request):
    """Two to four published cases side by side; notices for what could not be compared."""
    comparison = Comparison.from_param(request.GET.get("cases"))
    return render(request, "practices/compare.html", {"comparison": comparison})


@require_safe
@cache_control(max_age=300, public=True)
def theme_colours_css(request):
    """Each theme's colour as a CSS class, so pages need no inline styles under a strict CSP."""
    rules = [
        f".theme-{theme.pk} {{ --theme-colour: {theme.colour}; }}"
        for theme in Theme.objects.only("pk", "colour")
        if HEX_COLOUR.match(theme.colour)
    ]
    return HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")


@require_safe
def robots_txt(request):
    """Crawlers may read the public site and find the sitemap; the admin is off limits."""
    return render(
        request,
        "robots.txt",
        {"sitemap_url": request.build_absolute_uri(reverse("sitemap"))},
        content_type="text/plain; charset=utf-8",
    )


@require_safe
def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page links to."""
    return HttpResponsePermanentRedirect(static("favicon.ico"))
