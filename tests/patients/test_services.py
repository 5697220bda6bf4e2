import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from patients import services
from patients.models import OutcomeMeasure, RedFlagScreening
from tests.factories import CareEpisodeFactory, OutcomeMeasureFactory, SessionNoteFactory

pytestmark = pytest.mark.django_db


def test_signed_note_cannot_be_updated_or_signed_again(therapist, episode):
    note = services.note_create(
        episode=episode, acting_user=therapist, fields={"session_on": episode.started_on, "subjective": "S"}
    )
    services.note_sign(note=note, acting_user=therapist)
    with pytest.raises(ValidationError):
        services.note_sign(note=note, acting_user=therapist)
    with pytest.raises(ValidationError):
        services.note_update(note=note, acting_user=therapist, fields={"subjective": "changed"})


def test_empty_note_cannot_be_signed(therapist, episode):
    note = SessionNoteFactory(episode=episode, subjective="", plan="")
    with pytest.raises(ValidationError):
        services.note_sign(note=note, acting_user=therapist)


def test_database_refuses_an_iciq_total_that_is_not_the_sum(episode):
    with pytest.raises(IntegrityError):
        OutcomeMeasureFactory(
            episode=episode, kind="iciq_ui_sf", score=None, iciq_frequency=1, iciq_amount=2, iciq_impact=3, total=9
        )


def test_database_refuses_plain_continue_with_a_red_flag(episode):
    with pytest.raises(IntegrityError):
        RedFlagScreening.objects.create(
            episode=episode,
            screened_on=episode.started_on,
            screened_by=episode.therapist,
            fever_or_malaise=True,
            decision="continue",
        )


def test_measure_record_computes_psk_mean(therapist, episode):
    measure = services.measure_record(
        episode=episode,
        kind="psk",
        acting_user=therapist,
        fields={"measured_on": episode.started_on, "psk_score_1": 8, "psk_score_2": 5},
    )
    assert str(OutcomeMeasure.objects.get(pk=measure.pk).total) == "6.5"


def test_episode_cannot_be_opened_for_an_archived_patient(therapist, patient):
    services.patient_archive(patient=patient, archived=True, acting_user=therapist)
    with pytest.raises(ValidationError):
        services.episode_create(
            patient=patient,
            acting_user=therapist,
            fields={"main_complaint": "X", "started_on": patient.created_at.date()},
        )


def test_classification_refuses_an_assessment_of_another_episode(therapist, episode):
    from tests.factories import AssessmentFactory

    foreign = AssessmentFactory(episode=CareEpisodeFactory(patient=episode.patient))
    with pytest.raises(ValidationError):
        services.classification_record(
            episode=episode,
            acting_user=therapist,
            fields={"classified_on": episode.started_on, "assessment": foreign, "pelvic_floor_class": "normal"},
        )
