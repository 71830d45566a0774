"""Export views: the case list as CSV, XLSX and JSON, the codebook page, and the admin export actions.

The public exports read the same query parameters as /cases/ through CaseFilter, so a file holds exactly
the list the visitor was looking at, every page of it.
"""

import csv
import io
from functools import wraps
from itertools import chain

from django.conf import settings
from django.contrib import admin, messages
from django.http import FileResponse, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_safe

from practices.exports.columns import (
    COLUMNS,
    ExportRows,
    content_disposition,
    csv_stream,
    download_filename,
    json_stream,
    neutralise,
    plain_text,
)
from practices.exports.xlsx import write_xlsx
from practices.models import Practice
from practices.public.comparison import Comparison
from practices.public.filters import CaseFilter, shown, storable

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DEFAULT_XLSX_MAX_ROWS = 100_000


def xlsx_max_rows():
    """Rows allowed in one workbook: settings.CASEBOOK_EXPORT_XLSX_MAX_ROWS (Excel itself stops at 1,048,575)."""
    return getattr(settings, "CASEBOOK_EXPORT_XLSX_MAX_ROWS", DEFAULT_XLSX_MAX_ROWS)


def _origin(request):
    return request.build_absolute_uri("/")


def _filtered(request):
    case_filter = CaseFilter.from_params(request.GET)
    return case_filter, case_filter.queryset()


def _filters_json(case_filter):
    return case_filter.as_dict() | {"not_found": case_filter.not_found}


def _filter_rows(request, case_filter, count):
    """What the XLSX codebook sheet says produced the file."""
    rows = [(key, plain_text(value)) for key, value in case_filter.as_dict().items()]
    rows += [(_("未找到"), "；".join(case_filter.not_found))] if case_filter.not_found else []
    return rows + [
        (_("案例数"), count),
        (_("导出时间"), timezone.localtime().isoformat(timespec="seconds")),
        (_("网址"), request.build_absolute_uri()),
    ]


def _started(pieces):
    """A streamed body with its first piece already made: the first batch of cases is read before the
    response's first byte, so a failure there is an error page rather than a 200 cut short."""
    return chain([next(pieces)], pieces)


def checks_parameters(view):
    """Answer 400 before anything is exported when a parameter holds text no database can hold (NUL)."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        refused = [name for name, values in request.GET.lists() if not all(storable(v) for v in values)]
        if refused:
            context = {"names": [shown(name) for name in refused], "list_url": reverse("practices:practice_list")}
            return render(request, "practices/export_bad_parameters.html", context, status=400)
        return view(request, *args, **kwargs)

    return checked


def _csv_response(rows, filename):
    response = StreamingHttpResponse(_started(csv_stream(rows)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition(filename)
    return response


def _xlsx_response(rows, filter_rows, filename):
    response = FileResponse(write_xlsx(rows, filter_rows), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename)
    return response


def _too_many_rows(request, count, csv_url):
    context = {"count": count, "limit": xlsx_max_rows(), "csv_url": csv_url}
    return render(request, "practices/export_too_large.html", context, status=400)


@require_safe
@checks_parameters
def export_csv(request):
    """The filtered case list as streamed CSV, UTF-8 with BOM."""
    case_filter, queryset = _filtered(request)
    return _csv_response(ExportRows(queryset, _origin(request)), download_filename(case_filter, "csv"))


@require_safe
@checks_parameters
def export_json(request):
    """The filtered case list as streamed JSON: count, filters and results."""
    case_filter, queryset = _filtered(request)
    stream = json_stream(ExportRows(queryset, _origin(request)), queryset.count(), _filters_json(case_filter))
    response = StreamingHttpResponse(_started(stream), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = content_disposition(download_filename(case_filter, "json"))
    return response


@require_safe
@checks_parameters
def export_xlsx(request):
    """The filtered case list as an Excel workbook, or a 400 page offering CSV when it is too long."""
    case_filter, queryset = _filtered(request)
    count = queryset.count()
    if count > xlsx_max_rows():
        csv_url = reverse("practices:export_csv") + (f"?{request.GET.urlencode()}" if request.GET else "")
        return _too_many_rows(request, count, csv_url)
    return _xlsx_response(
        ExportRows(queryset, _origin(request)),
        _filter_rows(request, case_filter, count),
        download_filename(case_filter, "xlsx"),
    )


# The codebook's example is picked among this many newest cases, so the page stays cheap on a large library.
CODEBOOK_CANDIDATES = 200


@require_safe
def codebook(request):
    """Every export column with its headers, type, meaning and an example: the most complete of the newest
    published cases (the newest alone may leave columns blank)."""
    newest = Practice.objects.published().newest_first().values("pk")[:CODEBOOK_CANDIDATES]
    example = Practice.objects.filter(pk__in=newest).by_completeness()[:1]
    values = next(iter(ExportRows(example, _origin(request))), {})
    rows = [(column, plain_text(values.get(column.key))) for column in COLUMNS]
    return render(request, "practices/codebook.html", {"rows": rows, "max_rows": xlsx_max_rows()})


def _admin_export(modeladmin, request, queryset, extension):
    """Export the selected cases that are published; say how many drafts were left out."""
    published = queryset.published()
    left_out = queryset.count() - published.count()
    if left_out:
        modeladmin.message_user(
            request,
            ngettext(
                "%d 个所选案例尚未发布，未导出：导出只包含已发布的案例。",
                "%d 个所选案例尚未发布，未导出：导出只包含已发布的案例。",
                left_out,
            )
            % left_out,
            messages.WARNING,
        )
    rows = ExportRows(published, _origin(request))
    filename = download_filename(CaseFilter(), extension)
    if extension == "csv":
        return _csv_response(rows, filename)
    count = published.count()
    if count > xlsx_max_rows():
        return _too_many_rows(request, count, None)
    filter_rows = [(_("后台筛选"), request.get_full_path()), (_("案例数"), count)]
    return _xlsx_response(rows, filter_rows, filename)


@admin.action(description=gettext_lazy("导出所选的已发布案例（CSV）"), permissions=["view"])
def export_selected_csv(modeladmin, request, queryset):
    return _admin_export(modeladmin, request, queryset, "csv")


@admin.action(description=gettext_lazy("导出所选的已发布案例（Excel）"), permissions=["view"])
def export_selected_xlsx(modeladmin, request, queryset):
    return _admin_export(modeladmin, request, queryset, "xlsx")


@require_safe
def export_comparison_csv(request):
    """The comparison on screen as CSV: one row per attribute, one column per case (UTF-8 with BOM)."""
    comparison = Comparison.from_param(request.GET.get("cases"))
    if not comparison.is_ready:
        return HttpResponseBadRequest(
            _("请在网址的 cases 参数中写出 2 至 4 个已发布案例的网址名，用逗号分隔。"),
            content_type="text/plain; charset=utf-8",
        )
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in comparison.table():
        writer.writerow([neutralise(str(cell)) for cell in row])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    name = "-".join(["Casebook", _("比较"), *(case.slug[:20] for case in comparison.cases)])
    response["Content-Disposition"] = content_disposition(f"{name}-{timezone.localdate().isoformat()}.csv")
    return response
