"""The built-in exercise library, loaded from its data file after every migrate."""

import re

import pytest
from django.utils import translation

from programs.choices import ExerciseKind
from programs.models import Exercise
from programs.models.library import ILLUSTRATIONS
from programs.rules import dosage_errors
from programs.services.library import BUILTIN_FIELDS, BUILTIN_LIBRARY, builtin_library_read, builtin_library_sync
from programs.services.programs import PERFECT_DEFAULT_EXERCISES
from tests.factories import ExerciseFactory, TherapistFactory

pytestmark = pytest.mark.django_db


def test_the_library_holds_at_least_25_builtin_exercises_of_every_kind():
    builtin = Exercise.objects.builtin()
    assert builtin.count() >= 25
    assert builtin.count() == len(builtin_library_read())
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
    assert Exercise.objects.for_user(therapist).builtin().count() == len(builtin_library_read())
    assert not Exercise.objects.editable_by(therapist).builtin().exists()


def test_the_sync_loads_an_empty_library_whole_and_is_idempotent():
    Exercise.objects.builtin().delete()
    assert builtin_library_sync() == (len(builtin_library_read()), 0)
    assert builtin_library_sync() == (0, 0)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_exercise_shows_its_kind_as_get_kind_display_does(language):
    with translation.override(language):
        for exercise in [*Exercise.objects.builtin(), Exercise(kind="retired")]:
            assert exercise.kind_label == exercise.get_kind_display()


def test_the_database_holds_the_data_file_exactly():
    library = builtin_library_read()
    stored = {exercise.code: exercise for exercise in Exercise.objects.builtin()}
    assert set(stored) == set(library)
    for code, fields in library.items():
        assert {name: getattr(stored[code], name) for name in BUILTIN_FIELDS} == fields, code
    assert set(PERFECT_DEFAULT_EXERCISES) <= set(stored)


def test_a_fixed_text_in_the_data_file_reaches_the_library_and_practice_exercises_stay(tmp_path, therapist):
    own = Exercise.objects.create(
        practice=therapist.practice,
        kind="relax",
        title_nl="Eigen",
        title_en="Own",
        instructions_nl="x",
        instructions_en="x",
    )
    data = tmp_path / "library.toml"
    original = BUILTIN_LIBRARY.read_text()
    data.write_text(
        original.replace('"Breathing into belly and ribs, lying down"', '"Breathing into belly and ribs (lying)"')
    )

    assert builtin_library_sync(path=data) == (0, 1)
    assert (
        Exercise.objects.get(code="breathing-lying", practice=None).title_en == "Breathing into belly and ribs (lying)"
    )
    assert Exercise.objects.filter(pk=own.pk).exists()
    assert builtin_library_sync(path=data) == (0, 0)


def test_every_builtin_exercise_has_a_drawing_described_in_dutch_and_english():
    for exercise in Exercise.objects.builtin():
        assert exercise.illustration == f"programs/exercises/{exercise.code}.svg"
        assert exercise.illustration_file.is_file()
        assert len(exercise.alt_nl) > 40 and len(exercise.alt_en) > 40
        assert exercise.alt_nl != exercise.alt_en


def test_the_drawings_are_plain_scalable_svg_that_load_nothing():
    for code in builtin_library_read():
        drawing = ILLUSTRATIONS / f"{code}.svg"
        text = drawing.read_text()
        opening = re.match(r'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \d+ \d+"[^>]*>', text)
        assert opening and "width=" not in opening.group(), "it scales to the box it is shown in"
        assert text.rstrip().endswith("</svg>")
        assert not re.search(r"<script|<foreignObject|href=|url\(|<text", text), code


def test_a_practices_own_exercise_has_no_builtin_drawing(practice):
    own = ExerciseFactory(practice=practice, code="slow-holds-lying")
    assert own.illustration == ""
