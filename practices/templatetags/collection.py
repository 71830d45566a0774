"""`{% map_url theme=… tag=… %}` and `{% insights_url … %}`: the map and the charts of the list being shown."""

from django import template
from django.http import QueryDict
from django.urls import reverse

from practices.public import regions
from practices.public.filters import CaseFilter
from practices.public.listing import LIST_PARAMS

register = template.Library()

# Paging and order belong to the list on screen; the map and the charts count all of it.
LIST_ONLY = ("page", "page_size", "sort")


def _params(context, theme, tag):
    request = context.get("request")
    given = request.GET if request is not None else QueryDict()
    params = QueryDict(mutable=True)
    for name in LIST_PARAMS:
        if name in given and name not in LIST_ONLY:
            params.setlist(name, given.getlist(name))
    if "q" in params:
        # The search as the list used it (trimmed to its limit), as the list's own links carry it.
        search = QueryDict(mutable=True)
        search["q"] = given.get("q")
        params["q"] = CaseFilter.from_params(search).q
    if theme:
        params["theme"] = theme.slug
    if tag and tag.slug not in params.getlist("tag"):
        params.setlist("tag", [tag.slug, *params.getlist("tag")])
    return params


def _with_query(url, params):
    return f"{url}?{params.urlencode()}" if params else url


@register.simple_tag(takes_context=True)
def map_url(context, theme=None, tag=None):
    """The map of the current list: a chosen region opens its province's (or prefecture's) map."""
    params = _params(context, theme, tag)
    code = (params.pop("region", None) or [""])[-1]
    url = reverse("practices:map")
    if len(code) == 6 and code.isascii() and code.isdigit():
        # A county opens the map of its prefecture (or province) with the county's row in its table.
        for area in (code, regions.prefecture_code(code), regions.province_code(code)):
            if regions.tile(area) is not None:
                url = reverse("practices:region_map", kwargs={"code": area})
                break
    return _with_query(url, params)


@register.simple_tag(takes_context=True)
def insights_url(context, theme=None, tag=None):
    """The charts of the current list, with every filter."""
    return _with_query(reverse("practices:insights"), _params(context, theme, tag))
