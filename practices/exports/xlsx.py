"""The Excel export: a constant-memory XlsxWriter workbook with the data sheet and a codebook sheet.

XlsxWriter rather than openpyxl (which stays for reading imports): at 100,000 rows it writes the file in
about half the time, and its hyperlinks, held until the file is closed, take ~40% less memory than
openpyxl's, which kept the export over its 20 s / 150 MB targets (benchmarks/export.py).
"""

import tempfile
from datetime import date, datetime

import xlsxwriter
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from practices.exports.columns import COLUMNS, plain_text

WIDTHS = {
    "id": 8,
    "public_id": 14,
    "title": 36,
    "title_en": 36,
    "theme": 18,
    "region": 12,
    "region_code": 10,
    "institution": 24,
    "institution_kind": 12,
    "level": 8,
    "stage": 10,
    "completeness": 8,
    "tags": 28,
    "started_on": 12,
    "started_precision": 8,
    "published_at": 18,
    "key_figures": 40,
    "sources": 50,
    "url": 40,
    "cover_image_url": 40,
}
# Long texts (the summary and each section) get this width.
TEXT_WIDTH = 60
CODEBOOK_WIDTHS = (20, 20, 24, 10, 80)
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
# Files up to this size stay in memory; bigger workbooks spill to a temporary file on disk.
SPOOL_BYTES = 8 * 1024 * 1024
# Rows are flushed to disk as they are written, and only the typed write_* methods are used, so nothing
# is ever turned into a formula, number or link behind our back; the options say so for any later write().
WORKBOOK_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}
# Excel's own limits ("Excel specifications and limits"): 65,530 hyperlinks per worksheet, and a link
# target of at most 255 characters. Past them Excel repairs or refuses the file, so later links are
# written as plain text (the address stays readable and copyable).
MAX_HYPERLINKS = 65_530
MAX_HYPERLINK_LENGTH = 255
# A cell holds at most 32,767 characters; XlsxWriter cuts longer text, and the codebook sheet says so.
MAX_CELL_LENGTH = 32_767


def _text(value):
    # Control characters cannot be stored in a worksheet; they are invisible in the data anyway.
    return ILLEGAL_CHARACTERS_RE.sub("", value)


class _Sheet:
    """A worksheet written row after row, as constant-memory mode requires."""

    def __init__(self, worksheet, widths):
        self.worksheet = worksheet
        self.row = 0
        for index, width in enumerate(widths):
            worksheet.set_column(index, index, width)


class ExportWorkbook:
    """Writes rows into a constant-memory workbook and saves it to a temporary file."""

    def __init__(self):
        self.hyperlinks = 0
        self.cut_cells = 0
        # Left open on purpose: FileResponse streams it and closes it when the response is done.
        self.output = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
        self.workbook = xlsxwriter.Workbook(self.output, WORKBOOK_OPTIONS)
        self.bold = self.workbook.add_format({"bold": True})
        self.date = self.workbook.add_format({"num_format": DATE_FORMAT})
        self.datetime = self.workbook.add_format({"num_format": DATETIME_FORMAT})
        self.data = _Sheet(self.workbook.add_worksheet(_("案例")), [WIDTHS.get(c.key, TEXT_WIDTH) for c in COLUMNS])
        self.codebook = _Sheet(self.workbook.add_worksheet(_("字段说明")), CODEBOOK_WIDTHS)
        self.data.worksheet.freeze_panes(1, 0)
        self.headers(self.data, [c.header for c in COLUMNS])

    def headers(self, sheet, texts):
        for col, text in enumerate(texts):
            self.write_text(sheet, col, text, self.bold)
        sheet.row += 1

    def write_text(self, sheet, col, text, cell_format=None):
        """Text as a string cell, even `=HYPERLINK(…)` or `#N/A`: never a formula or an error value."""
        if sheet.worksheet.write_string(sheet.row, col, _text(text), cell_format) == -2:
            self.cut_cells += 1

    def write_cell(self, col, column, value):
        """A typed cell: numbers as numbers, dates as dates, links as hyperlinks, text never as a formula."""
        if value is None or value == "" or value == []:
            return
        sheet, row = self.data.worksheet, self.data.row
        if isinstance(value, datetime):
            # Excel has no time zones: the local (Beijing) time the CSV shows with its +08:00.
            naive = timezone.make_naive(value) if timezone.is_aware(value) else value
            sheet.write_datetime(row, col, naive, self.datetime)
        elif isinstance(value, date):
            sheet.write_datetime(row, col, value, self.date)
        elif isinstance(value, int):
            sheet.write_number(row, col, value)
        else:
            text = plain_text(value)
            if column.kind == "url" and self.hyperlinks < MAX_HYPERLINKS and len(text) <= MAX_HYPERLINK_LENGTH:
                self.hyperlinks += 1
                sheet.write_url(row, col, text, string=_text(text))
            else:
                self.write_text(self.data, col, text)

    def append(self, values):
        for col, column in enumerate(COLUMNS):
            self.write_cell(col, column, values[column.key])
        self.data.row += 1

    def write_codebook(self, filter_rows):
        """The second sheet: every column documented, then the filter and time that produced the file."""
        sheet = self.codebook
        self.headers(sheet, [_("JSON 键"), _("中文表头"), _("英文表头"), _("类型"), _("说明")])
        for column in COLUMNS:
            for col, text in enumerate((column.key, column.zh, column.en, column.kind, column.description)):
                self.write_text(sheet, col, text)
            sheet.row += 1
        sheet.row += 1
        self.headers(sheet, [_("筛选条件"), _("值")])
        for label, value in filter_rows:
            self.write_text(sheet, 0, str(label))
            self.write_text(sheet, 1, str(value))
            sheet.row += 1
        if self.hyperlinks >= MAX_HYPERLINKS:
            note = _("Excel 每个工作表最多 %(max)s 个超链接：超出后的网址以文本写出，可复制使用。")
            self.note(_("超链接"), note % {"max": f"{MAX_HYPERLINKS:,}"})
        if self.cut_cells:
            note = _(
                "Excel 单元格最多 %(max)s 个字符：超出的文字未写入（涉及单元格：%(count)s），"
                "完整内容见 CSV 或 JSON 导出。"
            )
            self.note(_("截断"), note % {"max": f"{MAX_CELL_LENGTH:,}", "count": f"{self.cut_cells:,}"})

    def note(self, label, text):
        self.codebook.row += 1
        self.write_text(self.codebook, 0, label, self.bold)
        self.write_text(self.codebook, 1, text)
        self.codebook.row += 1

    def save(self):
        """The finished workbook as an open temporary file, positioned at its start."""
        self.workbook.close()
        self.output.seek(0)
        return self.output


def write_xlsx(rows, filter_rows):
    """Write every row into a new workbook and return it as an open file."""
    writer = ExportWorkbook()
    for values in rows:
        writer.append(values)
    writer.write_codebook(filter_rows)
    return writer.save()
