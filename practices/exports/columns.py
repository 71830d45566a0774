"""Case-list exports: the columns (documented in the codebook), one row per published case, CSV and JSON.

The values are the stored data in every language; only the CSV/XLSX headers follow the page language
(Chinese by default, English under /en/), and JSON always uses the English snake_case keys.
"""

import csv
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from urllib.parse import quote

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import get_language

from practices.models import (
    SECTIONS,
    Institution,
    KeyFigure,
    Practice,
    PracticeImage,
    Source,
    TaggedPractice,
    tag_display_name,
)

# Cases read per batch; each batch adds four queries (tags, figures, sources, covers), not one per row.
CHUNK_SIZE = 2000
# Streamed responses are sent in pieces of roughly this many characters rather than row by row.
STREAM_PIECE = 64 * 1024
# Multi-valued columns (tags, key figures, sources) are joined with this in CSV and XLSX; JSON keeps lists.
LIST_SEPARATOR = "；"
# OWASP CSV injection: a spreadsheet treats a cell starting with one of these as a formula, also after
# leading spaces or line breaks, and in their full-width or small forms (＝ ＋ － ＠ ﹦…), which
# spreadsheets in East Asian locales read as the ASCII ones; NFKC folds those onto the ASCII characters.
FORMULA_TRIGGERS = ("=", "+", "-", "@")
CONTROL_STARTS = ("\t", "\r", "\n")
# What reverse() leaves unquoted in a path, and a stand-in slug to find where the slug goes.
URL_SAFE = RFC3986_SUBDELIMS + "/~:@"
SLUG_MARK = "casebook-slug-mark"
UNSAFE_FILENAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f\s]+')


@dataclass(frozen=True)
class Column:
    """One export column: its JSON key, its headers and what it holds, in both languages."""

    key: str
    zh: str
    en: str
    kind: str  # integer, text, date, datetime, url or list
    description_zh: str
    description_en: str

    @property
    def header(self):
        return self.en if is_english() else self.zh

    @property
    def description(self):
        return self.description_en if is_english() else self.description_zh


def section_columns():
    """Two columns per section of Practice.SECTIONS: the Chinese text and its English version."""
    columns = []
    for section in SECTIONS:
        with translation.override("zh-hans"):
            zh = str(section.label)
        with translation.override("en"):
            en = str(section.label)
        columns.append(
            Column(
                section.field,
                zh,
                en,
                "text",
                f"“{zh}”部分，纯文本，段落以空行分隔。",
                f"The '{en}' section in Chinese; paragraphs separated by blank lines.",
            )
        )
        columns.append(
            Column(
                section.field_en,
                f"{zh}（英文）",
                f"{en} (English)",
                "text",
                f"“{zh}”的英文版本，可能为空。",
                f"The '{en}' section in English; may be empty.",
            )
        )
    return columns


COLUMNS = [
    Column(
        "id", "编号", "ID", "integer", "案例的内部编号，不会改变。", "The case's internal number; it never changes."
    ),
    Column("title", "标题", "Title", "text", "中文标题。", "Title in Chinese."),
    Column("title_en", "英文标题", "English title", "text", "英文标题，可能为空。", "English title; may be empty."),
    Column("theme", "主题", "Theme", "text", "主题名称（中文）。", "Theme name (Chinese)."),
    Column("region", "地区", "Region", "text", "地区名称（中文）。", "Region name (Chinese)."),
    Column(
        "region_code",
        "行政区划代码",
        "Region code",
        "text",
        "GB/T 2260 六位行政区划代码，按文本保存以保留前导数字。",
        "Six-digit GB/T 2260 division code, kept as text.",
    ),
    Column(
        "institution", "实施机构", "Institution", "text", "实施机构名称，可能为空。", "Institution name; may be empty."
    ),
    Column(
        "institution_kind",
        "机构类型",
        "Institution kind",
        "text",
        "法院、检察院、公安机关、政府部门、综治中心或其他。",
        "法院 court, 检察院 procuratorate, 公安机关 public security, 政府部门 government, "
        "综治中心 governance centre or 其他 other.",
    ),
    Column(
        "tags",
        "标签",
        "Tags",
        "list",
        "标签，按名称排序，以“；”分隔（JSON 中为数组）。",
        "Tags sorted by name, separated by '；' (an array in JSON).",
    ),
    Column(
        "started_on",
        "开始时间",
        "Started on",
        "date",
        "实践开始的日期（YYYY-MM-DD）；精度见下一列。",
        "Date the practice started (YYYY-MM-DD); see the next column for its precision.",
    ),
    Column(
        "started_precision",
        "开始时间精度",
        "Start precision",
        "text",
        "year、month 或 day：为 year 时只有年份可信，月日为 01-01。",
        "year, month or day: with year only the year is meaningful (month and day are 01-01).",
    ),
    Column(
        "published_at",
        "发布时间",
        "Published at",
        "datetime",
        "在 Casebook 发布的时间，北京时间（CSV/JSON 为带 +08:00 的 ISO 8601）。",
        "When Casebook published it, China Standard Time (ISO 8601 with +08:00 in CSV/JSON).",
    ),
    Column("summary", "摘要", "Summary", "text", "中文摘要。", "Summary in Chinese."),
    *section_columns(),
    Column(
        "level",
        "层级",
        "Level of government",
        "text",
        "省级、市级、县级或乡镇级：由行政区划代码和实施机构推定。",
        "省级 province, 市级 city, 县级 county or 乡镇级 township: derived from the region code and the institution.",
    ),
    Column(
        "stage",
        "阶段",
        "Stage",
        "text",
        "试点、推广、常态化或已评估；未知时为空。",
        "试点 pilot, 推广 scaling up, 常态化 institutionalised or 已评估 evaluated; empty when not known.",
    ),
    Column(
        "completeness",
        "完整度",
        "Completeness",
        "integer",
        "0–100：各部分、英文、关键数据及其出处、带替代文字的图片、开始时间齐全的程度，由系统计算。",
        "0–100: how far sections, English, key figures and their sources, an image with alt text and the start "
        "date are all present; computed, never typed in.",
    ),
    Column(
        "key_figures",
        "关键数据",
        "Key figures",
        "list",
        "每项为“指标：数值单位（截至日期）”，以“；”分隔（JSON 中为数组）。",
        "Each as '指标：value unit（截至 as-of date）', separated by '；' (an array in JSON).",
    ),
    Column(
        "sources",
        "来源",
        "Sources",
        "list",
        "每项为“标题，发布者，作者，发布日期，网址”（空项省略），以“；”分隔（JSON 中为数组）。",
        "Each as 'title, publisher, author, date, URL' (empty parts left out), separated by '；' (array in JSON).",
    ),
    Column("url", "网址", "URL", "url", "案例公开页面的完整网址。", "Full address of the case's public page."),
    Column(
        "cover_image_url",
        "封面图片网址",
        "Cover image URL",
        "url",
        "公开封面图片的完整网址；没有可公开的封面时为空。",
        "Full address of the public cover image; empty when there is none.",
    ),
    Column(
        "public_id",
        "公开编号",
        "Public ID",
        "text",
        "供引用的公开编号（CB-年份-序号），不会改变；网址 /cases/id/<公开编号>/ 总是指向该案例。",
        "Citable public ID (CB-year-number); it never changes, and /cases/id/<public ID>/ always leads to the case.",
    ),
]
COLUMN_KEYS = [c.key for c in COLUMNS]
SECTION_FIELDS = tuple(name for s in SECTIONS for name in (s.field, s.field_en))


def is_english():
    return (get_language() or "").startswith("en")


class ExportRows:
    """The export values of every case in a queryset, in its order, read CHUNK_SIZE cases at a time.

    Rows are read as plain values with one query per batch for each of tags, key figures, sources and
    covers: model instances with prefetch_related cost ~350 µs a row (35 s for 100,000), this ~35 µs.
    """

    FIELDS = (
        "id",
        "public_id",
        "slug",
        "title",
        "title_en",
        "theme__name",
        "region__name",
        "region_id",
        "institution__name",
        "institution__kind",
        "started_on",
        "started_precision",
        "published_at",
        "summary",
        "level",
        "stage",
        "completeness",
        *SECTION_FIELDS,
    )

    def __init__(self, queryset, origin):
        # The admin's queryset comes with prefetches: values need none.
        self.queryset = queryset.prefetch_related(None).with_completeness()
        self.origin = origin.rstrip("/")
        self.language = get_language()
        with translation.override("zh-hans"):
            self.kind_labels = {value: str(label) for value, label in Institution.Kind.choices}
            self.level_labels = {value: str(label) for value, label in Practice.Level.choices}
            self.stage_labels = {value: str(label) for value, label in Practice.Stage.choices}
        # Case URLs are the reversed pattern around the quoted slug, as reverse() builds them.
        self.case_prefix, self.case_suffix = reverse("practices:practice_detail", kwargs={"slug": SLUG_MARK}).split(
            SLUG_MARK
        )
        self.image_storage = PracticeImage._meta.get_field("image").storage

    def __iter__(self):
        rows = self.queryset.values_list(*self.FIELDS).iterator(chunk_size=CHUNK_SIZE)
        while chunk := list(islice(rows, CHUNK_SIZE)):
            related = _Related([row[0] for row in chunk])
            for row in chunk:
                yield self.values(row, related)

    def values(self, row, related):
        """One case's values keyed by column: int, str, date, datetime or list of str."""
        case = dict(zip(self.FIELDS, row, strict=True))
        pk, slug, institution, started = case["id"], case["slug"], case["institution__name"], case["started_on"]
        published, cover = case["published_at"], related.covers.get(pk)
        return {
            "id": pk,
            "public_id": case["public_id"],
            "title": case["title"],
            "title_en": case["title_en"],
            "theme": case["theme__name"],
            "region": case["region__name"],
            "region_code": case["region_id"],
            "institution": institution or "",
            "institution_kind": self.kind_labels.get(case["institution__kind"], "") if institution else "",
            "level": self.level_labels.get(case["level"], case["level"]),
            "stage": self.stage_labels.get(case["stage"], case["stage"]),
            "completeness": case["completeness"],
            "tags": sorted(related.tags.get(pk, ())),
            "started_on": started,
            "started_precision": case["started_precision"] if started else "",
            "published_at": timezone.localtime(published) if published else None,
            "summary": case["summary"],
            **{name: case[name] for name in SECTION_FIELDS},
            "key_figures": related.figures.get(pk, []),
            "sources": related.sources.get(pk, []),
            "url": f"{self.origin}{self.case_prefix}{quote(slug, safe=URL_SAFE)}{self.case_suffix}",
            "cover_image_url": self.absolute(self.image_storage.url(cover)) if cover else "",
        }

    def absolute(self, url):
        return url if "://" in url else self.origin + url


class _Related:
    """Tags, key figures, sources and cover image names of one batch of cases, by case id."""

    def __init__(self, ids):
        self.tags = defaultdict(list)
        for pk, name in TaggedPractice.objects.filter(content_object_id__in=ids).values_list(
            "content_object_id", "tag__name"
        ):
            self.tags[pk].append(name)
        self.figures = defaultdict(list)
        figures = KeyFigure.objects.filter(practice_id__in=ids).order_by("practice_id", "order", "id")
        for pk, *figure in figures.values_list("practice_id", "label", "value", "unit", "as_of"):
            self.figures[pk].append(key_figure_text(*figure))
        self.sources = defaultdict(list)
        sources = Source.objects.filter(practice_id__in=ids).order_by("practice_id", "order", "id")
        for pk, *parts in sources.values_list("practice_id", "title", "publisher", "author", "published_on", "url"):
            self.sources[pk].append("，".join(p.isoformat() if isinstance(p, date) else p for p in parts if p))
        covers = PracticeImage.objects.publishable().filter(practice_id__in=ids, is_cover=True)
        self.covers = dict(covers.exclude(image="").values_list("practice_id", "image"))


def key_figure_text(label, value, unit, as_of):
    """`办结率：99.84%（截至2024-08-30）`: label, value as the source wrote it, unit and as-of date."""
    text = f"{label}：{KeyFigure.format_number(value)}{unit}"
    return f"{text}（截至{as_of.isoformat()}）" if as_of else text


def neutralise(text):
    """Prefix a text that a spreadsheet would run as a formula with `'` (OWASP CSV injection)."""
    first = text.lstrip()[:1]
    if text.startswith(CONTROL_STARTS) or unicodedata.normalize("NFKC", first).startswith(FORMULA_TRIGGERS):
        return f"'{text}"
    return text


def plain_text(value):
    """A value as CSV text: lists joined, dates in ISO 8601, nothing as the empty string."""
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def json_value(value):
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


class _Line:
    """A write-only buffer for csv.writer that hands back what was written."""

    def write(self, text):
        return text


def _pieces(texts, language):
    """Group many small strings into pieces of about STREAM_PIECE characters for the response.

    A streamed body is produced after the view has returned, so the request's language is set again here
    for the headers and the /en/ case URLs.
    """
    buffer, size = [], 0
    with translation.override(language):
        for text in texts:
            buffer.append(text)
            size += len(text)
            if size >= STREAM_PIECE:
                yield "".join(buffer)
                buffer, size = [], 0
    if buffer:
        yield "".join(buffer)


def csv_stream(rows):
    """UTF-8 CSV text with a BOM (so Excel reads Chinese), CRLF lines and RFC 4180 quoting."""
    writer = csv.writer(_Line())

    def lines():
        yield "\ufeff" + writer.writerow([c.header for c in COLUMNS])
        for values in rows:
            cells = []
            for key in COLUMN_KEYS:
                value = values[key]
                text = plain_text(value)
                cells.append(text if isinstance(value, int) else neutralise(text))
            yield writer.writerow(cells)

    return _pieces(lines(), rows.language)


def json_stream(rows, count, filters):
    """`{"count": N, "filters": {...}, "results": [...]}` written row by row."""

    def parts():
        head = json.dumps({"count": count, "filters": filters}, ensure_ascii=False)
        yield head[:-1] + ', "results": ['
        separator = ""
        for values in rows:
            result = {key: json_value(values[key]) for key in COLUMN_KEYS}
            yield separator + json.dumps(result, ensure_ascii=False)
            separator = ", "
        yield "]}\n"

    return _pieces(parts(), rows.language)


def download_filename(case_filter, extension, today=None):
    """A file name that says what was exported, in the page's language: `Casebook-案例-矛盾纠纷化解-2026-11-25.csv`."""
    today = today or timezone.localdate()
    parts = ["Casebook", "cases" if is_english() else "案例"]
    if case_filter.theme is not None:
        parts.append(case_filter.theme.display_name)
    parts += [tag_display_name(tag) for tag in case_filter.tags[:3]]
    if case_filter.region is not None:
        parts.append(case_filter.region.display_name)
    if case_filter.institution is not None:
        parts.append(case_filter.institution.display_name)
    if case_filter.year is not None:
        parts.append(str(case_filter.year))
    if case_filter.q:
        parts.append(case_filter.q)
    name = "-".join(p for p in (UNSAFE_FILENAME.sub("_", part).strip("._")[:30] for part in parts) if p)
    return f"{name[:150]}-{today.isoformat()}.{extension}"


def content_disposition(filename):
    """`attachment` with an ASCII fallback name and the real (Chinese) name as RFC 5987 `filename*`."""
    ascii_name = filename.encode("ascii", "ignore").decode()
    ascii_name = re.sub(r"[^A-Za-z0-9._]+", "-", ascii_name).strip("-") or "casebook-export"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
