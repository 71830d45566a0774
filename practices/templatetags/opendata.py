"""Open-data parts of the case page: its public versions and how to cite it."""

from django import template

from practices.opendata.citation import CaseCitation
from practices.opendata.versions import public_versions

register = template.Library()


@register.simple_tag(takes_context=True)
def case_open_data(context, practice):
    """`versions` (oldest first) and `citation` (of the current version) of a public case."""
    versions = public_versions(practice)
    request = context["request"]
    citation = CaseCitation.of(practice, versions[-1], request.build_absolute_uri) if versions else None
    return {"versions": versions, "citation": citation}
