"""Every write to the clinical record, one module per part of the care pathway."""

from patients.services.assessment import assessment_create, assessment_update, classification_record
from patients.services.consent import consent_record, consent_withdraw
from patients.services.episode import episode_create, episode_update
from patients.services.intake import intake_save
from patients.services.measures import measure_mids_update, measure_record
from patients.services.notes import addendum_add, note_create, note_sign, note_update
from patients.services.pain_map import pain_map_record, pain_map_request
from patients.services.patient import patient_archive, patient_create, patient_invite_account, patient_update
from patients.services.screening import screening_save

__all__ = [
    "addendum_add",
    "assessment_create",
    "assessment_update",
    "classification_record",
    "consent_record",
    "consent_withdraw",
    "episode_create",
    "episode_update",
    "intake_save",
    "measure_mids_update",
    "measure_record",
    "note_create",
    "note_sign",
    "note_update",
    "pain_map_record",
    "pain_map_request",
    "patient_archive",
    "patient_create",
    "patient_invite_account",
    "patient_update",
    "screening_save",
]
