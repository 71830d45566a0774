"""Open-data views: a case's permanent address, its public versions and citation files, the data package."""

import re
from functools import wraps

from django.http import Http404, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from practices.exports.columns import content_disposition, download_filename
from practices.models import PUBLIC_ID_PATTERN, Practice
from practices.opendata.citation import CaseCitation
from practices.opendata.packages import package_stream
from practices.opendata.versions import VersionView, public_versions
from practices.public.filters import CaseFilter, storable, storable_query

PUBLIC_ID = re.compile(PUBLIC_ID_PATTERN)


def refuse_nul(view):
    """400 for a NUL byte anywhere in the address: PostgreSQL refuses it in text, which would be a 500."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if not (storable(request.path) and storable_query(request.GET)):
            return HttpResponseBadRequest("NUL characters are not allowed in the address.", content_type="text/plain")
        return view(request, *args, **kwargs)

    return checked


def published_case_by_public_id(public_id):
    """The published case with this public ID (any letter case), or 404; malformed IDs never reach the database."""
    public_id = public_id.strip().upper()
    if not PUBLIC_ID.fullmatch(public_id):
        raise Http404
    case = Practice.objects.published().filter(public_id=public_id).only("slug").first()
    if case is None:
        raise Http404
    return case


@refuse_nul
def practice_by_public_id(request, public_id):
    """/cases/id/CB-2024-0007/ → the case's current address (temporary: slugs may change, IDs never do)."""
    return redirect(published_case_by_public_id(public_id).get_absolute_url())


@refuse_nul
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


CITATION_FORMATS = {
    "bib": ("application/x-bibtex; charset=utf-8", CaseCitation.bibtex),
    "ris": ("application/x-research-info-systems; charset=utf-8", CaseCitation.ris),
    "json": ("application/vnd.citationstyles.csl+json; charset=utf-8", CaseCitation.csl_json),
}


@refuse_nul
def practice_citation(request, slug, extension):
    """cite.bib, cite.ris or cite.json: the current version of a published case for reference managers."""
    practice = get_object_or_404(Practice.objects.published(), slug=slug)
    content_type, write = CITATION_FORMATS[extension]
    citation = CaseCitation.of(practice, public_versions(practice)[-1], request.build_absolute_uri)
    response = HttpResponse(write(citation), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{practice.public_id}.{extension}"'
    return response


@require_GET
@refuse_nul
def export_package(request):
    """The filtered case list as a Frictionless Data Package in a streamed zip."""
    case_filter = CaseFilter.from_params(request.GET)
    stream = package_stream(
        case_filter.queryset(), request.build_absolute_uri("/"), case_filter, request.build_absolute_uri()
    )
    response = StreamingHttpResponse(stream, content_type="application/zip")
    response["Content-Disposition"] = content_disposition(download_filename(case_filter, "zip"))
    return response
