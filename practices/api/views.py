"""/api/v1/: the read API with django-ninja. Published cases only, read-only, anonymous, rate-limited per address.

The case list reads exactly the list page's parameters through CaseFilter and pages like the list page
(`practices.public.listing.paginate`), so the API and /cases/ give the same cases in the same order with
the same (capped) count.
"""

from datetime import date, datetime

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import http_date
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import HttpError, ValidationError
from ninja.throttling import AnonRateThrottle

from practices.api import records
from practices.models import Practice
from practices.opendata.views import published_case_by_public_id
from practices.public.filters import SORTS, CaseFilter
from practices.public.listing import ListLinks, paginate

DEFAULT_RATE = "120/m"
# One per address (REMOTE_ADDR, or the client address a trusted proxy put in X-Forwarded-For: NINJA_NUM_PROXIES).
RATE_LIMIT = AnonRateThrottle(getattr(settings, "CASEBOOK_API_RATE", DEFAULT_RATE))

api = NinjaAPI(
    title="Casebook API",
    version="1",
    description="Read-only open data of Casebook's published practice cases. Reference: /api/",
    urls_namespace="api-v1",
    docs_url=None,
    openapi_url="/openapi.json",
    throttle=[RATE_LIMIT],
)


class Message(Schema):
    message: str


class Named(Schema):
    name: str
    name_en: str


class ThemeRef(Named):
    slug: str


class RegionRef(Named):
    code: str = Field(description="GB/T 2260 code")


class InstitutionRef(Named):
    slug: str


class CaseRow(Schema):
    public_id: str = Field(description="Citable ID that never changes, e.g. CB-2024-0007")
    title: str
    title_en: str
    summary: str
    summary_en: str
    theme: ThemeRef
    region: RegionRef
    institution: InstitutionRef | None
    tags: list[str]
    started_on: date | None
    started_precision: str | None = Field(description="year, month or day")
    published_at: datetime
    updated_at: datetime
    url: str
    api_url: str
    cover_image_url: str | None


class CasePage(Schema):
    count: int = Field(description="Matching cases; a broad search stops counting at 1,000 (count_capped)")
    count_capped: bool
    next: str | None
    previous: str | None
    not_found: list[str] = Field(description="Filter values that match nothing (the list is then empty)")
    results: list[CaseRow]


class TextPart(Schema):
    heading: str
    text: str


class KeyFigureOut(Schema):
    label: str
    label_en: str
    value: str = Field(description="As the source wrote it, without thousands separators")
    unit: str
    unit_en: str
    as_of: date | None
    baseline_value: str | None
    baseline_on: date | None
    note: str
    note_en: str


class SourceOut(Schema):
    title: str
    publisher: str
    author: str
    url: str
    published_on: date | None
    accessed_on: date | None
    note: str


class Rendition(Schema):
    width: int
    jpeg: str
    webp: str


class ImageOut(Schema):
    url: str
    width: int | None
    height: int | None
    alt_text: str
    caption: str
    credit: str
    licence: str
    is_cover: bool
    renditions: list[Rendition]


class RegionStep(Named):
    code: str


class InstitutionOut(InstitutionRef):
    kind: str


class VersionOut(Schema):
    number: int
    published_at: datetime
    note: str
    is_erratum: bool
    url: str


class CaseRecord(CaseRow):
    institution: InstitutionOut | None
    text: list[TextPart]
    region_path: list[RegionStep] = Field(description="From the province down to the case's region")
    key_figures: list[KeyFigureOut]
    sources: list[SourceOut]
    images: list[ImageOut]
    versions: list[VersionOut]
    cite_url: str


class ThemeOut(ThemeRef):
    description: str
    description_en: str
    case_count: int


class RegionOut(RegionRef):
    parent: str | None
    case_count: int


class InstitutionListOut(InstitutionOut):
    region: str | None
    case_count: int


class TagOut(Schema):
    slug: str
    name: str
    case_count: int


class CaseListParams(Schema):
    """The case list's parameters, read as /cases/ reads them: bad values never fail the request."""

    q: str | None = Field(None, description="Search terms (Chinese or English), ANDed")
    theme: str | None = Field(None, description="Theme slug")
    tag: list[str] = Field([], description="Tag slug; repeat for several (all must match)")
    region: str | None = Field(None, description="GB/T 2260 code; regions below it are included")
    institution: str | None = Field(None, description="Institution slug")
    year: str | None = Field(None, description="Year the practice started")
    sort: str | None = Field(None, description=f"One of {', '.join(SORTS)}; relevance (newest without q)")
    page: str | None = Field(None, description="Page number; out of range gives the first or last page")
    page_size: str | None = Field(None, description="1–100, default 20")


def _modified(response, when):
    response["Last-Modified"] = http_date(when.timestamp())


@api.get("/cases/", response=CasePage, summary="List published cases", operation_id="listCases", url_name="case_list")
def list_cases(request: HttpRequest, response: HttpResponse, params: Query[CaseListParams]):
    """The published cases of the list /cases/ with the same parameters, in the same order."""
    case_filter = CaseFilter.from_params(request.GET)
    queryset = case_filter.queryset().with_list_related()
    walk = case_filter.search_walk()
    # As the list page counts: a broad search up to the cap, anything else exactly.
    broad = bool(case_filter.q) and case_filter.search_match.broad
    count = None if broad else case_filter.matching().count()
    page = paginate(queryset, request.GET, count=count, **walk)
    paginator = page.paginator
    capped = broad and paginator.result_count.capped
    links = ListLinks(request.path, request.GET)

    def link(number):
        return request.build_absolute_uri(links.url(page=number))

    _modified(response, records.last_change())
    return {
        "count": paginator.count,
        "count_capped": capped,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
        "not_found": case_filter.not_found,
        "results": [records.case_summary(p, request.build_absolute_uri) for p in page.object_list],
    }


@api.get(
    "/cases/{public_id}/",
    response=CaseRecord,
    summary="One published case",
    operation_id="getCase",
    url_name="case_detail",
)
def case_detail(request: HttpRequest, response: HttpResponse, public_id: str):
    """The full record of the published case with this public ID."""
    found = published_case_by_public_id(public_id)
    practice = Practice.objects.published().with_detail_related().get(pk=found.pk)
    _modified(response, practice.updated_at)
    return records.case_record(practice, request.build_absolute_uri)


@api.get("/themes/", response=list[ThemeOut], summary="Themes", operation_id="listThemes", url_name="themes")
def themes(request: HttpRequest, response: HttpResponse):
    _modified(response, records.last_change())
    return records.themes()


@api.get("/regions/", response=list[RegionOut], summary="Regions", operation_id="listRegions", url_name="regions")
def regions(request: HttpRequest, response: HttpResponse):
    _modified(response, records.last_change())
    return records.regions()


@api.get(
    "/institutions/",
    response=list[InstitutionListOut],
    summary="Institutions",
    operation_id="listInstitutions",
    url_name="institutions",
)
def institutions(request: HttpRequest, response: HttpResponse):
    _modified(response, records.last_change())
    return records.institutions()


@api.get("/tags/", response=list[TagOut], summary="Tags of published cases", operation_id="listTags", url_name="tags")
def tags(request: HttpRequest, response: HttpResponse):
    _modified(response, records.last_change())
    return records.tags()


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"message": "Not found."}, status=404)


@api.exception_handler(HttpError)
def http_error(request, exc):
    return api.create_response(request, {"message": str(exc)}, status=exc.status_code)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    return api.create_response(request, {"message": "Invalid request.", "errors": exc.errors}, status=400)


def openapi_url():
    return reverse("api-v1:openapi-json")
