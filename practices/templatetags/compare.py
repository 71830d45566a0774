"""The "加入比较 / Compare" control without JavaScript: `{% load compare %}{% compare_add_url practice as url %}`.

A list carries the cases chosen so far in its `compare` parameter; the link adds this case to them and
opens the comparison, so the whole selection travels in addresses (no cookie, no login).
"""

from django import template

from practices.public.comparison import MAX_CASES, compare_url, parse_slugs

register = template.Library()


@register.simple_tag(takes_context=True)
def compare_add_url(context, practice):
    """The comparison of the page's chosen cases plus `practice` (the first four of them)."""
    request = context.get("request")
    chosen = parse_slugs(request.GET.get("compare") if request is not None else "")
    if practice.slug not in chosen:
        chosen.append(practice.slug)
    return compare_url(chosen[-MAX_CASES:])


@register.simple_tag(takes_context=True)
def chosen_for_comparison(context):
    """The cases a list page carries in `compare`: their slugs, the comparison and the list without them."""
    request = context["request"]
    slugs = parse_slugs(request.GET.get("compare"))[:MAX_CASES]
    params = request.GET.copy()
    params.pop("compare", None)
    query = params.urlencode()
    return {
        "slugs": slugs,
        "compare_url": compare_url(slugs),
        "clear_url": f"{request.path}?{query}" if query else request.path,
    }
