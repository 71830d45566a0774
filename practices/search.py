"""The single search entry point behind `q` on every case list and export.

Terms are separated by spaces, `，`, `、` or full-width spaces and ANDed; a quoted phrase is one term.
A case matches when each term occurs in its title, English title, summary, body, tags, theme,
institution or region name.
"""

import re

from django.db.models import Case, IntegerField, Q, Value, When

TERM_PATTERN = re.compile(r'"([^"]+)"|“([^”]+)”|([^\s,，、\u3000"“”]+)')


def parse_query(q):
    """Split a query into its terms, keeping quoted phrases whole."""
    terms = []
    for quoted, curly, bare in TERM_PATTERN.findall(q or ""):
        term = (quoted or curly or bare).strip()
        if term and term not in terms:
            terms.append(term)
    return terms


def _term_condition(term):
    from .models import TaggedPractice

    tagged = TaggedPractice.objects.filter(tag__name__icontains=term).values("content_object")
    return (
        Q(title__icontains=term)
        | Q(title_en__icontains=term)
        | Q(summary__icontains=term)
        | Q(body__icontains=term)
        | Q(theme__name__icontains=term)
        | Q(institution__name__icontains=term)
        | Q(region__name__icontains=term)
        | Q(pk__in=tagged)
    )


def search(queryset, q):
    """Narrow `queryset` to the cases containing every term of `q`."""
    for term in parse_query(q):
        queryset = queryset.filter(_term_condition(term))
    return queryset


def order_by_relevance(queryset, q):
    """Cases whose title holds every term first, newest next."""
    terms = parse_query(q)
    if not terms:
        return queryset.order_by("-published_at", "-id")
    title_hit = Q()
    for term in terms:
        title_hit &= Q(title__icontains=term)
    return queryset.annotate(
        title_rank=Case(When(title_hit, then=Value(1)), default=Value(0), output_field=IntegerField())
    ).order_by("-title_rank", "-published_at", "-id")
