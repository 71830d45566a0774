"""The Excel export: a write-only (constant-memory) workbook with the data sheet and a codebook sheet."""

import tempfile
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .exports import COLUMNS, plain_text

WIDTHS = {
    "id": 8,
    "title": 36,
    "title_en": 36,
    "theme": 18,
    "region": 12,
    "region_code": 10,
    "institution": 24,
    "institution_kind": 12,
    "tags": 28,
    "started_on": 12,
    "started_precision": 8,
    "published_at": 18,
    "summary": 60,
    "key_figures": 40,
    "sources": 50,
    "url": 40,
    "cover_image_url": 40,
}
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
# Files up to this size stay in memory; bigger workbooks spill to a temporary file on disk.
SPOOL_BYTES = 8 * 1024 * 1024
LINK_FONT = Font(color="0563C1", underline="single")
# Excel's own limits ("Excel specifications and limits"): 65,530 hyperlinks per worksheet, and a link
# target of at most 255 characters. Past them Excel repairs or refuses the file, so later links are
# written as plain text (the address stays readable and copyable); this also keeps openpyxl, which holds
# every hyperlink in memory until it saves, within the export's memory budget.
MAX_HYPERLINKS = 65_530
MAX_HYPERLINK_LENGTH = 255
HEADER_FONT = Font(bold=True)


def _text(value):
    # Control characters cannot be stored in a worksheet; they are invisible in the data anyway.
    return ILLEGAL_CHARACTERS_RE.sub("", value)


class XlsxWriter:
    """Writes rows into a write-only workbook and saves it to a temporary file."""

    def __init__(self):
        self.hyperlinks = 0
        self.workbook = Workbook(write_only=True)
        self.data = self.workbook.create_sheet(_("案例"))
        self.codebook = self.workbook.create_sheet(_("字段说明"))
        self.data.freeze_panes = "A2"
        for index, column in enumerate(COLUMNS, 1):
            self.data.column_dimensions[get_column_letter(index)].width = WIDTHS[column.key]
        for letter, width in zip("ABCDE", (20, 20, 24, 10, 80), strict=True):
            self.codebook.column_dimensions[letter].width = width
        self.data.append([self.header(c.header) for c in COLUMNS])

    def header(self, text):
        cell = WriteOnlyCell(self.data, value=text)
        cell.font = HEADER_FONT
        return cell

    def cell(self, column, value):
        """A typed cell: numbers as numbers, dates as dates, links as hyperlinks, text never as a formula."""
        if value is None or value == "" or value == []:
            return None
        if isinstance(value, datetime):
            cell = WriteOnlyCell(self.data, value=timezone.make_naive(value) if timezone.is_aware(value) else value)
            cell.number_format = DATETIME_FORMAT
            return cell
        if isinstance(value, date):
            cell = WriteOnlyCell(self.data, value=value)
            cell.number_format = DATE_FORMAT
            return cell
        if isinstance(value, int):
            return value
        text = plain_text(value)
        if column.kind == "url" and self.hyperlinks < MAX_HYPERLINKS and len(text) <= MAX_HYPERLINK_LENGTH:
            self.hyperlinks += 1
            cell = WriteOnlyCell(self.data, value=_text(text))
            cell.data_type = "s"
            cell.hyperlink = text
            cell.font = LINK_FONT
            return cell
        return self.text(text)

    def text(self, text):
        """Text as a string cell, even `=HYPERLINK(…)` or `#N/A`, which openpyxl would store as formula or error."""
        text = _text(text)
        if text.startswith("=") or text in ERROR_CODES:
            cell = WriteOnlyCell(self.data, value=text)
            cell.data_type = "s"
            return cell
        return text

    def append(self, values):
        self.data.append([self.cell(column, values[column.key]) for column in COLUMNS])

    def write_codebook(self, filter_rows):
        """The second sheet: every column documented, then the filter and time that produced the file."""
        sheet = self.codebook
        sheet.append([self.header(t) for t in (_("JSON 键"), _("中文表头"), _("英文表头"), _("类型"), _("说明"))])
        for column in COLUMNS:
            sheet.append([column.key, column.zh, column.en, column.kind, column.description])
        sheet.append([])
        sheet.append([self.header(_("筛选条件")), self.header(_("值"))])
        for label, value in filter_rows:
            sheet.append([self.text(str(label)), self.text(str(value))])
        if self.hyperlinks >= MAX_HYPERLINKS:
            sheet.append([])
            note = _("Excel 每个工作表最多 %(max)s 个超链接：超出后的网址以文本写出，可复制使用。") % {
                "max": f"{MAX_HYPERLINKS:,}"
            }
            sheet.append([self.header(_("超链接")), note])

    def save(self):
        """The finished workbook as an open temporary file, positioned at its start."""
        # Left open on purpose: FileResponse streams it and closes it when the response is done.
        output = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
        self.workbook.save(output)
        output.seek(0)
        return output


def write_xlsx(rows, filter_rows):
    """Write every row into a new workbook and return it as an open file."""
    writer = XlsxWriter()
    for values in rows:
        writer.append(values)
    writer.write_codebook(filter_rows)
    return writer.save()
