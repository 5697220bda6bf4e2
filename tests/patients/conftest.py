import pytest
from django.utils import timezone

from patients.models import Birth
from tests.factories import (
    AssessmentFactory,
    CareEpisodeFactory,
    ClassificationFactory,
    ConsentFactory,
    IntakeFactory,
    NoteAddendumFactory,
    OutcomeMeasureFactory,
    PatientFactory,
    RedFlagScreeningFactory,
    SessionNoteFactory,
)


@pytest.fixture
def patient(therapist):
    return PatientFactory(practice=therapist.practice, responsible_therapist=therapist, email="sanne@example.org")


@pytest.fixture
def episode(patient):
    return CareEpisodeFactory(patient=patient)


@pytest.fixture
def full_record(episode):
    """An episode with one of every part of the record."""
    RedFlagScreeningFactory(episode=episode)
    intake = IntakeFactory(episode=episode)
    Birth.objects.create(intake=intake, year=2020, mode="spontaneous", perineal_trauma="second_degree")
    consent = ConsentFactory(patient=episode.patient)
    assessment = AssessmentFactory(episode=episode)
    ClassificationFactory(episode=episode, assessment=assessment)
    OutcomeMeasureFactory(episode=episode)
    draft = SessionNoteFactory(episode=episode)
    signed = SessionNoteFactory(episode=episode, signed_at=timezone.now())
    NoteAddendumFactory(note=signed)
    return {"episode": episode, "consent": consent, "assessment": assessment, "draft": draft, "signed": signed}
