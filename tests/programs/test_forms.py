"""The builder's forms: what they read from the database to show their choices."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.html import escape

from programs.forms import AddExercisesForm
from programs.models import Exercise

pytestmark = pytest.mark.django_db


def test_the_library_choice_lists_every_exercise_by_title_and_kind_from_one_narrow_query(therapist):
    exercises = Exercise.objects.for_user(therapist).by_title()
    form = AddExercisesForm(exercises=exercises)

    with translation.override("nl"), CaptureQueriesContext(connection) as queries:
        html = str(form["exercises"])

    assert len(queries) == 1
    assert "instructions" not in queries[0]["sql"]
    with translation.override("nl"):
        for exercise in exercises:
            label = escape(f"{exercise.title_nl} · {exercise.get_kind_display()}")
            assert f'<option value="{exercise.pk}">{label}</option>' in html


def test_the_library_choice_still_gives_whole_exercises_to_add(therapist):
    knack = Exercise.objects.builtin().get(code="the-knack")
    form = AddExercisesForm({"exercises": [knack.pk]}, exercises=Exercise.objects.for_user(therapist))

    assert form.is_valid()
    assert form.cleaned_data["exercises"].get().instructions_en == knack.instructions_en
