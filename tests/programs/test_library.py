"""The built-in exercise library loaded by the data migration."""

import importlib
import re

import pytest
from django.utils import translation

from programs.choices import ExerciseKind
from programs.models import Exercise
from programs.rules import dosage_errors
from tests.factories import TherapistFactory

pytestmark = pytest.mark.django_db

library_migration = importlib.import_module("programs.migrations.0002_builtin_exercise_library")


def test_the_library_holds_at_least_25_builtin_exercises_of_every_kind():
    builtin = Exercise.objects.builtin()
    assert builtin.count() >= 25
    assert builtin.count() == len(library_migration.LIBRARY)
    assert set(builtin.values_list("kind", flat=True)) == set(ExerciseKind.values)


def test_every_builtin_exercise_has_dutch_and_english_title_and_instructions():
    for exercise in Exercise.objects.builtin():
        assert exercise.title_nl and exercise.title_en
        assert len(exercise.instructions_nl) > 80 and len(exercise.instructions_en) > 80
        assert exercise.title_nl != exercise.title_en


def test_the_library_covers_the_topics_patients_need():
    codes = set(Exercise.objects.builtin().values_list("code", flat=True))
    for code in [
        "breathing-lying",
        "heat-lower-belly",
        "childs-pose-wide",
        "slow-holds-lying",
        "slow-holds-standing",
        "quick-flicks-lying",
        "the-knack",
        "toilet-posture-bowel",
        "fluid-intake",
        "fibre-intake",
        "load-management",
    ]:
        assert code in codes


def test_builtin_contraction_exercises_relax_at_least_twice_as_long_as_they_hold():
    for exercise in Exercise.objects.builtin():
        assert not dosage_errors(
            kind=exercise.kind, hold_seconds=exercise.hold_seconds, relax_seconds=exercise.relax_seconds
        ), exercise.code


def test_no_exercise_teaches_stopping_the_urine_stream():
    stream = re.compile(r"stream|straal", re.IGNORECASE)
    for exercise in Exercise.objects.builtin():
        assert not stream.search(exercise.title_en + exercise.title_nl)
        for text, never in ((exercise.instructions_en, "Never"), (exercise.instructions_nl, "nooit")):
            for sentence in re.split(r"(?<=\.)\s", text):
                if stream.search(sentence):
                    assert never in sentence, sentence


def test_strengthening_exercises_carry_the_strengthening_tag():
    for exercise in Exercise.objects.builtin().filter(kind__in=["strength", "endurance", "speed"]):
        assert "strengthening" in exercise.contraindications


def test_builtin_exercises_are_offered_to_staff_but_editable_by_nobody(practice):
    therapist = TherapistFactory(practice=practice)
    assert Exercise.objects.for_user(therapist).builtin().count() == len(library_migration.LIBRARY)
    assert not Exercise.objects.editable_by(therapist).builtin().exists()


def test_the_migration_can_be_reversed_and_applied_again():
    from django.apps import apps

    library_migration.remove_library(apps, None)
    assert not Exercise.objects.builtin().exists()
    library_migration.load_library(apps, None)
    assert Exercise.objects.builtin().count() == len(library_migration.LIBRARY)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_exercise_shows_its_kind_as_get_kind_display_does(language):
    with translation.override(language):
        for exercise in [*Exercise.objects.builtin(), Exercise(kind="retired")]:
            assert exercise.kind_label == exercise.get_kind_display()
