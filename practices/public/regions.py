"""The tile map's regions: every province-level division and its prefecture-level divisions (GB/T 2260).

Read from `data/regions.csv`, built by scripts/build_region_table.py from the PyPI package cpca 0.5.5
(MIT; codes, Chinese names and seat coordinates). English names are ours (pinyin with the conventional
exceptions); tile positions are hand-placed for provinces and derived from the seats for prefectures.
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import get_language

DATA = Path(__file__).resolve().parent / "data" / "regions.csv"


@dataclass(frozen=True)
class RegionTile:
    """One square of the tile map: a region's names and its cell in its parent's grid."""

    code: str
    parent: str
    name: str
    short_name: str
    name_en: str
    abbreviation_en: str
    col: int
    row: int

    @property
    def is_province(self):
        return not self.parent

    @property
    def display_name(self):
        return self.name_en if _english() else self.name

    @property
    def label(self):
        """What fits on the square: 吉林 / JL for provinces, 长春 / Changchun for prefectures."""
        if _english():
            return self.abbreviation_en or self.name_en.split(" ")[0]
        return self.short_name


def _english():
    return (get_language() or "").startswith("en")


@cache
def _table():
    with DATA.open(encoding="utf-8") as data:
        rows = [RegionTile(**{**row, "col": int(row["col"]), "row": int(row["row"])}) for row in csv.DictReader(data)]
    return {tile.code: tile for tile in rows}


def tile(code):
    """The province or prefecture with this code, or None."""
    return _table().get(code)


def provinces():
    """The 34 province-level divisions, by code."""
    return sorted((t for t in _table().values() if t.is_province), key=lambda t: t.code)


def prefectures(province_code):
    """A province's prefecture-level divisions, by code (none for municipalities, Hong Kong, Macao, Taiwan)."""
    return sorted((t for t in _table().values() if t.parent == province_code), key=lambda t: t.code)


def province_code(code):
    """The code of the province a GB/T 2260 code lies in: 220105 → 220000."""
    return code[:2] + "0000"


def prefecture_code(code):
    """The code of the prefecture-level division a code lies in: 220105 → 220100 (itself for a province)."""
    return code[:4] + "00" if not code.endswith("0000") else code
