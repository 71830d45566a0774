"""The tile map: how many of the list's cases lie in each province, or in each prefecture of one province.

It takes the list's parameters and counts with the list's own CaseFilter, so a square's number is what
`/cases/?…&region=<code>` shows. The region parameter itself is the map's to set: it is dropped from the
filter, and each square's link puts its own code in.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from practices.models import Region
from practices.public import regions
from practices.public.facets import counts_by
from practices.public.listing import ListLinks

# Shades of the colour scale besides "no case" (shade 0); CSS classes shade-1 … shade-5.
SHADES = 5


@dataclass
class MapCell:
    """A region on the map or in its table: names, count, shade, and where its link goes (None: no link)."""

    code: str
    name: str
    label: str
    count: int
    shade: int
    list_url: str | None
    map_url: str | None = None
    col: int = 0
    row: int = 0


@dataclass
class ScaleStep:
    """One box of the legend: the shade and the counts it stands for."""

    shade: int
    low: int
    high: int


def roll_up(direct, key):
    """Totals of `direct` ({code: n}) by `key(code)`, e.g. by province: sub-regions are included."""
    totals = {}
    for code, n in direct.items():
        totals[key(code)] = totals.get(key(code), 0) + n
    return totals


def scale(counts):
    """Legend steps for the largest count: up to five equal ranges from 1 to the maximum."""
    top = max(counts, default=0)
    if top == 0:
        return []
    steps = min(SHADES, top)
    bounds = [round(top * i / steps) for i in range(steps + 1)]
    return [ScaleStep(i + 1, bounds[i] + 1, bounds[i + 1]) for i in range(steps) if bounds[i + 1] > bounds[i]]


def shade_of(count, steps):
    if count == 0:
        return 0
    return next(step.shade for step in steps if count <= step.high)


class MapLinks:
    """Links from the map that keep the list's parameters: to the list of a region, and to a region's map."""

    def __init__(self, params):
        self.links = ListLinks(reverse("practices:map"), params)

    def list_url(self, code):
        return self.links.url(reverse("practices:practice_list"), region=code, page=None)

    def map_url(self, code=None):
        path = reverse("practices:region_map", kwargs={"code": code}) if code else reverse("practices:map")
        return self.links.url(path, region=None, page=None, sort=None, page_size=None)


def cells(tiles, totals, known_codes, links, with_maps=False):
    """MapCells for `tiles` with their totals; linked when they hold a case and the list knows the region."""
    steps = scale([totals.get(t.code, 0) for t in tiles])
    result = []
    for t in tiles:
        n = totals.get(t.code, 0)
        linked = n > 0 and t.code in known_codes
        result.append(
            MapCell(
                code=t.code,
                name=t.display_name,
                label=t.label,
                count=n,
                shade=shade_of(n, steps),
                list_url=links.list_url(t.code) if linked else None,
                map_url=links.map_url(t.code) if with_maps and n > 0 else None,
                col=t.col,
                row=t.row,
            )
        )
    return result, steps


def known(codes):
    """Which of `codes` the list can filter by: regions present in the database."""
    return set(Region.objects.filter(code__in=codes).values_list("code", flat=True))


def national_map(case_filter, links):
    """Every province with its count; the total; the legend."""
    direct = counts_by(case_filter.matching(), "region")
    totals = roll_up(direct, regions.province_code)
    tiles = regions.provinces()
    found = known([t.code for t in tiles if totals.get(t.code)])
    result, steps = cells(tiles, totals, found, links, with_maps=True)
    return {"cells": result, "steps": steps, "total": sum(direct.values()), "has_maps": True}


def region_map(case_filter, links, code):
    """One region's page: a province's prefectures as tiles, or the regions below a prefecture (or a
    municipality) from the database as a table; a row for cases placed at the region itself or elsewhere below it."""
    region = Region(code=code)
    prefix = region.code_prefix
    # Narrowed as the list narrows by region (for_region), so only this region's cases are grouped.
    direct = counts_by(case_filter.matching().for_region(region), "region")
    total = sum(direct.values())
    tiles = regions.prefectures(code)
    if tiles:
        totals = roll_up(direct, regions.prefecture_code)
        found = known([t.code for t in tiles if totals.get(t.code)])
        result, steps = cells(tiles, totals, found, links, with_maps=True)
    else:
        below = list(Region.objects.filter(code__startswith=prefix).exclude(code=code).order_by("code"))
        counts = {r.code: sum(n for c, n in direct.items() if c.startswith(r.code_prefix)) for r in below}
        # Only the next level down: a county's own sub-regions are counted in the county.
        children = [r for r in below if r.parent_id == code or (r.parent_id is None and r.code != code)]
        steps = scale([counts[r.code] for r in children])
        result = [
            MapCell(
                code=r.code,
                name=r.display_name,
                label=r.display_name,
                count=counts[r.code],
                shade=shade_of(counts[r.code], steps),
                list_url=links.list_url(r.code) if counts[r.code] else None,
            )
            for r in children
        ]
    elsewhere = total - sum(cell.count for cell in result)
    return {
        "cells": result,
        "steps": steps,
        "total": total,
        "elsewhere": elsewhere,
        "has_tiles": bool(tiles),
        "has_maps": bool(tiles),
    }


def grid_size(map_cells):
    """(columns, rows) of the tile grid."""
    if not map_cells:
        return 0, 0
    return max(c.col for c in map_cells) + 1, max(c.row for c in map_cells) + 1


def elsewhere_label(region_name):
    return _("%(region)s本级或其他下级区划") % {"region": region_name}
