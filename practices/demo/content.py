"""The demo content as data: `cases.toml` beside this module, read once per use."""

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

CASES_FILE = Path(__file__).resolve().parent / "cases.toml"


@dataclass(frozen=True)
class DemoContent:
    """The article every demo case cites, and the themes, regions, institutions, tags and cases from it."""

    article: dict
    themes: list
    regions: list
    institutions: list
    tags: list
    cases: list


def load(path=CASES_FILE):
    """Read the demo file; key figures' numbers become Decimals as stated (TOML has no decimal type)."""
    with open(path, "rb") as f:
        data = tomllib.load(f)
    for case in data["cases"]:
        for figure in case.get("key_figures", []):
            for key in ("value", "baseline_value"):
                if key in figure:
                    figure[key] = Decimal(str(figure[key]))
    return DemoContent(
        data["article"], data["themes"], data["regions"], data["institutions"], data["tags"], data["cases"]
    )
