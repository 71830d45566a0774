"""Open-data parts of the pages: a case's public versions, how to cite it, and schema.org JSON-LD."""

from django import template

from practices.opendata.citation import CaseCitation
from practices.opendata.linked_data import case_article, script_element, website
from practices.opendata.versions import public_versions

register = template.Library()


def _versions(practice):
    """public_versions(practice), read once per page although the head and the body both need it."""
    if not hasattr(practice, "_public_versions"):
        practice._public_versions = public_versions(practice)
    return practice._public_versions


@register.simple_tag(takes_context=True)
def case_open_data(context, practice):
    """`versions` (oldest first) and `citation` (of the current version) of a public case."""
    versions = _versions(practice)
    request = context["request"]
    citation = CaseCitation.of(practice, versions[-1], request.build_absolute_uri) if versions else None
    return {"versions": versions, "citation": citation}


@register.simple_tag(takes_context=True)
def case_json_ld(context, practice):
    """The case page's schema.org Article as a JSON-LD script element."""
    absolute = context["request"].build_absolute_uri
    versions = _versions(practice)
    return script_element(case_article(practice, versions[-1].number if versions else 1, absolute))


@register.simple_tag(takes_context=True)
def website_json_ld(context):
    """The home page's schema.org WebSite (with its SearchAction) as a JSON-LD script element."""
    return script_element(website(context["request"].build_absolute_uri))
