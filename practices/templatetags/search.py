"""Search results in templates: `{% load search %}`, then `{{ practice|search_snippet:q }}` and `{{ count }}`."""

from django import template

from practices.search import query as search

register = template.Library()


@register.filter
def search_snippet(practice, q):
    """The case's summary or body around the first hit of `q`, hits in <mark>, everything else escaped."""
    return search.practice_snippet(practice, q)


@register.filter
def highlight(text, q):
    """All of `text`, escaped, with every term of `q` in <mark> (for titles)."""
    return search.snippet(text, q, length=None)
