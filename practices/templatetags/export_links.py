"""`{% export_url "csv" theme=… tag=… %}`: the export address for the list being shown."""

from django import template
from django.http import QueryDict
from django.urls import reverse

register = template.Library()

# Paging belongs to the page on screen; an export always holds every page.
PAGING_PARAMETERS = ("page", "page_size")


@register.simple_tag(takes_context=True)
def export_url(context, extension, theme=None, tag=None):
    """The export URL keeping the current query; a theme or tag page adds its own theme or tag."""
    request = context.get("request")
    params = request.GET.copy() if request is not None else QueryDict(mutable=True)
    for name in PAGING_PARAMETERS:
        params.pop(name, None)
    case_filter = context.get("filter")
    if case_filter is not None and params.get("q"):
        params["q"] = case_filter.q  # the search as used: an over-long one trimmed to its limit
    if theme:
        params["theme"] = theme.slug
    if tag and tag.slug not in params.getlist("tag"):
        params.setlist("tag", [tag.slug, *params.getlist("tag")])
    url = reverse(f"practices:export_{extension}")
    return f"{url}?{params.urlencode()}" if params else url
