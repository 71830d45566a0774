"""Open-data parts of the case page: its public versions."""

from django import template

from practices.opendata.versions import public_versions

register = template.Library()


@register.simple_tag
def case_versions(practice):
    """The case's public versions, oldest first."""
    return public_versions(practice)
