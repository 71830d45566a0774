"""Importing cases from CSV or XLSX: read the file, check every row, then (only if all is well) write.

Files are read a row at a time and refused as soon as they pass a limit (bytes, unpacked bytes of a
workbook, data rows), so an oversized or hostile file costs little memory and time.

The columns are the export's (Chinese or English headers, or the JSON keys), so an exported file can be
edited and imported back; the body column of files from before sections is read as 主要做法. New cases
become drafts; a case with an `id` is updated, and only a reviewer may update a published or archived one,
as in the admin form.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from practices.editorial.forms import PracticeAdminForm
from practices.editorial.rules import may_edit
from practices.exports.columns import COLUMNS, LIST_SEPARATOR, SECTION_FIELDS
from practices.models import Institution, Practice, Region, Theme
from practices.opendata.versions import ensure_first_version, record_publication
from practices.tagging import join_tags

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 5000
# Blank rows are skipped, but reading millions of them is work too.
MAX_IMPORT_BLANK_ROWS = 10_000
# An .xlsx is a zip: what it unpacks to is limited too (a few MB can unpack to gigabytes).
MAX_IMPORT_UNPACKED_BYTES = 50 * 1024 * 1024
# A lone CR ends a line too (as io.StringIO(newline="") splits them), but not the CR of a CRLF.
LONE_CR = re.compile(r"(?<=\r)(?!\n)")
EXTENSIONS = ("csv", "xlsx")
REQUIRED = ("title", "theme", "region_code")
# Columns an import writes; the other export columns are derived (URLs, figures, sources) and are ignored.
WRITABLE = ("id", "title", "title_en", "theme", "region_code", "institution", "tags", "started_on")
WRITABLE += ("started_precision", "summary", *SECTION_FIELDS)
# Files written before cases had sections have one body column: it is the 主要做法 section now.
BODY_HEADERS = ("body", "正文", "Body")


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says why and how to fix it."""


class ImportForm(PracticeAdminForm):
    """The admin form's checks (tags, slug) for the fields an import may set."""

    class Meta(PracticeAdminForm.Meta):
        fields = ["title", "title_en", "summary", *SECTION_FIELDS, "theme", "region", "institution", "tags"]
        fields += ["started_on", "started_precision"]


@dataclass
class RowResult:
    """What one data row would do: create, update or nothing, or the errors that stop it."""

    number: int
    title: str = ""
    action: str = ""  # create, update or unchanged
    changes: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    # A valid row's case with the file's values applied, and its tags: what the form would save (a bound
    # form is kept for no row: thousands of them would cost ~20 KB each).
    practice: Practice | None = None
    tags: list = field(default_factory=list)


@dataclass
class ImportPlan:
    """The dry run of a whole file; `write()` applies it only when nothing is wrong."""

    rows: list = field(default_factory=list)
    ignored_columns: list = field(default_factory=list)
    blank_rows: int = 0

    def count(self, action):
        return sum(1 for r in self.rows if r.action == action and not r.errors)

    @property
    def summary(self):
        """Rows by what they would do, for the preview."""
        return {
            "create": self.count("create"),
            "update": self.count("update"),
            "unchanged": self.count("unchanged"),
            "error": len(self.error_rows),
        }

    @property
    def error_rows(self):
        return [r for r in self.rows if r.errors]

    @property
    def can_write(self):
        return bool(self.rows) and not self.error_rows

    def write(self, user):
        """Save every row in one transaction; returns (created, updated)."""
        if not self.can_write:
            raise ValueError("An import with errors must not be written.")
        created = updated = 0
        with transaction.atomic():
            for row in self.rows:
                if row.action == "unchanged":
                    continue
                practice = row.practice
                if row.action == "create":
                    practice.created_by = user
                    created += 1
                else:
                    ensure_first_version(practice)  # the stored case, before this row changes it
                    updated += 1
                practice.updated_by = user
                practice.save()
                practice.tags.set(row.tags)
                record_publication(practice)  # a published case updated by a reviewer is a new version
        return created, updated


def header_aliases():
    """Every accepted spelling of a header (JSON key, Chinese, English; case-insensitive) → column key."""
    aliases = {}
    for column in COLUMNS:
        for name in (column.key, column.zh, column.en):
            aliases[name.casefold()] = column.key
    for name in BODY_HEADERS:
        aliases[name.casefold()] = "approach"
    return aliases


def file_size(file):
    """Bytes in a seekable file, leaving it at its start."""
    file.seek(0, io.SEEK_END)
    size = file.tell()
    file.seek(0)
    return size


def read_table(name, file):
    """The rows of a CSV or XLSX file (a seekable binary file) as lists of cell values, header first, one
    at a time; a file over MAX_IMPORT_BYTES is refused before it is read."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EXTENSIONS:
        raise ImportFileError(_("只能导入 .csv 或 .xlsx 文件，“%(name)s”不是。") % {"name": name})
    size = file_size(file)
    if not size:
        raise ImportFileError(_("文件是空的。"))
    if size > MAX_IMPORT_BYTES:
        raise ImportFileError(
            _("文件太大（%(size)s MB），每次最多导入 %(max)d MB，请拆分后再导入。")
            % {"size": f"{size / 2**20:.1f}", "max": MAX_IMPORT_BYTES // 2**20}
        )
    return _read_csv(file) if extension == "csv" else _read_xlsx(file)


def _read_csv(file):
    try:
        yield from csv.reader(_decoded_lines(file), strict=True)
    except csv.Error as error:
        raise ImportFileError(_("CSV 格式有误：%(error)s") % {"error": error}) from error


def _decoded_lines(file):
    """The file's lines as text, decoded one by one so a wrong encoding is reported with its line."""
    for number, raw in enumerate(file, start=1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as error:
            raise ImportFileError(
                _("第 %(line)d 行不是 UTF-8 编码。请在 Excel 中“另存为 → CSV UTF-8（逗号分隔）”后再导入。")
                % {"line": number}
            ) from error
        yield from LONE_CR.split(line) if "\r" in line else (line,)


def _read_xlsx(file):
    unreadable = _("无法读取这个 Excel 文件：请确认它是 .xlsx 格式（不是 .xls），且未损坏。")
    try:
        with zipfile.ZipFile(file) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        if unpacked > MAX_IMPORT_UNPACKED_BYTES:
            raise ImportFileError(
                _("这个 Excel 文件解压后太大（%(size)d MB，最多 %(max)d MB），请删去多余的工作表、格式或图片后再导入。")
                % {"size": unpacked // 2**20, "max": MAX_IMPORT_UNPACKED_BYTES // 2**20}
            )
        file.seek(0)
        book = load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFileError(unreadable) from error
    try:
        sheet = book.worksheets[0]
        # The size a sheet declares is typed by whoever made the file: rows are read as they are.
        sheet.reset_dimensions()
        for row in sheet.iter_rows(values_only=True):
            yield list(row)
    finally:
        book.close()


def _text(value):
    """A cell as trimmed text: whole numbers without `.0`, dates in ISO 8601, a leading export `'` removed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    # The CSV export prefixes formula-like text with ' (OWASP); take it off again on the way back in.
    return text[1:] if text.startswith("'") and text[1:2] in ("=", "+", "-", "@", "\t", "\r") else text


def plan_import(name, file, user):
    """Read and check a file without writing anything; raises ImportFileError for file-level problems."""
    table = read_table(name, file)
    header = next(table, None)
    if header is None or not any(_text(v) for v in header):
        raise ImportFileError(_("文件是空的：第 1 行应为表头。"))
    keys, plan = _header_keys(header)
    lookups = _Lookups()
    seen_ids = {}
    data_rows = 0
    for number, cells in enumerate(table, start=2):
        values = [_text(v) for v in cells]
        if not any(values):
            plan.blank_rows += 1
            if plan.blank_rows > MAX_IMPORT_BLANK_ROWS:
                raise ImportFileError(
                    _("这个文件的空行超过 %(max)d 行（到第 %(line)d 行为止），请删去空行后再导入。")
                    % {"max": MAX_IMPORT_BLANK_ROWS, "line": number}
                )
            continue
        data_rows += 1
        if data_rows > MAX_IMPORT_ROWS:
            raise ImportFileError(
                _("每次最多导入 %(max)d 行数据，这个文件在第 %(line)d 行超过了这个限制，请拆分后再导入。")
                % {"max": MAX_IMPORT_ROWS, "line": number}
            )
        if len(values) > len(keys) and any(values[len(keys) :]):
            plan.rows.append(RowResult(number, errors=[_("这一行的单元格比表头多，请检查是否有多余的逗号或列。")]))
            continue
        record = {key: value for key, value in zip(keys, values, strict=False) if key in WRITABLE}
        plan.rows.append(_check_row(number, record, lookups, seen_ids, user))
    if not data_rows:
        raise ImportFileError(_("文件只有表头，没有数据行。"))
    return plan


def _header_keys(header):
    aliases = header_aliases()
    keys, unknown, plan = [], [], ImportPlan()
    for cell in header:
        name = _text(cell)
        key = aliases.get(name.casefold())
        if key is None and name:
            unknown.append(name)
        keys.append(key)
    if unknown:
        raise ImportFileError(
            _("第 1 行（表头）有无法识别的列：%(columns)s。可用的列见“字段说明”页（中文表头、英文表头或 JSON 键）。")
            % {"columns": "、".join(unknown)}
        )
    duplicated = sorted({k for k in keys if k and keys.count(k) > 1})
    if duplicated:
        raise ImportFileError(_("第 1 行（表头）有重复的列：%(columns)s。") % {"columns": "、".join(duplicated)})
    missing = [k for k in REQUIRED if k not in keys]
    if missing:
        headers = {c.key: c.zh for c in COLUMNS}
        raise ImportFileError(
            _("第 1 行（表头）缺少必需的列：%(columns)s。") % {"columns": "、".join(headers[k] for k in missing)}
        )
    plan.ignored_columns = [_text(cell) for cell, key in zip(header, keys, strict=True) if key and key not in WRITABLE]
    return keys, plan


class _Lookups:
    """Themes, regions and institutions by the names an editor would type, read once per import."""

    def __init__(self):
        self.themes = {}
        for theme in Theme.objects.all():
            for name in (theme.name, theme.slug, theme.name_en):
                if name:
                    self.themes.setdefault(name.casefold(), theme)
        self.regions = {r.code: r for r in Region.objects.all()}
        self.institutions = {}
        for institution in Institution.objects.all():
            for name in (institution.name, institution.slug):
                self.institutions.setdefault(name.casefold(), institution)


def _refer(row, data, reported, field, value, found, not_found_message):
    """Put the row found for `value` into the form data, or say on the row that nothing was found."""
    data[field] = found.pk if found else None
    if value and found is None:
        row.errors.append(not_found_message % {"value": value})
        reported.add(field)


def _check_row(number, record, lookups, seen_ids, user):
    row = RowResult(number, title=record.get("title", ""))
    instance = Practice(status=Practice.Status.DRAFT)
    if raw_id := record.get("id"):
        if not (raw_id.isascii() and raw_id.isdigit()):  # int() would take "٣" or "１"; "²".isdigit() is true
            row.errors.append(_("编号：“%(value)s”不是数字。") % {"value": raw_id})
            return row
        if raw_id in seen_ids:
            row.errors.append(_("编号 %(id)s 与第 %(row)d 行重复。") % {"id": raw_id, "row": seen_ids[raw_id]})
            return row
        seen_ids[raw_id] = number
        instance = Practice.objects.filter(pk=int(raw_id)).first()
        if instance is None:
            row.errors.append(_("编号 %(id)s 的案例不存在；新建案例请留空编号。") % {"id": raw_id})
            return row
        if not may_edit(user, instance):
            row.errors.append(_("案例 %(id)s 已发布或归档，只有审核人可以修改。") % {"id": raw_id})
            return row

    data = _form_data(instance)
    reported = set()  # fields whose value was not found: the form's "required" would repeat it
    for key, value in record.items():
        if key == "theme":
            theme = lookups.themes.get(value.casefold()) if value else None
            _refer(row, data, reported, "theme", value, theme, _("主题：找不到“%(value)s”。"))
        elif key == "region_code":
            region = lookups.regions.get(value)
            _refer(row, data, reported, "region", value, region, _("行政区划代码：找不到“%(value)s”。"))
        elif key == "institution":
            institution = lookups.institutions.get(value.casefold()) if value else None
            _refer(row, data, reported, "institution", value, institution, _("实施机构：找不到“%(value)s”。"))
        elif key == "tags":
            data["tags"] = value.replace(LIST_SEPARATOR, "，")
        elif key == "started_on":
            data["started_on"], precision, error = _start_date(value)
            if error:
                row.errors.append(error)
                reported.add("started_on")
            elif precision and "started_precision" not in record:
                data["started_precision"] = precision
        elif key == "started_precision":
            data["started_precision"] = value or Practice.Precision.DAY
        elif key != "id":
            data[key] = value

    form = ImportForm(data=data, instance=instance)
    form.user = user
    if not form.is_valid():
        labels = {name: str(f.label) for name, f in form.fields.items()}
        for name, messages in form.errors.items():
            if name in reported:
                continue
            label = labels.get(name)
            row.errors += [f"{label}：{m}" if label else m for m in messages]
    if row.errors:
        return row
    # The form has applied the cleaned values to its instance (ModelForm._post_clean).
    row.practice, row.tags = form.instance, form.cleaned_data["tags"]
    if instance.pk is None:
        row.action = "create"
    elif changed := [name for name in form.changed_data if name != "tags" or _tags_changed(instance, form)]:
        row.action, row.changes = "update", [str(form.fields[name].label) for name in changed]
    else:
        row.action = "unchanged"
    return row


def _tags_changed(instance, form):
    # taggit compares sorted old names with new names in typed order; compare as sets, ignoring case.
    old = {name.casefold() for name in instance.tags.names()}
    return old != {name.casefold() for name in form.cleaned_data["tags"]}


def _form_data(instance):
    """The instance's current values as form data, so columns missing from the file are kept as they are."""
    if instance.pk is None:
        return {"started_precision": Practice.Precision.DAY}
    data = model_to_dict(instance, fields=ImportForm.Meta.fields)
    data["tags"] = join_tags(instance.tags.all())
    return {k: ("" if v is None else v) for k, v in data.items()}


def _start_date(value):
    """`2023`, `2023-11` or `2023-11-05` → (date, precision, error message)."""
    if not value:
        return None, "", ""
    for pattern, precision in (("%Y-%m-%d", "day"), ("%Y-%m", "month"), ("%Y", "year")):
        try:
            return datetime.strptime(value, pattern).date(), precision, ""
        except ValueError:
            continue
    return None, "", _("开始时间：“%(value)s”不是日期，请写成 2023-11-05、2023-11 或 2023。") % {"value": value}
