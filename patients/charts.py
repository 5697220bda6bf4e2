"""Server-rendered line charts of outcome measures: one small chart per measure, printable as SVG."""

from dataclasses import dataclass, field

from patients.models import MeasureKind

WIDTH, HEIGHT = 480, 200
LEFT, RIGHT, TOP, BOTTOM = 36, 16, 12, 30
SCALES = {
    MeasureKind.NRS_PAIN: (0, 10, 2),
    MeasureKind.PSK: (0, 10, 2),
    MeasureKind.PGI_I: (1, 7, 1),
    MeasureKind.ICIQ_UI_SF: (0, 21, 3),
}


@dataclass
class Chart:
    kind: str
    label: str
    width: int = WIDTH
    height: int = HEIGHT
    points: list = field(default_factory=list)
    y_ticks: list = field(default_factory=list)
    x_ticks: list = field(default_factory=list)

    @property
    def polyline(self):
        return " ".join(f"{x:.1f},{y:.1f}" for x, y, *_rest in self.points)

    @property
    def plot_left(self):
        return LEFT

    @property
    def plot_right(self):
        return WIDTH - RIGHT

    @property
    def plot_bottom(self):
        return HEIGHT - BOTTOM


def _x_position(day, first, span):
    inner = WIDTH - LEFT - RIGHT
    if not span:
        return LEFT + inner / 2
    return LEFT + inner * (day - first).days / span


def _y_position(value, low, high):
    inner = HEIGHT - TOP - BOTTOM
    return TOP + inner * (1 - (float(value) - low) / (high - low))


def measure_chart(measures):
    """Return one chart per measure kind that has values, with points already placed in SVG space."""
    charts = []
    for kind, label in MeasureKind.choices:
        series = [measure for measure in measures if measure.kind == kind]
        if not series:
            continue
        low, high, step = SCALES[kind]
        first, last = series[0].measured_on, series[-1].measured_on
        span = (last - first).days
        chart = Chart(kind=kind, label=label)
        chart.y_ticks = [(_y_position(value, low, high), value) for value in range(low, high + 1, step)]
        for measure in series:
            x = _x_position(measure.measured_on, first, span)
            chart.points.append((x, _y_position(measure.total, low, high), measure.measured_on, measure.total))
        dates = sorted({measure.measured_on for measure in series})
        shown = dates if len(dates) <= 6 else dates[:: max(1, len(dates) // 5)]
        chart.x_ticks = [(_x_position(day, first, span), day) for day in shown]
        charts.append(chart)
    return charts
