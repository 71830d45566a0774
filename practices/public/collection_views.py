"""The whole collection at a glance: the tile map by region and the insight charts, both over the list's filter."""

import csv

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from practices.exports.columns import content_disposition, neutralise
from practices.models import Region
from practices.public import insights, regions, svg
from practices.public import map as tile_map
from practices.public.filters import CaseFilter, storable
from practices.public.listing import LIST_PARAMS, ListLinks, chips


def _unstorable(params):
    """Whether a list parameter holds a NUL byte, which PostgreSQL cannot compare with anything."""
    return any(not storable(value) for key in LIST_PARAMS for value in params.getlist(key))


def _map_params(request):
    """The list's parameters without `region`: on the map, the region is what each square chooses."""
    params = request.GET.copy()
    params.pop("region", None)
    return params


def _bad_request(request, template):
    context = {"bad_parameters": True, "list_url": reverse("practices:practice_list")}
    return render(request, template, context, status=400)


@require_safe
def map_overview(request):
    """Every province as a square, shaded and labelled by its number of cases in the list."""
    if _unstorable(request.GET):
        return _bad_request(request, "practices/map.html")
    params = _map_params(request)
    case_filter = CaseFilter.from_params(params)
    links = tile_map.MapLinks(params)
    drawn = tile_map.national_map(case_filter, links)
    columns, rows = tile_map.grid_size(drawn["cells"])
    context = {
        "filter": case_filter,
        "chips": chips(case_filter, ListLinks(request.path, params)),
        "map": drawn,
        "svg": svg.tile_map(drawn["cells"], columns, rows, _("各省级行政区的案例数")),
        "list_url": links.links.url(reverse("practices:practice_list")),
        "insights_url": links.links.url(reverse("practices:insights")),
    }
    return render(request, "practices/map.html", context)


@require_safe
def region_map(request, code):
    """A province's prefectures as squares, or the regions below a prefecture or municipality as a table."""
    if _unstorable(request.GET):
        return _bad_request(request, "practices/map.html")
    region = _region(code)
    if region is None:
        shown = "".join(ch for ch in code[:20] if ch.isprintable())
        context = {"unknown_code": shown, "national_map_url": reverse("practices:map")}
        return render(request, "practices/map.html", context, status=404)
    params = _map_params(request)
    case_filter = CaseFilter.from_params(params)
    links = tile_map.MapLinks(params)
    drawn = tile_map.region_map(case_filter, links, region.code)
    columns, rows = tile_map.grid_size(drawn["cells"]) if drawn["has_tiles"] else (0, 0)
    name = region.display_name
    parent = regions.tile(regions.province_code(region.code)) if region.code != regions.province_code(code) else None
    context = {
        "filter": case_filter,
        "chips": chips(case_filter, ListLinks(request.path, params)),
        "region": region,
        "region_name": name,
        "parent": parent,
        "parent_map_url": links.map_url(parent.code) if parent else None,
        "national_map_url": links.map_url(),
        "map": drawn,
        "elsewhere_label": tile_map.elsewhere_label(name),
        "svg": svg.tile_map(drawn["cells"], columns, rows, _("%(region)s各地的案例数") % {"region": name})
        if drawn["has_tiles"]
        else "",
        "region_list_url": links.list_url(region.code) if drawn["total"] else None,
        "list_url": links.links.url(reverse("practices:practice_list")),
    }
    return render(request, "practices/map.html", context)


def _region(code):
    """The region of a 6-digit GB/T 2260 code that the table or the database knows, as a Region; else None."""
    if not (len(code) == 6 and code.isascii() and code.isdigit()):
        return None
    stored = Region.objects.filter(code=code).first()
    if stored is not None:
        return stored
    known = regions.tile(code)
    return Region(code=known.code, name=known.name, name_en=known.name_en) if known else None


@require_safe
def insights_page(request):
    """Charts of the list's cases with their tables: by theme and year, province, institution kind, stage,
    before → after."""
    if _unstorable(request.GET):
        return _bad_request(request, "practices/insights.html")
    case_filter = CaseFilter.from_params(request.GET)
    links = ListLinks(request.path, request.GET)
    data = insights.tables(case_filter)
    series = [(t.display_name, f"theme-{t.pk}") for t in data["themes"]]
    not_stated = _("未注明")
    drawings = {
        "theme-year": svg.stacked_bars(
            [(year if year is not None else not_stated, counts) for year, counts in data["year_rows"]],
            series,
            _("按开始年份和主题的案例数"),
        ),
        "province": svg.bar_chart([(row[0], row[2]) for row in data["province"].rows], _("各省级行政区的案例数")),
        "institution-kind": svg.bar_chart(
            [tuple(row) for row in data["institution-kind"].rows], _("各类实施机构的案例数")
        ),
        "stage": svg.bar_chart([tuple(row) for row in data["stage"].rows], _("各实施阶段的案例数")),
        "before-after": svg.before_after(
            [(f.display_label, f.baseline_value, f.value) for f in data["figures"]], _("关键数据：对比基数与现值")
        ),
    }
    headings = {
        "theme-year": _("按开始年份和主题"),
        "province": _("按省级行政区"),
        "institution-kind": _("按实施机构类型"),
        "stage": _("按实施阶段"),
        "before-after": _("关键数据：之前 → 之后"),
    }
    sections = [
        {
            "id": chart,
            "heading": headings[chart],
            "svg": drawings[chart],
            "table": data[chart],
            "csv_url": links.url(reverse("practices:insights_csv", kwargs={"chart": chart})),
            "legend": series if chart == "theme-year" else (),
        }
        for chart in insights.CHARTS
    ]
    context = {
        "filter": case_filter,
        "chips": chips(case_filter, links),
        "sections": sections,
        "figure_count": data["figure_count"],
        "figures_shown": len(data["figures"]),
        "total": sum(row[-1] for row in data["theme-year"].rows),
        "list_url": links.url(reverse("practices:practice_list")),
        "map_url": ListLinks(request.path, _map_params(request)).url(reverse("practices:map")),
    }
    return render(request, "practices/insights.html", context)


@require_safe
def insights_csv(request, chart):
    """One chart's table as CSV (UTF-8 with BOM, formula-looking text neutralised), for the same filter."""
    if chart not in insights.CHARTS:
        raise Http404
    if _unstorable(request.GET):
        return HttpResponseBadRequest(_("参数中含有无法处理的字符。"), content_type="text/plain; charset=utf-8")
    table = insights.tables(CaseFilter.from_params(request.GET), charts=(chart,))[chart]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")
    writer = csv.writer(response, lineterminator="\r\n")
    writer.writerow(table.header)
    for row in table.rows:
        writer.writerow([value if isinstance(value, int) else neutralise(str(value)) for value in row])
    response["Content-Disposition"] = content_disposition(f"Casebook-insights-{chart}.csv")
    return response
