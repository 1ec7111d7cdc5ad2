"""Server-rendered SVG line charts (the capacity history of a service): no script, readable in print.

The functions take plain data (labels, dates, integers) and return SVG markup with every text escaped.
The chart is an image to assistive technology (`role="img"` named by its `<title>` and `<desc>`); pages
show the same numbers as a table next to it. Series differ by colour, dash pattern and marker shape, so
nothing depends on telling colours apart, and every colour has at least 4.5:1 contrast on white.
"""

import datetime as dt
import math
from collections.abc import Sequence
from typing import NamedTuple

from django.utils.formats import date_format, number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext


class Series(NamedTuple):
    label: str
    points: Sequence[tuple[dt.date, int]]  # (day, value), any order


# (stroke colour, dash pattern, marker); colours are the portal's palette, all ≥ 4.5:1 on white.
STYLES = [
    ("#2362a2", "", "circle"),
    ("#b3261e", "8 4", "square"),
    ("#1e6b3a", "2 3", "triangle"),
    ("#6b4c00", "10 3 2 3", "diamond"),
    ("#5b2a86", "4 4", "circle"),
    ("#2b2b2b", "1 2", "square"),
]
TEXT_COLOUR = "#2b2b2b"
GRID_COLOUR = "#c9cdd2"

WIDTH = 720
PLOT_TOP = 16
PLOT_HEIGHT = 220
PLOT_LEFT = 72
PLOT_RIGHT = WIDTH - 24
LEGEND_ROW = 22


def format_day(day: dt.date) -> str:
    """A day as people of the active language write it ("5. ledna 2026", "Jan. 5, 2026")."""
    return date_format(day, "DATE_FORMAT")


def format_month(day: dt.date) -> str:
    """A short month for axis ticks; the format is translated ("n/Y" in Czech: 1/2026)."""
    return date_format(day, pgettext("date format of chart axis ticks (PHP date syntax)", "M Y"))


def format_number(value: int) -> str:
    return number_format(value, force_grouping=True)


def nice_step(maximum: int, max_ticks: int = 5) -> int:
    """An integer step of 1, 2 or 5 × 10ⁿ that covers 0…maximum in at most `max_ticks` steps."""
    if maximum <= 0:
        return 1
    raw = maximum / max_ticks
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    for factor in (1, 2, 5, 10):
        step = factor * magnitude
        if step >= raw:
            return max(1, int(step))
    return int(10 * magnitude)  # pragma: no cover (the loop always returns)


def month_ticks(start: dt.date, end: dt.date, max_ticks: int = 8) -> list[dt.date]:
    """First days of months within start…end, every 1, 2, 3, 4, 6 or 12 months so at most `max_ticks` fit."""
    first = dt.date(start.year, start.month, 1)
    if first < start:
        first = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    months = []
    day = first
    while day <= end:
        months.append(day)
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    for step in (1, 2, 3, 4, 6, 12):
        if len(months[::step]) <= max_ticks:
            return months[::step]
    return months[::12]  # pragma: no cover (a span of more than 8 years)


def summary(series: Sequence[Series]) -> str:
    """One sentence per series for the chart's <desc>: the range of values and the newest one."""
    sentences = []
    for item in series:
        points = sorted(item.points)
        if not points:
            continue
        values = [value for _day, value in points]
        last_day, last_value = points[-1]
        text = ngettext("%(label)s: %(count)s report on %(last)s, value %(value)s.",
                        "%(label)s: %(count)s reports from %(first)s to %(last)s, lowest %(min)s, highest %(max)s, "
                        "newest %(value)s.", len(points))
        sentences.append(text % {
            "label": item.label, "count": len(points), "first": format_day(points[0][0]),
            "last": format_day(last_day), "min": format_number(min(values)), "max": format_number(max(values)),
            "value": format_number(last_value)})
    return " ".join(sentences) or _("No data in this period.")


def _marker(shape: str, x: float, y: float, colour: str, tooltip: str = "") -> SafeString:
    title = format_html("<title>{}</title>", tooltip) if tooltip else ""
    if shape == "square":
        return format_html('<rect x="{}" y="{}" width="8" height="8" fill="{}">{}</rect>',
                           _n(x - 4), _n(y - 4), colour, title)
    if shape == "triangle":
        points = f"{_n(x)},{_n(y - 5)} {_n(x + 5)},{_n(y + 4)} {_n(x - 5)},{_n(y + 4)}"
        return format_html('<polygon points="{}" fill="{}">{}</polygon>', points, colour, title)
    if shape == "diamond":
        points = f"{_n(x)},{_n(y - 5)} {_n(x + 5)},{_n(y)} {_n(x)},{_n(y + 5)} {_n(x - 5)},{_n(y)}"
        return format_html('<polygon points="{}" fill="{}">{}</polygon>', points, colour, title)
    return format_html('<circle cx="{}" cy="{}" r="4" fill="{}">{}</circle>', _n(x), _n(y), colour, title)


def _n(value: float) -> str:
    """A coordinate with at most one decimal ("12.5", "40")."""
    return f"{value:.1f}".removesuffix(".0")


def line_chart(series: Sequence[Series], *, chart_id: str, title: str, description: str = "",
               x_label: str = "", y_label: str = "", start: dt.date | None = None,
               end: dt.date | None = None) -> SafeString:
    """An SVG line chart of integer series over time, one line per series, with axes and a legend.

    `start`/`end` fix the time axis (e.g. the last 24 months); by default it spans the data. Without
    any point the chart says so instead of drawing empty axes. `description` defaults to `summary()`.
    """
    series = [Series(item.label, sorted(item.points)) for item in series]
    days = [day for item in series for day, _value in item.points]
    description = description or summary(series)
    legend_height = LEGEND_ROW * len(series)
    height = PLOT_TOP + PLOT_HEIGHT + 56 + legend_height + 8
    plot_bottom = PLOT_TOP + PLOT_HEIGHT
    parts = [
        format_html('<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{id}" role="img" '
                    'aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
                    'font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif" font-size="13" '
                    'fill="{text}">', id=chart_id, w=WIDTH, h=height, text=TEXT_COLOUR),
        format_html('<title id="{}-title">{}</title>', chart_id, title),
        format_html('<desc id="{}-desc">{}</desc>', chart_id, description),
    ]
    if not days:
        parts.append(format_html('<text x="{}" y="{}" text-anchor="middle">{}</text>', WIDTH // 2,
                                 PLOT_TOP + PLOT_HEIGHT // 2, _("No data in this period.")))
        parts.append(mark_safe("</svg>"))
        return mark_safe("".join(parts))

    start = min(start or min(days), min(days))
    end = max(end or max(days), max(days))
    if start == end:  # one day: centre it in a month-wide axis
        start, end = start - dt.timedelta(days=15), end + dt.timedelta(days=15)
    span = (end - start).days

    def x_of(day: dt.date) -> float:
        return PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * (day - start).days / span

    maximum = max(value for item in series for _day, value in item.points)
    step = nice_step(maximum)
    top = max(step, math.ceil(maximum / step) * step)

    def y_of(value: int) -> float:
        return plot_bottom - PLOT_HEIGHT * value / top

    # Grid and y axis ticks.
    for value in range(0, top + 1, step):
        parts.append(format_html(
            '<line x1="{x1}" x2="{x2}" y1="{y}" y2="{y}" stroke="{grid}" stroke-width="1"/>'
            '<text x="{tx}" y="{ty}" text-anchor="end">{label}</text>',
            x1=PLOT_LEFT, x2=PLOT_RIGHT, y=_n(y_of(value)), grid=GRID_COLOUR, tx=PLOT_LEFT - 8,
            ty=_n(y_of(value) + 4), label=format_number(value)))
    # Axes.
    parts.append(format_html(
        '<line x1="{l}" x2="{l}" y1="{t}" y2="{b}" stroke="{c}" stroke-width="1.5"/>'
        '<line x1="{l}" x2="{r}" y1="{b}" y2="{b}" stroke="{c}" stroke-width="1.5"/>',
        l=PLOT_LEFT, r=PLOT_RIGHT, t=PLOT_TOP, b=plot_bottom, c=TEXT_COLOUR))
    # x axis ticks: months.
    for day in month_ticks(start, end):
        x = _n(x_of(day))
        parts.append(format_html(
            '<line x1="{x}" x2="{x}" y1="{b}" y2="{b6}" stroke="{c}" stroke-width="1"/>'
            '<text x="{x}" y="{ty}" text-anchor="middle">{label}</text>',
            x=x, b=plot_bottom, b6=plot_bottom + 6, c=TEXT_COLOUR, ty=plot_bottom + 20, label=format_month(day)))
    # Axis labels.
    if y_label:
        parts.append(format_html(
            '<text x="{x}" y="{y}" text-anchor="middle" transform="rotate(-90 {x} {y})" font-weight="600">'
            '{label}</text>', x=18, y=_n(PLOT_TOP + PLOT_HEIGHT / 2), label=y_label))
    if x_label:
        parts.append(format_html('<text x="{}" y="{}" text-anchor="middle" font-weight="600">{}</text>',
                                 _n((PLOT_LEFT + PLOT_RIGHT) / 2), plot_bottom + 42, x_label))
    # Series, then the legend.
    for index, item in enumerate(series):
        colour, dash, shape = STYLES[index % len(STYLES)]
        if not item.points:
            continue
        coordinates = " ".join(f"{_n(x_of(day))},{_n(y_of(value))}" for day, value in item.points)
        parts.append(format_html('<g class="chart__series" stroke="{}">', colour))
        if len(item.points) > 1:
            dash_attribute = format_html(' stroke-dasharray="{}"', dash) if dash else ""
            parts.append(format_html('<polyline points="{}" fill="none" stroke-width="2.5"{}/>', coordinates,
                                     dash_attribute))
        parts.extend(_marker(shape, x_of(day), y_of(value), colour,
                             f"{item.label}: {format_number(value)} ({format_day(day)})")
                     for day, value in item.points)
        parts.append(mark_safe("</g>"))
    legend_top = plot_bottom + 56
    for index, item in enumerate(series):
        colour, dash, shape = STYLES[index % len(STYLES)]
        y = legend_top + index * LEGEND_ROW + 8
        dash_attribute = format_html(' stroke-dasharray="{}"', dash) if dash else ""
        parts.append(format_html('<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2.5"{}/>',
                                 PLOT_LEFT, PLOT_LEFT + 32, y, y, colour, dash_attribute))
        parts.append(_marker(shape, PLOT_LEFT + 16, y, colour))
        parts.append(format_html('<text x="{}" y="{}">{}</text>', PLOT_LEFT + 42, y + 4, item.label))
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))

