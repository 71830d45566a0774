"""Insights: the list's cases counted by theme and year started, by province, by institution kind, by stage,
and the key figures that state a baseline. Each is a few grouped queries over `CaseFilter.matching()`, so the
numbers are the list's own; each becomes a chart, a table and a CSV (`CHARTS`)."""

from dataclasses import dataclass, field

from django.db.models import CharField, Count
from django.db.models.functions import Cast, Substr
from django.utils.translation import gettext as _

from practices.models import Institution, KeyFigure, Practice, Theme
from practices.public import regions
from practices.public.map import counts_by_region, roll_up

# The key figures with a baseline shown on the page (the newest cases first); the CSV holds as many.
BEFORE_AFTER_LIMIT = 30
CHARTS = ("theme-year", "province", "institution-kind", "stage", "before-after")


@dataclass
class Table:
    """One chart's numbers: a header row and data rows (the CSV is exactly this)."""

    header: list
    rows: list = field(default_factory=list)


def by_theme_and_year(matching):
    """Rows (year or "not stated", [count per theme], total) and the themes, the latest year first."""
    themes = list(Theme.objects.order_by("order", "name"))
    # The year as the first four characters of the ISO date: a plain SQL string function on both databases,
    # where ExtractYear is a Python function called once per row on SQLite (the slowest part at 100,000 cases).
    year = Substr(Cast("started_on", CharField()), 1, 4)
    grouped = matching.order_by().values("theme", year=year).annotate(n=Count("pk"))
    counts = {}
    for row in grouped:
        counts.setdefault(int(row["year"]) if row["year"] else None, {})[row["theme"]] = row["n"]
    years = sorted((y for y in counts if y is not None), reverse=True) + ([None] if None in counts else [])
    rows = [(year, [counts[year].get(t.pk, 0) for t in themes]) for year in years]
    return themes, rows


def by_province(matching):
    """(RegionTile, count) of every province holding a case, the most first."""
    totals = roll_up(counts_by_region(matching), regions.province_code)
    rows = [(tile, totals[tile.code]) for tile in regions.provinces() if totals.get(tile.code)]
    return sorted(rows, key=lambda row: (-row[1], row[0].code))


def by_institution_kind(matching):
    """(kind label, count) of every kind holding a case, the most first; cases without an institution last."""
    # Grouped by the institution id (no join over every case), then folded into kinds.
    by_institution = dict(
        matching.order_by().values("institution").annotate(n=Count("pk")).values_list("institution", "n")
    )
    kinds = dict(Institution.objects.filter(pk__in=[i for i in by_institution if i]).values_list("pk", "kind"))
    grouped = {}
    for institution, n in by_institution.items():
        kind = kinds.get(institution) if institution else None
        grouped[kind] = grouped.get(kind, 0) + n
    labels = dict(Institution.Kind.choices)
    rows = sorted(((labels.get(k, k), n) for k, n in grouped.items() if k), key=lambda row: -row[1])
    if grouped.get(None):
        rows.append((_("未注明机构"), grouped[None]))
    return rows


def by_stage(matching):
    """(stage label, count) in the stages' own order; cases whose stage is not stated last."""
    grouped = dict(matching.order_by().values("stage").annotate(n=Count("pk")).values_list("stage", "n"))
    rows = [(label, grouped[value]) for value, label in Practice.Stage.choices if grouped.get(value)]
    if grouped.get(""):
        rows.append((_("未注明阶段"), grouped[""]))
    return rows


def before_after(matching, limit=BEFORE_AFTER_LIMIT):
    """Key figures with a baseline among the matching cases, the newest cases first: (figures, how many in all)."""
    figures = (
        KeyFigure.objects.filter(practice__in=matching.values("pk"), baseline_value__isnull=False)
        .select_related("practice")
        .order_by("-practice__published_at", "practice_id", "order", "id")
    )
    return list(figures[:limit]), figures.count()


def tables(case_filter, charts=CHARTS, limit=BEFORE_AFTER_LIMIT):
    """The Table of each of `charts` for the filter (what its CSV holds), plus what the page draws them from.

    Only the queries the named charts need are run, so one chart's CSV costs one chart.
    """
    matching = case_filter.matching()
    result = {}
    if "theme-year" in charts:
        themes, year_rows = by_theme_and_year(matching)
        not_stated = _("未注明")
        result |= {
            "themes": themes,
            "year_rows": year_rows,
            "theme-year": Table(
                [_("开始年份"), *(t.display_name for t in themes), _("合计")],
                [[year if year is not None else not_stated, *counts, sum(counts)] for year, counts in year_rows],
            ),
        }
    if "province" in charts:
        result["province"] = Table(
            [_("省级行政区"), _("行政区划代码"), _("案例数")],
            [[t.display_name, t.code, n] for t, n in by_province(matching)],
        )
    if "institution-kind" in charts:
        result["institution-kind"] = Table(
            [_("机构类型"), _("案例数")], [list(row) for row in by_institution_kind(matching)]
        )
    if "stage" in charts:
        result["stage"] = Table([_("阶段"), _("案例数")], [list(row) for row in by_stage(matching)])
    if "before-after" in charts:
        figures, figure_count = before_after(matching, limit)
        result |= {
            "figures": figures,
            "figure_count": figure_count,
            "before-after": Table(
                [_("案例"), _("指标"), _("对比基数"), _("基数日期"), _("数值"), _("截至日期"), _("单位")],
                [
                    [
                        f.practice.display_title,
                        f.display_label,
                        KeyFigure.format_number(f.baseline_value),
                        f.baseline_on.isoformat() if f.baseline_on else "",
                        f.value_display,
                        f.as_of.isoformat() if f.as_of else "",
                        f.display_unit,
                    ]
                    for f in figures
                ],
            ),
        }
    return result
