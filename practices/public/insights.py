"""Insights: the list's cases counted by theme and year started, by province, by institution kind, by stage,
and the key figures that state a baseline. Each is counted over `CaseFilter.matching()` (or read from the stored
facet counts where they hold that filter's), so the numbers are the list's own; each becomes a chart, a table and
a CSV (`CHARTS`)."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext as _

from practices.models import FacetCount, Institution, KeyFigure, Practice, Theme
from practices.public import regions
from practices.public.facet_counts import StoredCounts, answers
from practices.public.facets import YEAR_STARTED, counts_by
from practices.public.map import roll_up

# The key figures with a baseline shown on the page (the newest cases first); the CSV holds as many.
BEFORE_AFTER_LIMIT = 30
Dimension = FacetCount.Dimension
CHARTS = ("theme-year", "province", "institution-kind", "stage", "before-after")


@dataclass
class Table:
    """One chart's numbers: a header row and data rows (the CSV is exactly this)."""

    header: list
    rows: list = field(default_factory=list)


class Grouping:
    """The list's cases counted by one field at a time: from the FacetCount table when it holds this filter's
    counts (no filter, or a theme alone: the most visited insights and the dearest to count, a pass over every
    case per chart), else one grouped query over the matching cases."""

    def __init__(self, case_filter):
        self.matching = case_filter.matching()
        self.theme = case_filter.theme
        self.stored = StoredCounts() if answers(case_filter) else None

    def by(self, field):
        """{value of `field` (region, institution, stage): matching cases}; None for cases without a value."""
        if self.stored is None:
            return counts_by(self.matching, field)
        counts = self.stored.values(Dimension(field), self.theme)
        if field == "institution":
            counts = {int(pk): n for pk, n in counts.items()}
            counts[None] = self.total() - sum(counts.values())
        return counts

    def by_theme_and_year(self):
        """{(theme id, year started or None): matching cases}."""
        if self.stored is None:
            grouped = self.matching.order_by().values("theme", year=YEAR_STARTED).annotate(n=Count("pk"))
            return {(row["theme"], int(row["year"]) if row["year"] else None): row["n"] for row in grouped}
        counts = {(t, int(y)): n for (t, y), n in self.stored.by_theme(Dimension.YEAR, self.theme).items()}
        for theme, total in self._theme_totals().items():
            counts[(theme, None)] = total - sum(n for (t, _), n in counts.items() if t == theme)
        return counts

    def total(self):
        return sum(self._theme_totals().values())

    def _theme_totals(self):
        totals = self.stored.theme_totals()
        return totals if self.theme is None else {self.theme.pk: totals.get(self.theme.pk, 0)}


def by_theme_and_year(grouping):
    """Rows (year or None for "not stated", [count per theme]) and the themes, the latest year first."""
    themes = list(Theme.objects.order_by("order", "name"))
    counts = {}
    for (theme, year), n in grouping.by_theme_and_year().items():
        if n:
            counts.setdefault(year, {})[theme] = n
    years = sorted((y for y in counts if y is not None), reverse=True) + ([None] if None in counts else [])
    rows = [(year, [counts[year].get(t.pk, 0) for t in themes]) for year in years]
    return themes, rows


def by_province(grouping):
    """(RegionTile, count) of every province holding a case, the most first."""
    totals = roll_up(grouping.by("region"), regions.province_code)
    rows = [(tile, totals[tile.code]) for tile in regions.provinces() if totals.get(tile.code)]
    return sorted(rows, key=lambda row: (-row[1], row[0].code))


def by_institution_kind(grouping):
    """(kind label, count) of every kind holding a case, the most first; cases without an institution last."""
    # Grouped by the institution id (no join over every case), then folded into kinds.
    by_institution = grouping.by("institution")
    kinds = dict(Institution.objects.filter(pk__in=[i for i in by_institution if i]).values_list("pk", "kind"))
    grouped = {}
    for institution, n in by_institution.items():
        kind = kinds.get(institution) if institution else None
        grouped[kind] = grouped.get(kind, 0) + n
    labels = dict(Institution.Kind.choices)
    rows = sorted(((labels.get(k, k), n) for k, n in grouped.items() if k and n), key=lambda row: -row[1])
    if grouped.get(None):
        rows.append((_("未注明机构"), grouped[None]))
    return rows


def by_stage(grouping):
    """(stage label, count) in the stages' own order; cases whose stage is not stated last."""
    grouped = grouping.by("stage")
    rows = [(label, grouped[value]) for value, label in Practice.Stage.choices if grouped.get(value)]
    if grouped.get(""):
        rows.append((_("未注明阶段"), grouped[""]))
    return rows


def before_after(matching, limit=BEFORE_AFTER_LIMIT):
    """Key figures with a baseline among the matching cases, the newest cases first: (figures, how many in all)."""
    # Figures with a baseline are few: starting from them and asking of each whether its case matches beats
    # listing every matching case first (IN over 100,000 ids was 100 ms of the page on SQLite).
    figures = (
        KeyFigure.objects.filter(baseline_value__isnull=False)
        .filter(Exists(matching.filter(pk=OuterRef("practice_id"))))
        .select_related("practice")
        .order_by("-practice__published_at", "practice_id", "order", "id")
    )
    return list(figures[:limit]), figures.count()


def tables(case_filter, charts=CHARTS, limit=BEFORE_AFTER_LIMIT):
    """The Table of each of `charts` for the filter (what its CSV holds), plus what the page draws them from.

    Only the queries the named charts need are run, so one chart's CSV costs one chart.
    """
    grouping = Grouping(case_filter)
    result = {}
    if "theme-year" in charts:
        themes, year_rows = by_theme_and_year(grouping)
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
            [[t.display_name, t.code, n] for t, n in by_province(grouping)],
        )
    if "institution-kind" in charts:
        result["institution-kind"] = Table(
            [_("机构类型"), _("案例数")], [list(row) for row in by_institution_kind(grouping)]
        )
    if "stage" in charts:
        result["stage"] = Table([_("阶段"), _("案例数")], [list(row) for row in by_stage(grouping)])
    if "before-after" in charts:
        figures, figure_count = before_after(grouping.matching, limit)
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
