"""Line charts laid out on the server as SVG coordinates: one look for every chart, on screen and on paper.

Measures, biofeedback readings, adherence and the bladder diary all go through `line_chart`; the template
`clinic/_chart.html` draws whatever it returns.
"""

import datetime
import math
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.text import Truncator

WIDTH, HEIGHT = 480, 200
LEFT, RIGHT, TOP, BOTTOM = 40, 24, 12, 30
MAX_X_TICKS = 6
# Series are told apart by colour on screen and by dash pattern and marker on a black-and-white print.
SERIES_STYLES = ("s1", "s2", "s3")


@dataclass
class Series:
    label: str
    style: str
    points: list = field(default_factory=list)

    @property
    def polyline(self):
        return " ".join(f"{x:.1f},{y:.1f}" for x, y, *_rest in self.points)


@dataclass
class ChartFrame:
    """What every chart has: its key (for element ids), title, unit and note, on the same width."""

    key: str
    title: str
    unit: str = ""
    note: str = ""
    width: int = WIDTH


@dataclass
class Chart(ChartFrame):
    height: int = HEIGHT
    series: list = field(default_factory=list)
    y_ticks: list = field(default_factory=list)
    x_ticks: list = field(default_factory=list)
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_bottom: int = HEIGHT - BOTTOM
    # A horizontal line with a shaded band towards the better end: where a score counts as improved.
    threshold_y: float | None = None
    threshold_label: str = ""

    @property
    def plot_width(self):
        return self.plot_right - self.plot_left

    @property
    def band_height(self):
        return self.plot_bottom - self.threshold_y if self.threshold_y is not None else 0


def nice_top(value) -> float:
    """Round the highest value up to a readable axis maximum."""
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _x(day: datetime.date, first: datetime.date, span: int) -> float:
    inner = WIDTH - LEFT - RIGHT
    return LEFT + inner / 2 if not span else LEFT + inner * (day - first).days / span


def _y(value, low, high) -> float:
    inner = HEIGHT - TOP - BOTTOM
    return TOP + inner * (1 - (float(value) - low) / (high - low))


def tick_label(value: float) -> str:
    """Return an axis value as the tables beside the chart write it: 10, 2,5 in Dutch."""
    return formats.number_format(int(value) if value == int(value) else round(value, 2), use_l10n=True)


def line_chart(
    key, title, lines, *, low=0, high=None, step=None, unit="", note="", threshold=None, threshold_label=""
) -> Chart | None:
    """Lay out `lines` — (label, [(date, value)]) — on one date axis; None when there is nothing to draw.

    Without `high` the axis runs to a rounded maximum of the values, in four steps. `threshold` marks
    a value with a line and shades the band below it (lower is better), labelled `threshold_label`.
    """
    lines = [(label, sorted((day, value) for day, value in points if value is not None)) for label, points in lines]
    days = sorted({day for _label, points in lines for day, _value in points})
    if not days:
        return None
    if high is None:
        high = nice_top(max(float(value) for _label, points in lines for _day, value in points))
        step = high / 4
    first, span = days[0], (days[-1] - days[0]).days
    chart = Chart(key=key, title=title, unit=unit, note=note, threshold_label=threshold_label)
    if threshold is not None:
        chart.threshold_y = _y(threshold, low, high)
    count = math.floor((high - low) / step + 1e-9) + 1
    chart.y_ticks = [(_y(low + step * n, low, high), tick_label(low + step * n)) for n in range(count)]
    shown = days if len(days) <= MAX_X_TICKS else days[:: math.ceil(len(days) / MAX_X_TICKS)]
    chart.x_ticks = [(_x(day, first, span), day) for day in shown]
    for (label, points), style in zip(lines, SERIES_STYLES, strict=False):
        if points:
            series = Series(label=label, style=style)
            series.points = [(_x(day, first, span), _y(value, low, high), day, value) for day, value in points]
            chart.series.append(series)
    return chart


BAR_HEIGHT, BAR_GAP, BAR_LABEL_WIDTH = 18, 8, 240
# What fits in the label column at the chart's font size; a longer label is cut, whole in the bar's tooltip.
BAR_LABEL_CHARS = 24


@dataclass
class BarChart(ChartFrame):
    height: int = 0
    plot_left: int = BAR_LABEL_WIDTH
    plot_right: int = WIDTH - RIGHT
    bars: list = field(default_factory=list)
    x_ticks: list = field(default_factory=list)


def bar_chart(key, title, bars, *, high=100, step=25, unit="", note="") -> BarChart | None:
    """Lay out horizontal `bars` — (label, value, hidden) — on one axis from 0 to `high`; None when none has a value.

    A bar without a value keeps its row, drawn empty and marked when its figure is `hidden` (too few to show).
    """
    if all(value is None for _label, value, _hidden in bars):
        return None
    chart = BarChart(key=key, title=title, unit=unit, note=note)
    inner = chart.plot_right - chart.plot_left
    chart.height = TOP + len(bars) * (BAR_HEIGHT + BAR_GAP) + BOTTOM
    for number, (label, value, hidden) in enumerate(bars):
        y = TOP + number * (BAR_HEIGHT + BAR_GAP)
        length = 0 if value is None else inner * min(float(value), high) / high
        short = Truncator(label).chars(BAR_LABEL_CHARS)
        chart.bars.append((label, value, hidden, y, length, y + BAR_HEIGHT / 2, short))
    count = math.floor(high / step + 1e-9) + 1
    chart.x_ticks = [(chart.plot_left + inner * step * n / high, tick_label(step * n)) for n in range(count)]
    return chart
