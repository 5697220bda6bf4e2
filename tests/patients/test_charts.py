"""One chart layout for measures, biofeedback, adherence and the diary."""

import datetime
from decimal import Decimal

from django.utils import translation

from clinic.charts import BOTTOM, HEIGHT, LEFT, RIGHT, TOP, WIDTH, line_chart
from patients.choices import BiofeedbackModality
from patients.models import BiofeedbackSession, OutcomeMeasure
from patients.selectors.plans import biofeedback_charts
from patients.selectors.record import measure_charts
from programs.selectors import WeekAdherence, progress_charts

DAY = datetime.date(2026, 10, 1)


def measure(kind, days, total):
    return OutcomeMeasure(kind=kind, measured_on=DAY + datetime.timedelta(days=days), total=Decimal(total))


def session(day, **readings):
    return BiofeedbackSession(session_on=DAY + datetime.timedelta(days=day), **readings)


def test_one_chart_per_measure_with_points_on_its_own_scale():
    charts = measure_charts([measure("nrs_pain", 0, 10), measure("nrs_pain", 14, 0), measure("iciq_ui_sf", 7, 21)])
    assert [chart.key for chart in charts] == ["nrs_pain", "iciq_ui_sf"]
    pain, iciq = charts
    (x1, y1, *_), (x2, y2, *_) = pain.series[0].points
    assert (x1, y1) == (LEFT, TOP)
    assert (x2, y2) == (WIDTH - RIGHT, HEIGHT - BOTTOM)
    assert [label for _y, label in pain.y_ticks] == ["0", "2", "4", "6", "8", "10"]
    assert iciq.series[0].points[0][1] == TOP
    assert iciq.series[0].points[0][0] == LEFT + (WIDTH - LEFT - RIGHT) / 2


def test_no_values_no_chart():
    assert measure_charts([]) == []
    assert biofeedback_charts([]) == []
    assert line_chart("empty", "Empty", [("None", [(DAY, None)])]) is None


def test_emg_and_relaxation_trends_get_a_chart_each_with_a_styled_series_per_reading():
    sessions = [
        session(0, resting_tone_uv=Decimal("9"), peak_uv=Decimal("30"), relax_time_s=Decimal("8")),
        session(7, resting_tone_uv=Decimal("5"), peak_uv=Decimal("36"), relax_time_s=None),
    ]
    emg, relax = biofeedback_charts(sessions)
    assert [series.style for series in emg.series] == ["s1", "s2"]
    assert [len(series.points) for series in emg.series] == [2, 2]
    assert emg.y_ticks[-1][1] == "50"
    rest_points = emg.series[0].points
    assert TOP < rest_points[0][1] < rest_points[1][1] < HEIGHT  # SVG y grows downwards: a falling tone drops
    assert len(relax.series[0].points) == 1


def test_pressure_sessions_get_their_own_chart():
    pressure = session(0, modality=BiofeedbackModality.PRESSURE_PROBE, resting_pressure_mmhg=20, peak_pressure_mmhg=55)
    (chart,) = biofeedback_charts([pressure])
    assert chart.unit == "mmHg"
    assert all(TOP <= y <= HEIGHT for series in chart.series for _x, y, *_ in series.points)


def test_adherence_and_diary_charts_share_the_layout():
    weeks = [WeekAdherence(week=DAY, percent=50), WeekAdherence(week=DAY + datetime.timedelta(weeks=1), percent=None)]
    days = [
        {"diary_day": DAY, "voids": 8, "leaks": 2},
        {"diary_day": DAY + datetime.timedelta(days=1), "voids": 6, "leaks": 0},
    ]
    adherence, diary = progress_charts(weeks, days)
    assert [label for _y, label in adherence.y_ticks] == ["0", "25", "50", "75", "100"]
    assert [point[3] for point in adherence.series[0].points] == [50]
    assert [[point[3] for point in series.points] for series in diary.series] == [[8, 6], [2, 0]]
    assert progress_charts([], []) == []


def test_axis_values_are_written_with_the_readers_decimal_comma():
    readings = [session(0, resting_tone_uv=Decimal("9"), peak_uv=Decimal("9.5"), relax_time_s=None)]
    with translation.override("nl"):
        emg, *_ = biofeedback_charts(readings)
    assert [label for _y, label in emg.y_ticks] == ["0", "2,5", "5", "7,5", "10"]
