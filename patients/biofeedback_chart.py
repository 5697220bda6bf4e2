"""Trend charts of biofeedback readings, laid out on the server as SVG coordinates (no JavaScript)."""

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

WIDTH, HEIGHT = 560, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 14, 34

# (unit, chart title, [(reading field, series label, css class)])
CHARTS = [
    (
        "µV",
        _("EMG (µV)"),
        [("resting_tone_uv", _("Resting tone"), "rest"), ("peak_uv", _("Peak"), "peak")],
    ),
    (
        "mmHg",
        _("Pressure (mmHg)"),
        [("resting_pressure_mmhg", _("Resting pressure"), "rest"), ("peak_pressure_mmhg", _("Peak pressure"), "peak")],
    ),
    ("s", _("Time to relax (s)"), [("relax_time_s", _("Time to relax"), "relax")]),
]


@dataclass
class Series:
    label: str
    css: str
    points: list = field(default_factory=list)

    @property
    def polyline(self):
        return " ".join(f"{x:.1f},{y:.1f}" for x, y, _value in self.points)


@dataclass
class TrendChart:
    title: str
    unit: str
    width: int = WIDTH
    height: int = HEIGHT
    series: list = field(default_factory=list)
    y_ticks: list = field(default_factory=list)
    x_ticks: list = field(default_factory=list)
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_bottom: int = HEIGHT - BOTTOM


def _nice_top(value):
    """Round the highest reading up to a readable axis maximum."""
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _x(index, count):
    inner = WIDTH - LEFT - RIGHT
    return LEFT + inner / 2 if count == 1 else LEFT + inner * index / (count - 1)


def _y(value, top):
    inner = HEIGHT - TOP - BOTTOM
    return TOP + inner * (1 - float(value) / top)


def trend_charts(sessions):
    """Return one chart per unit that has readings, each session one step along the x-axis."""
    sessions = list(sessions)
    charts = []
    for unit, title, fields in CHARTS:
        measured = [session for session in sessions if any(getattr(session, name) is not None for name, *_ in fields)]
        if not measured:
            continue
        top = _nice_top(max(float(getattr(s, name) or 0) for s in measured for name, *_ in fields))
        chart = TrendChart(title=title, unit=unit)
        chart.y_ticks = [(_y(top * step / 4, top), _format(top * step / 4)) for step in range(5)]
        count = len(measured)
        every = max(1, math.ceil(count / 8))
        chart.x_ticks = [
            (_x(index, count), session.session_on) for index, session in enumerate(measured) if index % every == 0
        ]
        for name, label, css in fields:
            series = Series(label=label, css=css)
            for index, session in enumerate(measured):
                value = getattr(session, name)
                if value is not None:
                    series.points.append((_x(index, count), _y(value, top), value))
            if series.points:
                chart.series.append(series)
        charts.append(chart)
    return charts


def _format(value):
    return f"{value:g}"
