"""Public versions: each publication of a case gets the next number and a frozen copy of what the public sees.

A version is recorded when a case is published (review step or case form) and when a published case is
saved with different public content. Only published content is ever frozen, so drafts made between two
publications stay private. Version pages read the frozen copy; the case page shows the live case, which
is the newest version.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import get_language

from practices.models import KeyFigure, Practice, PublicVersion
from practices.opendata.text import case_text, paragraphs

CASE_SNAPSHOT_FIELDS = ("public_id", "title", "title_en", "summary", "summary_en")
FIGURE_FIELDS = ("label", "label_en", "unit", "unit_en", "note", "note_en")
SOURCE_FIELDS = ("title", "publisher", "author", "url", "note")


def _day(value):
    return value.isoformat() if isinstance(value, date) else None


def snapshot(practice):
    """What the case's public page shows, as plain JSON values (numbers as the source wrote them)."""
    data = {name: getattr(practice, name) for name in CASE_SNAPSHOT_FIELDS}
    data |= {
        "text": case_text(practice),
        "theme": practice.theme.name,
        "theme_en": practice.theme.name_en,
        "region": practice.region.name,
        "region_en": practice.region.name_en,
        "region_code": practice.region_id,
        "institution": practice.institution.name if practice.institution else "",
        "institution_en": practice.institution.name_en if practice.institution else "",
        "started": practice.started_display,
        "tags": sorted(practice.tags.names()),
        "key_figures": [
            {name: getattr(f, name) for name in FIGURE_FIELDS}
            | {
                "value": KeyFigure.format_number(f.value),
                "baseline_value": KeyFigure.format_number(f.baseline_value),
                "as_of": _day(f.as_of),
                "baseline_on": _day(f.baseline_on),
            }
            for f in practice.key_figures.all()
        ],
        "sources": [
            {name: getattr(s, name) for name in SOURCE_FIELDS}
            | {"published_on": _day(s.published_on), "accessed_on": _day(s.accessed_on)}
            for s in practice.sources.all()
        ],
    }
    return data


def record_publication(practice, note="", is_erratum=False):
    """Number a new public version of a published case, unless its public content is that of the last one.

    Call with the case row locked or inside the save that published it; returns the newest version.
    """
    practice = Practice.objects.select_related("theme", "region", "institution").get(pk=practice.pk)
    if practice.status != Practice.Status.PUBLISHED or practice.published_at is None:
        return None
    content = snapshot(practice)
    last = practice.public_versions.order_by("-number").first()
    if last is not None and last.snapshot == content and not note:
        return last
    # The first version is dated as the case's publication (which an editor may backdate or schedule);
    # later ones now, or at the scheduled time.
    published_at = practice.published_at if last is None else max(practice.published_at, timezone.now())
    return PublicVersion.objects.create(
        practice=practice,
        number=last.number + 1 if last else 1,
        published_at=published_at,
        note=(note or "").strip(),
        is_erratum=is_erratum,
        snapshot=content,
    )


def ensure_first_version(practice):
    """Freeze a public case that has no recorded version (demo, import, bulk insert) as version 1.

    Called before a change to the case, so version 1 is what the public saw before it.
    """
    if not PublicVersion.objects.filter(practice_id=practice.pk).exists():
        record_publication(practice)


def public_versions(practice):
    """The versions the public may see, oldest first (a scheduled one appears when its time comes).

    A public case nobody has changed since it was put in without the workflow is its own version 1.
    """
    versions = list(practice.public_versions.filter(published_at__lte=timezone.now()).order_by("number"))
    if not versions and practice.is_public:
        versions = [PublicVersion(practice=practice, number=1, published_at=practice.published_at)]
        versions[0].snapshot = snapshot(practice)
    return versions


@dataclass
class VersionView:
    """A frozen version in the page's language: English fields under /en/ where the editor filled them in."""

    version: PublicVersion

    def _pick(self, name):
        data = self.version.snapshot
        if (get_language() or "").startswith("en") and data.get(f"{name}_en"):
            return data[f"{name}_en"]
        return data.get(name, "")

    @property
    def title(self):
        return self._pick("title")

    @property
    def summary(self):
        return self._pick("summary")

    @property
    def theme(self):
        return self._pick("theme")

    @property
    def region(self):
        return self._pick("region")

    @property
    def institution(self):
        return self._pick("institution")

    @property
    def text(self):
        return [
            {"heading": part["heading"], "paragraphs": paragraphs(part["text"])}
            for part in self.version.snapshot.get("text", [])
        ]

    @property
    def key_figures(self):
        english = (get_language() or "").startswith("en")
        return [
            figure
            | {
                "display_label": (english and figure.get("label_en")) or figure["label"],
                "display_unit": (english and figure.get("unit_en")) or figure["unit"],
                "display_note": (english and figure.get("note_en")) or figure["note"],
            }
            for figure in self.version.snapshot.get("key_figures", [])
        ]

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return self.version.snapshot.get(name, "")
