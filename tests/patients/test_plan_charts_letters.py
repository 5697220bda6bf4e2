"""The biofeedback trend layout and the letter text composed from the record."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from patients.biofeedback_chart import HEIGHT, TOP, trend_charts
from patients.letter_text import compose_letter
from patients.models import BiofeedbackModality, BiofeedbackSession, LetterKind
from tests.factories import (
    BiofeedbackSessionFactory,
    InterventionFactory,
    PlanGoalFactory,
    TreatmentPlanFactory,
)

DAY = datetime.date(2026, 3, 2)


def session(day, **readings):
    return BiofeedbackSession(session_on=DAY + datetime.timedelta(days=day), **readings)


def test_emg_and_relaxation_trends_get_a_chart_each_with_one_point_per_session():
    sessions = [
        session(0, resting_tone_uv=Decimal("9"), peak_uv=Decimal("30"), relax_time_s=Decimal("8")),
        session(7, resting_tone_uv=Decimal("5"), peak_uv=Decimal("36"), relax_time_s=None),
    ]
    emg, relax = trend_charts(sessions)
    assert [series.css for series in emg.series] == ["rest", "peak"]
    assert [len(series.points) for series in emg.series] == [2, 2]
    assert emg.y_ticks[-1][1] == "50"
    rest_points = emg.series[0].points
    assert TOP < rest_points[0][1] < rest_points[1][1] < HEIGHT  # SVG y grows downwards: a falling tone drops
    assert len(relax.series[0].points) == 1


def test_pressure_sessions_get_their_own_chart_and_no_readings_no_chart():
    pressure = session(0, modality=BiofeedbackModality.PRESSURE_PROBE, resting_pressure_mmhg=20, peak_pressure_mmhg=55)
    (chart,) = trend_charts([pressure])
    assert chart.unit == "mmHg"
    assert all(TOP <= y <= HEIGHT for series in chart.series for _x, y, _value in series.points)
    assert trend_charts([]) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "opening"),
    [
        (LetterKind.INTAKE, "started pelvic physiotherapy with us"),
        (LetterKind.PROGRESS, "Here is an update"),
        (LetterKind.DISCHARGE, "has ended"),
    ],
)
def test_each_letter_kind_is_composed_from_the_record(kind, opening):
    plan = TreatmentPlanFactory(closing_summary="Klachtenvrij na negen behandelingen.", gp_consult_advised=True)
    plan.episode.patient.gp_name = "Dr. Kok"
    PlanGoalFactory(plan=plan, description="Droog bij hoesten", achieved=True)
    InterventionFactory(plan=plan)
    BiofeedbackSessionFactory(plan=plan, resting_tone_uv=Decimal("8.5"), peak_uv=30)
    BiofeedbackSessionFactory(plan=plan, resting_tone_uv=Decimal("4.5"), peak_uv=30)
    with translation.override("en"):
        subject, body = compose_letter(episode=plan.episode, kind=kind, author=plan.created_by)
    assert str(plan.episode.patient) in subject
    assert body.startswith("Dear Dr. Kok,")
    assert opening in body
    assert "Droog bij hoesten" in body and "(achieved)" in body
    assert "8.5 → 4.5 µV" in body
    assert "consult you about pain medication" in body
    assert ("Klachtenvrij" in body) == (kind == LetterKind.DISCHARGE)
