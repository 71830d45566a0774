"""The one place that reads a case's long text, for version snapshots, citations, linked data and the API."""

from django.utils import translation

from practices.models import SECTIONS, split_paragraphs


def case_text(practice):
    """The case's filled sections in reading order, as `{"heading", "text"}` parts (Chinese heading and text)."""
    with translation.override("zh-hans"):
        return [
            {"heading": str(section.label), "text": text}
            for section in SECTIONS
            if (text := getattr(practice, section.field)).strip()
        ]


def paragraphs(text):
    """A text split into paragraphs at blank lines."""
    return split_paragraphs(text)
