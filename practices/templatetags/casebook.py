"""Template tags of the public site: the language switcher, canonical and alternate addresses, tag names."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language, override

from practices.models import tag_display_name

register = template.Library()

# What the switcher shows for each language, in that language.
LANGUAGE_NAMES = {"zh-hans": "中文", "en": "English"}
HREFLANG = {"zh-hans": "zh-Hans", "en": "en"}


def _home(code):
    with override(code):
        return reverse("practices:home")


def _in_language(request, code, q=None):
    """The current page (with its query string) in language `code`; that language's home page if it has none.

    `q`, a list's search as used, replaces the address's own (which may be far longer than the limit)."""
    if request is None:
        return _home(code)
    here = request.get_full_path()
    if q is not None and "q" in request.GET:
        params = request.GET.copy()
        params["q"] = q
        here = f"{request.path}?{params.urlencode()}"
    there = translate_url(here, code)
    if there == here and code != get_language():
        return _home(code)
    return there


@register.simple_tag(takes_context=True)
def language_links(context):
    """(code, hreflang, name, url, current) for each language, keeping the current page."""
    request = context.get("request")
    current = get_language()
    case_filter = context.get("filter")
    q = getattr(case_filter, "q", None)
    return [
        (
            code,
            HREFLANG.get(code, code),
            LANGUAGE_NAMES.get(code, code),
            _in_language(request, code, q),
            code == current,
        )
        for code, _name in settings.LANGUAGES
    ]


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's absolute address without its query string, but with its page number past the first."""
    request = context.get("request")
    if request is None:
        return ""
    url = request.build_absolute_uri(request.path)
    page = context.get("page")
    if page is not None and getattr(page, "number", 1) > 1:
        url += f"?page={page.number}"
    return url


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """`path` as an absolute address on this host (for OpenGraph, which wants absolute URLs)."""
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """(hreflang, absolute address) of this page in each language, for <link rel="alternate">."""
    request = context.get("request")
    if request is None:
        return []
    links = []
    for code, _name in settings.LANGUAGES:
        there = translate_url(request.path, code)
        if there == request.path and code != get_language():
            continue
        links.append((HREFLANG.get(code, code), request.build_absolute_uri(there)))
    return links


@register.filter
def tag_name(tag):
    """A tag's name in the page's language (its English name under /en/ when it has one)."""
    return tag_display_name(tag)


@register.filter
def shorten(text, length):
    """`text` cut to about `length` characters with "…": Chinese anywhere, English only between words."""
    text = text or ""
    length = int(length)
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if text[length - 1].isascii() and text[length - 1].isalnum() and cut[-1:].isascii() and cut[-1:].isalnum():
        # In the middle of a Latin word: end at the space before it (unless that drops half the text).
        space = cut.rfind(" ")
        if space > length // 2:
            cut = cut[:space]
    return cut.rstrip(" ,;:，、") + "…"
