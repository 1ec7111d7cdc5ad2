"""The server-rendered SVG charts (services/charts.py): valid XML, accessible names, escaping, ticks."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from services import charts
from services.charts import Series, line_chart

SVG = "{http://www.w3.org/2000/svg}"
START, END = dt.date(2024, 12, 1), dt.date(2026, 11, 26)


def parse(markup: str) -> ET.Element:
    return ET.fromstring(str(markup))  # raises on anything that is not well-formed XML


def texts(root: ET.Element) -> list[str]:
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


def chart(series, **kwargs):
    with translation.override(kwargs.pop("language", "en")):
        return line_chart(series, chart_id="c", title="Free places", x_label="Date", y_label="Places", **kwargs)


def test_empty_data_says_so_and_is_still_an_accessible_image():
    root = parse(chart([]))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.get("aria-labelledby") == "c-title c-desc"
    assert root.find(f"{SVG}title").get("id") == "c-title" and root.find(f"{SVG}title").text == "Free places"
    assert root.find(f"{SVG}desc").text == "No data in this period."
    assert texts(root) == ["No data in this period."]
    assert parse(chart([Series("Beds", [])])).find(f"{SVG}desc").text == "No data in this period."


def test_one_point_is_a_marker_without_a_line():
    root = parse(chart([Series("Residential, beds", [(dt.date(2026, 3, 5), 4)])]))
    assert root.findall(f".//{SVG}polyline") == []
    markers = [m for m in root.iter(f"{SVG}circle") if m.find(f"{SVG}title") is not None]
    assert len(markers) == 1
    assert markers[0].find(f"{SVG}title").text == "Residential, beds: 4 (5 March 2026)"
    assert "Residential, beds: 1 report on 5 March 2026, value 4." == root.find(f"{SVG}desc").text
    assert "Residential, beds" in texts(root)  # the legend


def test_many_points_and_series_draw_a_line_each_with_axes_and_a_legend():
    days = [START + dt.timedelta(days=30 * n) for n in range(24)]
    series = [Series("Residential, beds", [(day, n % 9) for n, day in enumerate(days)]),
              Series("Outpatient, clients", [(day, 40 - n) for n, day in enumerate(days)]),
              Series("Field, interventions", list(reversed([(day, n) for n, day in enumerate(days)])))]
    root = parse(chart(series, start=START, end=END))
    lines = root.findall(f".//{SVG}polyline")
    assert len(lines) == 3
    assert len({line.get("stroke-dasharray") for line in lines}) == 3  # told apart without colour
    assert all(len(line.get("points").split()) == 24 for line in lines)
    xs = [float(point.split(",")[0]) for point in lines[2].get("points").split()]
    assert xs == sorted(xs)  # points are drawn in date order whatever order they came in
    labels = texts(root)
    assert {"Date", "Places", "Residential, beds", "Outpatient, clients", "Field, interventions"} <= set(labels)
    assert "0" in labels and "40" in labels  # y ticks from zero to a round maximum
    assert "Dec 2024" in labels  # month ticks
    description = root.find(f"{SVG}desc").text
    assert "Outpatient, clients: 24 reports from 1 December 2024" in description and "highest 40" in description


def test_all_text_is_escaped():
    root = parse(chart([Series('<script>alert("x")</script> & co', [(START, 1), (END, 2)])]))
    assert '<script>alert("x")</script> & co' in texts(root)
    markup = str(chart([Series("<b>", [(START, 1)])]))
    assert "<b>" not in markup and "&lt;b&gt;" in markup


def test_dates_are_written_czech_style_in_czech():
    with translation.override("cs"):
        assert charts.format_day(dt.date(2026, 1, 5)) == "5. ledna 2026"
    root = parse(chart([Series("Lůžka", [(dt.date(2026, 1, 5), 1_250)])], language="cs"))
    marker = next(m for m in root.iter(f"{SVG}circle") if m.find(f"{SVG}title") is not None)
    assert marker.find(f"{SVG}title").text == "Lůžka: 1\xa0250 (5. ledna 2026)"


@pytest.mark.parametrize("maximum, step", [(0, 1), (3, 1), (7, 2), (40, 10), (95, 20), (1234, 500)])
def test_nice_steps(maximum, step):
    assert charts.nice_step(maximum) == step


def test_month_ticks_fit_the_axis():
    ticks = charts.month_ticks(START, END)
    assert 4 <= len(ticks) <= 8 and ticks[0] == START and all(day.day == 1 for day in ticks)
    assert charts.month_ticks(dt.date(2026, 1, 15), dt.date(2026, 3, 20)) == [dt.date(2026, 2, 1),
                                                                              dt.date(2026, 3, 1)]


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_every_series_colour_contrasts_with_white():
    for colour, _dash, _marker in charts.STYLES:
        assert 1.05 / (_luminance(colour) + 0.05) >= 4.5, colour
