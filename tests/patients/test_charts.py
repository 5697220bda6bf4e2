import datetime
from decimal import Decimal

from patients.charts import BOTTOM, HEIGHT, LEFT, RIGHT, TOP, WIDTH, measure_chart
from patients.models import OutcomeMeasure

DAY = datetime.date(2026, 10, 1)


def measure(kind, days, total):
    return OutcomeMeasure(kind=kind, measured_on=DAY + datetime.timedelta(days=days), total=Decimal(total))


def test_one_chart_per_measure_with_points_on_its_own_scale():
    charts = measure_chart([measure("nrs_pain", 0, 10), measure("nrs_pain", 14, 0), measure("iciq_ui_sf", 7, 21)])
    assert [chart.kind for chart in charts] == ["nrs_pain", "iciq_ui_sf"]
    pain, iciq = charts
    (x1, y1, *_), (x2, y2, *_) = pain.points
    assert (x1, y1) == (LEFT, TOP)
    assert (x2, y2) == (WIDTH - RIGHT, HEIGHT - BOTTOM)
    assert iciq.points[0][1] == TOP
    assert iciq.points[0][0] == LEFT + (WIDTH - LEFT - RIGHT) / 2


def test_no_measures_no_charts():
    assert measure_chart([]) == []
