"""Cases side by side: which cases `?cases=` names, and the rows a comparison shows.

The list lives in the address (`/compare/?cases=a,b`), so comparing needs no cookie, login or script.
Only published cases are compared; a slug that names nothing public is reported like an unknown one.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from practices.models import SECTIONS, Practice

MIN_CASES = 2
MAX_CASES = 4
# Enough for four slugs of the longest length; anything longer is cut before it is read.
MAX_PARAM_LENGTH = 4 * 130
SEPARATORS = ("，", "、", " ")


def parse_slugs(raw):
    """The distinct slugs of a `cases` parameter (comma-separated; Chinese commas too), in order."""
    text = (raw or "")[:MAX_PARAM_LENGTH]
    for separator in SEPARATORS:
        text = text.replace(separator, ",")
    return list(dict.fromkeys(s.strip() for s in text.split(",") if s.strip()))


def compare_url(slugs):
    """The comparison of `slugs` (the page, or with no slugs its empty state)."""
    url = reverse("practices:compare")
    return f"{url}?{urlencode({'cases': ','.join(slugs)})}" if slugs else url


@dataclass
class FigureRow:
    """One key-figure label across the cases: each case's figure with that label, or None."""

    label: str
    figures: list


@dataclass
class SectionRow:
    """One section across the cases: each case's SectionText, or None where it is empty."""

    label: str
    texts: list


@dataclass
class Comparison:
    """The published cases a `cases` parameter names (at most four), and notices about the rest."""

    cases: list = field(default_factory=list)
    notices: list = field(default_factory=list)
    slugs: list = field(default_factory=list)

    @classmethod
    def from_param(cls, raw):
        requested = parse_slugs(raw)
        comparison = cls()
        if len(requested) > MAX_CASES:
            comparison.notices.append(_("最多同时比较 %(max)d 个案例，只比较了前 %(max)d 个。") % {"max": MAX_CASES})
            requested = requested[:MAX_CASES]
        found = {
            case.slug: case for case in Practice.objects.published().with_detail_related().filter(slug__in=requested)
        }
        for slug in requested:
            if slug in found:
                comparison.cases.append(found[slug])
            else:
                comparison.notices.append(_("找不到已发布的案例“%(slug)s”，未列入比较。") % {"slug": slug[:60]})
        comparison.slugs = [case.slug for case in comparison.cases]
        return comparison

    @property
    def is_ready(self):
        return len(self.cases) >= MIN_CASES

    @property
    def can_add(self):
        return len(self.cases) < MAX_CASES

    @property
    def columns(self):
        """(case, address of this comparison without it) for each compared case."""
        return [(case, compare_url([s for s in self.slugs if s != case.slug])) for case in self.cases]

    @property
    def list_url(self):
        """The case list carrying this selection, to pick more cases to add."""
        url = reverse("practices:practice_list")
        return f"{url}?{urlencode({'compare': ','.join(self.slugs)})}" if self.slugs else url

    @property
    def csv_url(self):
        return f"{reverse('practices:compare_csv')}?{urlencode({'cases': ','.join(self.slugs)})}"

    def figure_rows(self):
        """Key figures aligned by label (in the reader's language), in the order labels first appear."""
        labels = []
        by_case = []
        for case in self.cases:
            figures = {}
            for figure in case.key_figures.all():
                figures.setdefault(figure.display_label, figure)
                if figure.display_label not in labels:
                    labels.append(figure.display_label)
            by_case.append(figures)
        return [FigureRow(label, [figures.get(label) for figures in by_case]) for label in labels]

    def section_rows(self):
        """Every section some case has, each case's text or None."""
        texts = [{text.field: text for text in case.section_texts} for case in self.cases]
        return [
            SectionRow(section.label, [t.get(section.field) for t in texts])
            for section in SECTIONS
            if any(section.field in t for t in texts)
        ]

    def table(self):
        """The comparison as rows of plain text, header first: what the CSV export holds."""
        rows = [[_("案例"), *(case.display_title for case in self.cases)]]
        rows.append([_("主题"), *(case.theme.display_name for case in self.cases)])
        rows.append([_("地区"), *(place(case) for case in self.cases)])
        rows.append(
            [_("实施机构"), *(case.institution.display_name if case.institution else "" for case in self.cases)]
        )
        rows.append([_("层级"), *(case.get_level_display() for case in self.cases)])
        rows.append([_("阶段"), *(case.get_stage_display() for case in self.cases)])
        rows.append([_("开始时间"), *(case.started_display for case in self.cases)])
        for row in self.figure_rows():
            rows.append([row.label, *(figure_text(figure) for figure in row.figures)])
        for row in self.section_rows():
            rows.append([str(row.label), *("\n\n".join(t.paragraphs) if t else "" for t in row.texts)])
        return rows


def place(case):
    """The case's region with its parents, from the province down."""
    return " › ".join(region.display_name for region in [*case.region.ancestors(), case.region])


def figure_text(figure):
    """`99.84%（截至 2024-08-30；对比基数 80%，2022-01-01）` or empty when the case lacks the figure."""
    if figure is None:
        return ""
    text = f"{figure.value_display}{figure.display_unit}"
    details = []
    if figure.as_of:
        details.append(_("截至 %(date)s") % {"date": figure.as_of.isoformat()})
    if figure.baseline_value is not None:
        baseline = _("对比基数 %(value)s%(unit)s") % {"value": figure.baseline_display, "unit": figure.display_unit}
        details.append(f"{baseline}" + (f", {figure.baseline_on.isoformat()}" if figure.baseline_on else ""))
    return f"{text} ({'; '.join(details)})" if details else text
