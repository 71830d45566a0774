"""Open-data pages around a case: its permanent address by public ID and its public versions."""

import re

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from practices.models import PUBLIC_ID_PATTERN, Practice
from practices.opendata.versions import VersionView, public_versions

PUBLIC_ID = re.compile(PUBLIC_ID_PATTERN)


def published_case_by_public_id(public_id):
    """The published case with this public ID (any letter case), or 404; malformed IDs never reach the database."""
    public_id = public_id.strip().upper()
    if not PUBLIC_ID.fullmatch(public_id):
        raise Http404
    case = Practice.objects.published().filter(public_id=public_id).only("slug").first()
    if case is None:
        raise Http404
    return case


def practice_by_public_id(request, public_id):
    """/cases/id/CB-2024-0007/ → the case's current address (temporary: slugs may change, IDs never do)."""
    return redirect(published_case_by_public_id(public_id).get_absolute_url())


def practice_version(request, slug, number):
    """Version `number` of a published case as it was published, with a link to the current version."""
    practice = get_object_or_404(Practice.objects.published().select_related("theme"), slug=slug)
    versions = public_versions(practice)
    if not 1 <= number <= len(versions):  # also keeps huge numbers away from the database
        raise Http404
    context = {
        "practice": practice,
        "version": versions[number - 1],
        "shown": VersionView(versions[number - 1]),
        "current": len(versions),
    }
    return render(request, "practices/practice_version.html", context)
