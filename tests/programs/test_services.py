import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from programs.models import BladderEntry, BowelEntry, Exercise, ExerciseLog, HomeProgram, ProgramItem
from programs.services.library import exercise_save, template_add_exercises
from programs.services.logs import bladder_entry_create, bowel_entry_create, exercise_log_create
from programs.services.programs import (
    move_item,
    program_add_exercises,
    program_create,
    program_create_from_perfect,
    program_publish,
    program_revise,
    program_save_draft,
)
from tests.factories import (
    CareEpisodeFactory,
    ExerciseFactory,
    PatientFactory,
    ProgramItemFactory,
    ProgramTemplateFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def episode(therapist):
    return CareEpisodeFactory(patient=PatientFactory(practice=therapist.practice, responsible_therapist=therapist))


def builtin(code):
    return Exercise.objects.builtin().get(code=code)


def test_program_from_template_copies_items_order_and_dosage(episode, practice_admin, therapist):
    template = ProgramTemplateFactory(practice=practice_admin.practice, name="Stress")
    template_add_exercises(
        template=template,
        exercises=[builtin("slow-holds-lying"), builtin("the-knack")],
        acting_user=practice_admin,
    )
    program = program_create(episode=episode, template=template, acting_user=therapist)
    items = list(program.items.select_related("exercise"))
    assert [item.exercise.code for item in items] == ["slow-holds-lying", "the-knack"]
    assert (items[0].hold_seconds, items[0].relax_seconds) == (5, 10)
    assert program.is_draft and program.version == 1 and program.title == "Stress"


def test_a_second_create_returns_the_open_draft_instead_of_another(episode, therapist):
    first = program_create(episode=episode, exercises=[builtin("breathing-lying")], acting_user=therapist)
    second = program_create(episode=episode, exercises=[builtin("the-knack")], acting_user=therapist)
    assert first == second
    assert HomeProgram.objects.filter(episode=episode).count() == 1


def test_revising_creates_a_new_version_and_keeps_the_old_one_readable(episode, therapist):
    program = program_create(episode=episode, exercises=[builtin("slow-holds-lying")], acting_user=therapist)
    program_publish(program=program, acting_user=therapist)
    revision = program_revise(program=program, acting_user=therapist)
    assert revision.version == 2 and revision.is_draft
    item = revision.items.get()
    item.hold_seconds, item.relax_seconds = 8, 16
    item.save()
    program_publish(program=revision, acting_user=therapist)
    program.refresh_from_db()
    assert program.status == "superseded"
    assert program.items.get().hold_seconds == 5
    assert HomeProgram.objects.current().get(episode=episode) == revision


def test_only_one_current_program_per_episode_is_possible(episode, therapist):
    program = program_create(episode=episode, exercises=[builtin("breathing-lying")], acting_user=therapist)
    program_publish(program=program, acting_user=therapist)
    with pytest.raises(IntegrityError):
        HomeProgram.objects.create(
            episode=episode, version=9, status="active", created_by=therapist, published_at=timezone.now()
        )


def test_a_published_program_cannot_be_changed_in_place(episode, therapist):
    program = program_create(episode=episode, exercises=[builtin("breathing-lying")], acting_user=therapist)
    program_publish(program=program, acting_user=therapist)
    with pytest.raises(ValueError):
        program_add_exercises(program=program, exercises=[builtin("the-knack")], acting_user=therapist)


def test_program_from_perfect_sets_the_contraction_dosage(episode, therapist):
    program = program_create_from_perfect(
        episode=episode,
        perfect={"power": 3, "endurance_seconds": 6, "repetitions": 5, "fast_contractions": 7},
        exercises=[builtin("slow-holds-lying"), builtin("quick-flicks-lying"), builtin("breathing-lying")],
        acting_user=therapist,
    )
    slow, quick, breathing = program.items.select_related("exercise")
    assert (slow.hold_seconds, slow.relax_seconds, slow.repetitions) == (6, 12, 5)
    assert (quick.hold_seconds, quick.relax_seconds, quick.repetitions) == (1, 2, 7)
    assert breathing.dosage() == builtin("breathing-lying").dosage()


def test_item_with_relax_shorter_than_twice_the_hold_is_refused(episode, therapist):
    program = program_create(episode=episode, exercises=[builtin("slow-holds-lying")], acting_user=therapist)
    item = program.items.get()
    item.hold_seconds, item.relax_seconds = 6, 10
    with pytest.raises(ValidationError) as error:
        program_save_draft(program=program, changed_items=[item], deleted_items=[], acting_user=therapist)
    assert "relax_seconds" in error.value.message_dict
    item.refresh_from_db()
    assert (item.hold_seconds, item.relax_seconds) != (6, 10)


def test_item_without_dosage_is_refused_by_the_database(episode, therapist):
    program = program_create(episode=episode, exercises=[builtin("breathing-lying")], acting_user=therapist)
    with pytest.raises(IntegrityError):
        ProgramItem.objects.filter(program=program).update(repetitions=0)


def test_move_item_swaps_neighbours(episode, therapist):
    program = program_create(
        episode=episode,
        exercises=[builtin("breathing-lying"), builtin("the-knack"), builtin("fluid-intake")],
        acting_user=therapist,
    )
    first, second, third = program.items.all()
    move_item(item=third, siblings=program.items, step=-1, acting_user=program.created_by)
    assert [item.pk for item in program.items.order_by("position")] == [first.pk, third.pk, second.pk]
    move_item(item=first, siblings=program.items, step=-1, acting_user=program.created_by)
    assert program.items.order_by("position").first() == first


def test_practice_exercise_is_saved_for_the_own_practice_only(therapist, other_therapist):
    exercise = Exercise(kind="habit", title_nl="Wandelen", title_en="Walk", instructions_nl="x", instructions_en="y")
    exercise_save(exercise=exercise, acting_user=therapist)
    assert exercise.practice == therapist.practice
    with pytest.raises(PermissionError):
        exercise_save(exercise=exercise, acting_user=other_therapist)
    with pytest.raises(PermissionError):
        exercise_save(exercise=builtin("the-knack"), acting_user=therapist)


def test_exercise_with_unsafe_default_dosage_is_refused(therapist):
    exercise = ExerciseFactory.build(practice=therapist.practice, kind="strength", hold_seconds=5, relax_seconds=5)
    with pytest.raises(ValidationError):
        exercise_save(exercise=exercise, acting_user=therapist)


# --- logs ----------------------------------------------------------------------------------------


def test_a_double_submitted_done_counts_once(therapist):
    item = ProgramItemFactory(program__episode__patient__practice=therapist.practice, times_per_day=3)
    patient = item.program.episode.patient
    submission = uuid.uuid4()
    first, created = exercise_log_create(item=item, patient=patient, acting_user=None, submission=submission)
    again, created_again = exercise_log_create(item=item, patient=patient, acting_user=None, submission=submission)
    assert created and not created_again and first == again
    assert ExerciseLog.objects.count() == 1


def test_done_beyond_the_daily_dosage_is_not_counted(therapist):
    item = ProgramItemFactory(program__episode__patient__practice=therapist.practice, times_per_day=1)
    patient = item.program.episode.patient
    exercise_log_create(item=item, patient=patient, acting_user=None, submission=uuid.uuid4())
    _log, created = exercise_log_create(item=item, patient=patient, acting_user=None, submission=uuid.uuid4())
    assert not created
    assert ExerciseLog.objects.count() == 1


def test_pain_above_10_is_refused(therapist):
    item = ProgramItemFactory(program__episode__patient__practice=therapist.practice)
    with pytest.raises(ValidationError):
        exercise_log_create(
            item=item, patient=item.program.episode.patient, acting_user=None, submission=uuid.uuid4(), pain=11
        )
    assert not ExerciseLog.objects.exists()


# --- diaries ---------------------------------------------------------------------------------------


@pytest.fixture
def patient(therapist):
    return PatientFactory(practice=therapist.practice, responsible_therapist=therapist)


def test_night_void_after_midnight_is_filed_under_the_evening_before(patient, therapist):
    # Yesterday's night, so that the moment is in the past at any hour the suite runs.
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    moment = timezone.make_aware(datetime.datetime.combine(yesterday, datetime.time(3, 10)))
    entry = bladder_entry_create(
        entry=BladderEntry(recorded_at=moment, moment="night", voided_ml=300), patient=patient, acting_user=therapist
    )
    assert entry.diary_day == yesterday - datetime.timedelta(days=1)
    assert entry.entered_by == therapist


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"voided_ml": 2500}, "voided_ml"),
        ({"voided_ml": 0}, "voided_ml"),
        ({"fluid_ml": 250}, "fluid_kind"),
        ({"urge": 5, "voided_ml": 200}, "urge"),
        ({"voided_ml": 200, "recorded_at_offset": datetime.timedelta(hours=2)}, "recorded_at"),
        ({"voided_ml": 200, "leak_cause": "urge"}, "leak_cause"),
    ],
)
def test_bad_bladder_entries_are_refused_and_nothing_is_saved(patient, therapist, fields, field):
    offset = fields.pop("recorded_at_offset", datetime.timedelta(0))
    entry = BladderEntry(recorded_at=timezone.now() + offset, **fields)
    with pytest.raises(ValidationError) as error:
        bladder_entry_create(entry=entry, patient=patient, acting_user=therapist)
    assert field in error.value.message_dict
    assert not BladderEntry.objects.exists()


def test_an_empty_bladder_entry_is_refused(patient, therapist):
    with pytest.raises(ValidationError):
        bladder_entry_create(entry=BladderEntry(), patient=patient, acting_user=therapist)


def test_bristol_8_is_refused(patient, therapist):
    with pytest.raises(ValidationError):
        bowel_entry_create(entry=BowelEntry(bristol=8), patient=patient, acting_user=therapist)
    assert not BowelEntry.objects.exists()


def test_a_log_is_refused_for_someone_elses_program(therapist):
    item = ProgramItemFactory(program__episode__patient__practice=therapist.practice)
    stranger = PatientFactory(practice=therapist.practice)
    with pytest.raises(PermissionError):
        exercise_log_create(item=item, patient=stranger, acting_user=None, submission=uuid.uuid4())
    assert not ExerciseLog.objects.exists()
