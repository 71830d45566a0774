"""Revisions of a case with django-reversion: what is kept, how a revision reads, and what changed.

A case's revision holds the case and, followed from it, its images, key figures, sources and tag
links, so "restore this version" brings all of them back together. Review comments are versioned
too but not followed: restoring an older version never deletes the conversation that came after.
"""

import difflib
import re
from dataclasses import dataclass, field

import reversion
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from reversion.models import Version
from taggit.models import Tag

from practices.models import (
    CASE_FIELDS,
    KEY_FIGURE_FIELDS,
    SECTIONS,
    Institution,
    KeyFigure,
    Practice,
    PracticeImage,
    Region,
    ReviewComment,
    Source,
    TaggedPractice,
    Theme,
)

# Long texts are compared sentence by sentence, then character by character inside the sentences that
# changed (Chinese has no spaces to split words at).
LONG_TEXT_FIELDS = {"summary", "summary_en", *(s.field for s in SECTIONS), *(s.field_en for s in SECTIONS)}
ROW_KINDS = {
    PracticeImage: (
        "images",
        [
            "alt_text",
            "alt_text_en",
            "caption",
            "caption_en",
            "credit",
            "credit_en",
            "licence",
            "order",
            "is_cover",
            "image",
        ],
    ),
    KeyFigure: ("key_figures", KEY_FIGURE_FIELDS),
    Source: (
        "sources",
        ["title", "kind", "publisher", "author", "url", "published_on", "accessed_on", "note", "order"],
    ),
}
# Unchanged characters shown on each side of an edit in a long text.
DIFF_CONTEXT = 40
# A text is cut into sentences and lines after these characters before it is compared.
SENTENCE_END = re.compile(r"(?<=[\n。！？；!?;])")
# Character comparison costs up to len(old) × len(new) steps: a changed run of sentences is compared
# character by character only up to CHARACTER_DIFF_CAP steps, and a whole text up to CHARACTER_DIFF_BUDGET;
# past either, the run shows as removed and added whole.
CHARACTER_DIFF_CAP = 250_000
CHARACTER_DIFF_BUDGET = 2_000_000
# How far back the history is searched for the version a stale form was opened on.
VERSION_LOOKBACK = 200


def register_history():
    """Put cases and everything edited with them under version control (called from AppConfig.ready)."""
    if reversion.is_registered(Practice):
        return
    # `tags` is a TaggableManager: its rows are kept through the followed `tagged_items` instead.
    reversion.register(Practice, exclude=("tags",), follow=("images", "key_figures", "sources", "tagged_items"))
    for model in (PracticeImage, KeyFigure, Source, TaggedPractice, ReviewComment):
        reversion.register(model)


def keep_before_delete(practice, user):
    """Store the case as it is now, with its conversation, so the deletion can be undone."""
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(str(_("删除前的最后版本")))
        reversion.add_to_revision(practice)
        for comment in practice.review_comments.all():
            reversion.add_to_revision(comment)


def case_versions(practice_pk):
    """The stored versions of one case, newest first, with their revisions and authors."""
    return (
        Version.objects.get_for_object_reference(Practice, practice_pk)
        .select_related("revision", "revision__user")
        .order_by("-pk")
    )


def version_numbered(practice_pk, number):
    """The stored version whose `Practice.version` is `number`, or None."""
    for version in case_versions(practice_pk)[:VERSION_LOOKBACK]:
        if version.field_dict.get("version") == number:
            return version
    return None


@dataclass
class Snapshot:
    """One state of a case: its own fields and its related rows, keyed for comparison."""

    fields: dict
    tags: list
    rows: dict = field(default_factory=dict)  # kind → {pk: {field: value}}

    @classmethod
    def of_version(cls, version):
        """The case as stored in `version`'s revision."""
        pk = int(version.object_id)
        fields = {name: version.field_dict.get(_attname(name)) for name in CASE_FIELDS}
        rows = {kind: {} for kind, _names in ROW_KINDS.values()}
        tag_ids = []
        for related in version.revision.version_set.exclude(pk=version.pk):
            model = related._model
            data = related.field_dict
            if model in ROW_KINDS and data.get("practice_id") == pk:
                kind, names = ROW_KINDS[model]
                rows[kind][int(related.object_id)] = {name: _plain(data.get(name)) for name in names}
            elif model is TaggedPractice and data.get("content_object_id") == pk:
                tag_ids.append(data["tag_id"])
        tags = sorted(Tag.objects.filter(pk__in=tag_ids).values_list("name", flat=True))
        return cls(fields=fields, tags=tags, rows=rows)

    @classmethod
    def of_case(cls, practice):
        """The case as it is in the database now."""
        values = Practice.objects.filter(pk=practice.pk).values(*[_attname(n) for n in CASE_FIELDS]).get()
        fields = {name: values[_attname(name)] for name in CASE_FIELDS}
        rows = {}
        for model, (kind, names) in ROW_KINDS.items():
            related = model.objects.filter(practice_id=practice.pk).values("pk", *names)
            rows[kind] = {row.pop("pk"): row for row in related}
        tags = sorted(
            Tag.objects.filter(practices_taggedpractice_items__content_object=practice.pk).values_list(
                "name", flat=True
            )
        )
        return cls(fields=fields, tags=tags, rows=rows)


@dataclass
class Change:
    """One difference between two states, ready to show: a label, before, after, and for long texts the edits."""

    label: str
    old: str
    new: str
    edits: list = field(default_factory=list)  # (kind, text) with kind in "same", "removed", "added"


def compare(old, new):
    """The changes from snapshot `old` to snapshot `new`, in form order."""
    changes = []
    for name in CASE_FIELDS:
        before, after = _text(old.fields.get(name)), _text(new.fields.get(name))
        if before == after:
            continue
        shown_before, shown_after = _display(name, before), _display(name, after)
        if shown_before == shown_after:
            continue  # e.g. microseconds the admin's date-time widget drops on save
        label = str(Practice._meta.get_field(name).verbose_name)
        edits = _text_edits(before or "", after or "") if name in LONG_TEXT_FIELDS else []
        changes.append(Change(label, shown_before, shown_after, edits))
    if old.tags != new.tags:
        changes.append(Change(str(_("标签")), "，".join(old.tags), "，".join(new.tags)))
    for model, (kind, names) in ROW_KINDS.items():
        kind_label = str(model._meta.verbose_name)
        before_rows, after_rows = old.rows.get(kind, {}), new.rows.get(kind, {})
        for pk in sorted(before_rows.keys() | after_rows.keys()):
            before, after = before_rows.get(pk), after_rows.get(pk)
            if before == after:
                continue
            changes.append(Change(kind_label, _row_display(model, names, before), _row_display(model, names, after)))
    return changes


def _attname(name):
    return Practice._meta.get_field(name).attname


def _text(value):
    """Browsers send CRLF line ends, imports LF: the same text either way."""
    return value.replace("\r\n", "\n") if isinstance(value, str) else value


def _plain(value):
    """A stored file reads as its name, like `values()` gives it, so the two compare equal."""
    return getattr(value, "name", value) if hasattr(value, "storage") else value


def _display(name, value):
    """A value as an editor reads it: names for links, labels for choices, local dates."""
    if value in (None, ""):
        return "—"
    model_field = Practice._meta.get_field(name)
    related = {"theme": Theme, "region": Region, "institution": Institution}.get(name)
    if related is not None:
        found = related.objects.filter(pk=value).first()
        return str(found) if found else f"#{value}"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("是")) if value else str(_("否"))
    if name == "published_at":
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    return str(value)


def _row_display(model, names, values):
    if values is None:
        return "—"
    parts = []
    for name in names:
        value = values.get(name)
        if value in (None, "", False):
            continue
        label = model._meta.get_field(name).verbose_name
        shown = _("是") if value is True else value
        if name == "value" and model is KeyFigure:
            shown = KeyFigure.format_number(value)
        parts.append(f"{label}：{shown}")
    return "；".join(parts)


def _text_edits(before, after):
    """Edits from `before` to `after`, merged into runs: sentence by sentence, then character by character
    inside changed sentences while that stays cheap; long unchanged runs shortened."""
    old_units, new_units = SENTENCE_END.split(before), SENTENCE_END.split(after)
    budget = CHARACTER_DIFF_BUDGET
    runs = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_units, new_units).get_opcodes():
        removed, added = "".join(old_units[i1:i2]), "".join(new_units[j1:j2])
        if op == "equal":
            runs.append(("same", removed))
            continue
        head, removed, added, tail = _common_ends(removed, added)
        runs.append(("same", head))
        cost = len(removed) * len(added)
        if cost and cost <= min(CHARACTER_DIFF_CAP, budget):
            budget -= cost
            runs += _character_edits(removed, added)
        else:
            runs += [("removed", removed), ("added", added)]
        runs.append(("same", tail))
    edits = []
    for kind, text in runs:
        if not text:
            continue
        if edits and edits[-1][0] == kind:
            edits[-1] = (kind, edits[-1][1] + text)
        else:
            edits.append((kind, text))
    return [
        ("same", _elide(text, first=n == 0, last=n == len(edits) - 1)) if kind == "same" else (kind, text)
        for n, (kind, text) in enumerate(edits)
    ]


def _common_ends(before, after):
    """(common prefix, rest of before, rest of after, common suffix): a long paragraph with one edit is cheap."""
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end = 0
    while end < limit - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return (
        before[:start],
        before[start : len(before) - end],
        after[start : len(after) - end],
        before[len(before) - end :],
    )


def _character_edits(before, after):
    """Character-level runs from `before` to `after`: (kind, text) with kind in same, removed, added."""
    runs = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(("same", before[i1:i2]))
            continue
        runs += [("removed", before[i1:i2]), ("added", after[j1:j2])]
    return runs


def _elide(text, first, last):
    """Keep CONTEXT characters of unchanged text next to each edit, `…` for the rest."""
    head = "" if first else text[:DIFF_CONTEXT]
    tail = "" if last else text[-DIFF_CONTEXT:]
    if len(text) <= len(head) + len(tail) + 1:
        return text
    return f"{head}…{tail}"
