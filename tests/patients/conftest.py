import pytest
from django.utils import timezone

from patients.models import Birth, CalendarFeed, Discharge, FollowupSettings, ReminderSent, SafetyOverride
from tests.factories import (
    AppointmentFactory,
    AssessmentFactory,
    BiofeedbackSessionFactory,
    CareEpisodeFactory,
    ClassificationFactory,
    ConsentFactory,
    GPLetterFactory,
    IntakeFactory,
    InterventionFactory,
    MessageFactory,
    MessageNoticeFactory,
    NeedlingReferralFactory,
    NoteAddendumFactory,
    OutcomeMeasureFactory,
    PatientFactory,
    RedFlagScreeningFactory,
    ReferralFactory,
    SessionNoteFactory,
    TreatmentPlanFactory,
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
    appointment = AppointmentFactory(episode=episode)
    CalendarFeed.objects.create(patient=episode.patient)
    FollowupSettings.objects.create(patient=episode.patient, log_nudges=True)
    ReminderSent.objects.create(
        patient=episode.patient, kind="day_before", appointment=appointment, concerns_on=appointment.starts_at.date()
    )
    Discharge.objects.create(
        episode=CareEpisodeFactory(patient=episode.patient, status="discharged", discharged_on=timezone.localdate()),
        discharged_on=timezone.localdate(),
        goals_met="met",
        pgi_i=2,
        recorded_by=episode.therapist,
    )
    plan = TreatmentPlanFactory(episode=episode)
    InterventionFactory(plan=plan)
    BiofeedbackSessionFactory(plan=plan)
    ReferralFactory(plan=plan)
    needling = NeedlingReferralFactory(plan=plan)
    SafetyOverride.objects.create(
        plan=plan,
        needling_referral=needling,
        code="needling_fear",
        warning="Fear of needles",
        justification="Discussed at length; the patient wants to try.",
        overridden_by=episode.therapist,
    )
    GPLetterFactory(episode=episode)
    MessageNoticeFactory(message=MessageFactory(conversation__episode=episode, side="practice"))
    return {"episode": episode, "consent": consent, "assessment": assessment, "draft": draft, "signed": signed}
