"""Charts and the tile map drawn on the server as SVG: no script, no inline style (colours are CSS classes).

Every function returns markup safe to put in a template; each chart has its numbers in a table beside it
in the page, so the drawing itself is one labelled image (the tile map's squares are links instead).
"""

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from practices.models import KeyFigure

TILE = 60
GAP = 4
STEP = TILE + GAP
BAR_HEIGHT = 22
BAR_GAP = 8
# A chart is 400 units wide, so its 14-unit text stays about 12 px on a 390 px phone.
LABEL_WIDTH = 130
BAR_WIDTH = 210
NUMBER_WIDTH = 60


def cases_text(count):
    """`9 个案例` / `9 cases`: the accessible name's count."""
    if count == 0:
        return _("没有案例")
    return ngettext("%(count)s 个案例", "%(count)s 个案例", count) % {"count": count}


def tile_map(cells, columns, rows, label):
    """The tile grid: one square per region at its (col, row), shaded, labelled with its name and count."""
    squares = []
    for cell in cells:
        x, y = cell.col * STEP, cell.row * STEP
        name = _("%(region)s：%(cases)s") % {"region": cell.name, "cases": cases_text(cell.count)}
        body = format_html(
            '<rect class="tile shade-{}" x="{}" y="{}" width="{}" height="{}" rx="4"></rect>'
            '<text class="tile-label shade-{}" x="{}" y="{}" text-anchor="middle"{}>{}</text>'
            '<text class="tile-count shade-{}" x="{}" y="{}" text-anchor="middle">{}</text>',
            cell.shade,
            x,
            y,
            TILE,
            TILE,
            cell.shade,
            x + TILE / 2,
            y + 27,
            # Long labels are squeezed into the square rather than spilling over its neighbours.
            format_html(' textLength="{}" lengthAdjust="spacingAndGlyphs"', TILE - 8) if _too_wide(cell.label) else "",
            cell.label,
            cell.shade,
            x + TILE / 2,
            y + 49,
            cell.count,
        )
        if cell.list_url:
            squares.append(format_html('<a href="{}" aria-label="{}">{}</a>', cell.list_url, name, body))
        else:
            squares.append(format_html('<g class="tile-unlinked"><title>{}</title>{}</g>', name, body))
    return format_html(
        '<svg class="tile-map" viewBox="-2 -2 {} {}" role="group" aria-label="{}">{}</svg>',
        columns * STEP,
        rows * STEP,
        label,
        _joined(squares),
    )


def bar_chart(rows, label):
    """Horizontal bars: `rows` are (label, value) pairs, drawn against the largest value."""
    top = max((value for _, value in rows), default=0) or 1
    bars = []
    for i, (name, value) in enumerate(rows):
        y = i * (BAR_HEIGHT + BAR_GAP)
        width = round(BAR_WIDTH * value / top, 1)
        bars.append(
            format_html(
                '<text class="chart-label" x="{}" y="{}" text-anchor="end"{}>{}</text>'
                '<rect class="chart-bar" x="{}" y="{}" width="{}" height="{}"></rect>'
                '<text class="chart-number" x="{}" y="{}">{}</text>',
                LABEL_WIDTH - 8,
                y + 16,
                _fit(name),
                name,
                LABEL_WIDTH,
                y,
                width,
                BAR_HEIGHT,
                LABEL_WIDTH + width + 6,
                y + 16,
                value,
            )
        )
    return _chart(bars, len(rows), label)


def stacked_bars(rows, series, label):
    """Horizontal stacked bars: `rows` are (label, [value per series]); `series` are (name, css class)."""
    top = max((sum(values) for _, values in rows), default=0) or 1
    bars = []
    for i, (name, values) in enumerate(rows):
        y = i * (BAR_HEIGHT + BAR_GAP)
        x = LABEL_WIDTH
        pieces = []
        for (_series_name, css_class), value in zip(series, values, strict=True):
            width = round(BAR_WIDTH * value / top, 1)
            if width:
                pieces.append(
                    format_html(
                        '<rect class="chart-segment {}" x="{}" y="{}" width="{}" height="{}"></rect>',
                        css_class,
                        x,
                        y,
                        width,
                        BAR_HEIGHT,
                    )
                )
            x += width
        bars.append(
            format_html(
                '<text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>{}'
                '<text class="chart-number" x="{}" y="{}">{}</text>',
                LABEL_WIDTH - 8,
                y + 16,
                name,
                _joined(pieces),
                x + 6,
                y + 16,
                sum(values),
            )
        )
    return _chart(bars, len(rows), label)


def before_after(rows, label):
    """Each row (label, before, after) as two bars on its own scale: before pale, after full."""
    bars = []
    for i, (name, before, after) in enumerate(rows):
        y = i * (BAR_HEIGHT * 2 + BAR_GAP + 4)
        top = max(abs(before), abs(after)) or 1
        bars.append(
            format_html(
                '<text class="chart-label" x="{}" y="{}" text-anchor="end"{}>{}</text>'
                '<rect class="chart-bar chart-before" x="{}" y="{}" width="{}" height="{}"></rect>'
                '<text class="chart-number" x="{}" y="{}">{}</text>'
                '<rect class="chart-bar" x="{}" y="{}" width="{}" height="{}"></rect>'
                '<text class="chart-number" x="{}" y="{}">{}</text>',
                LABEL_WIDTH - 8,
                y + 28,
                _fit(name),
                name,
                LABEL_WIDTH,
                y,
                round(BAR_WIDTH * abs(before) / top, 1),
                BAR_HEIGHT,
                LABEL_WIDTH + round(BAR_WIDTH * abs(before) / top, 1) + 6,
                y + 16,
                KeyFigure.format_number(before),
                LABEL_WIDTH,
                y + BAR_HEIGHT + 2,
                round(BAR_WIDTH * abs(after) / top, 1),
                BAR_HEIGHT,
                LABEL_WIDTH + round(BAR_WIDTH * abs(after) / top, 1) + 6,
                y + BAR_HEIGHT + 18,
                KeyFigure.format_number(after),
            )
        )
    height = len(rows) * (BAR_HEIGHT * 2 + BAR_GAP + 4)
    return _svg(bars, height, label)


def _chart(bars, count, label):
    return _svg(bars, count * (BAR_HEIGHT + BAR_GAP), label)


def _svg(parts, height, label):
    width = LABEL_WIDTH + BAR_WIDTH + NUMBER_WIDTH
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}"><title>{}</title>{}</svg>',
        width,
        max(height, 1),
        label,
        label,
        _joined(parts),
    )


def _fit(label):
    """A chart label wider than its column (14 px text) is squeezed into it rather than cut off."""
    width = sum(14 if ord(ch) >= 0x2E80 else 8 for ch in str(label))
    if width <= LABEL_WIDTH - 12:
        return ""
    return format_html(' textLength="{}" lengthAdjust="spacingAndGlyphs"', LABEL_WIDTH - 12)


def _too_wide(label):
    """Whether a tile label at 18 px (CJK characters full width, others about half) overflows the square."""
    return sum(18 if ord(ch) >= 0x2E80 else 10 for ch in label) > TILE - 8


def _joined(parts):
    """Markup pieces (each already escaped by format_html) as one."""
    return format_html_join("", "{}", ((part,) for part in parts))
