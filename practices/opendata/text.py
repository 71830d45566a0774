"""The one place that reads a case's long text, for version snapshots, citations, linked data and exports.

Today the text is the single `body`; when cases get named sections, only `case_text` changes.
"""

# The model fields that hold a case's long text, in reading order.
LONG_TEXT_FIELDS = ("body",)


def case_text(practice):
    """The case's long text as a list of `{"heading", "text"}` parts (one part without a heading for `body`)."""
    return [{"heading": "", "text": practice.body}] if practice.body.strip() else []


def paragraphs(text):
    """A text split into paragraphs at blank lines."""
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
