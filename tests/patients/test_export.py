"""The patient's whole record as data: complete, and at a fixed number of queries."""

import io
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from pypdf import PdfReader

from patients.choices import InterventionKind, MeasureKind
from patients.documents.export import patient_record_export, record_html, record_json, record_pdf
from tests import factories as f

pytestmark = pytest.mark.django_db


def full_record(patient, size=1):
    """Give the patient `size` rows of every part of the record."""
    for _episode in range(size):
        episode = f.CareEpisodeFactory(patient=patient, therapist=patient.responsible_therapist)
        f.RedFlagScreeningFactory(episode=episode)
        intake = f.IntakeFactory(episode=episode)
        plan = f.TreatmentPlanFactory(episode=episode)
        program = f.HomeProgramFactory(episode=episode)
        f.DischargeFactory(episode=episode)
        f.EpisodeSignalsFactory(episode=episode)
        f.PainMapRequestFactory(episode=episode)
        conversation = f.ConversationFactory(episode=episode)
        for _row in range(size):
            f.PainRegionFactory(pain_map=f.PainMapFactory(episode=episode))
            f.BirthFactory(intake=intake)
            f.AssessmentFactory(episode=episode)
            f.ClassificationFactory(episode=episode)
            f.OutcomeMeasureFactory(episode=episode)
            note = f.SessionNoteFactory(episode=episode, signed_at=timezone.now())
            f.NoteAddendumFactory(note=note)
            message = f.MessageFactory(conversation=conversation, side="practice")
            f.NoteAddendumFactory(note=note, from_message=message)
            f.MessageNoticeFactory(message=message)
            f.PlanGoalFactory(plan=plan)
            f.InterventionFactory(plan=plan)
            f.SafetyOverrideFactory(plan=plan)
            f.ReferralFactory(plan=plan)
            f.NeedlingReferralFactory(plan=plan)
            f.BiofeedbackSessionFactory(plan=plan)
            f.GPLetterFactory(episode=episode)
            f.AppointmentFactory(episode=episode)
            f.QuestionnaireAnswerFactory(assignment=f.QuestionnaireAssignmentFactory(episode=episode))
            iciq = f.builtin_version("iciq_ui_sf")
            f.QuestionnaireAnswerChoiceFactory(
                answer=f.QuestionnaireAnswerFactory(
                    assignment=f.QuestionnaireAssignmentFactory(episode=episode, version=iciq),
                    item=iciq.items.get(multiple=True),
                    option=None,
                )
            )
            f.ScheduledSendFactory(schedule__episode=episode)
            item = f.ProgramItemFactory(program=program)
            f.ExerciseLogFactory(item=item)
            f.BladderEntryFactory(patient=patient)
            f.BowelEntryFactory(patient=patient)
    f.CalendarFeedFactory(patient=patient)
    f.FollowupSettingsFactory(patient=patient)
    f.ReminderSentFactory(patient=patient)
    f.ReminderFailureFactory(patient=patient)
    return patient


def export_queries(patient):
    with CaptureQueriesContext(connection) as queries:
        patient_record_export(patient)
    return len(queries)


def test_export_holds_every_part_of_the_record():
    patient = full_record(f.PatientFactory())

    record = patient_record_export(patient)

    assert record["patient"]["last_name"] == patient.last_name
    for key in ["consents", "episodes", "exercise_logs", "bladder_diary", "bowel_diary"]:
        assert record[key], key
    episode = record["episodes"][0]
    for key in ["screening", "intake", "plan", "discharge"]:
        assert episode[key], key
    for key in [
        "assessments",
        "classifications",
        "measures",
        "notes",
        "gp_letters",
        "appointments",
        "home_programs",
    ]:
        assert len(episode[key]) == 1, key
    assert episode["intake"]["births"]
    assert episode["notes"][0]["addenda"][0]["text"]
    (message,) = episode["conversation"]["messages"]
    assert message["body"] and message["author"].startswith(str(patient.responsible_therapist))
    assert episode["conversation"]["message_notices"]
    for key in [
        "goals",
        "interventions",
        "referrals",
        "needling_referrals",
        "biofeedback_sessions",
        "safety_overrides",
    ]:
        assert len(episode["plan"][key]) == 1, key
    assert episode["home_programs"][0]["items"][0]["exercise"]
    assert record["exercise_logs"][0]["exercise"]
    assert episode["pain_maps"][0]["pain_regions"][0]["region"] == "perineum"
    assert episode["pain_map_requests"][0]["body_view"] == "female"


def test_export_names_people_and_leaves_out_internal_keys():
    patient = full_record(f.PatientFactory())

    record = patient_record_export(patient)

    note = record["episodes"][0]["notes"][0]
    assert note["author"].startswith(str(patient.responsible_therapist))
    assert "submission" not in record["exercise_logs"][0]
    assert "episode_id" not in note


def test_export_holds_nothing_of_another_patient():
    patient = full_record(f.PatientFactory())
    # A name no generated text holds, so that finding it can only mean the other record leaked in.
    other = full_record(f.PatientFactory(practice=patient.practice, last_name="Xylander-Quist"))

    data = record_json(patient_record_export(patient)).decode()

    assert other.last_name not in data
    assert len(json.loads(data)["episodes"]) == 1


def test_export_queries_do_not_grow_with_the_record():
    small = full_record(f.PatientFactory(), size=1)
    large = full_record(f.PatientFactory(), size=4)

    assert export_queries(small) == export_queries(large)


def test_readable_record_labels_every_part_and_shows_choices_by_name():
    patient = full_record(f.PatientFactory())

    with translation.override("en"):
        html = record_html(patient_record_export(patient))

    for title in ["Care episodes", "Session notes", "Addenda", "Goals", "Interventions", "Bladder diary", "Births"]:
        assert title in html, title
    assert "Spontaneous vaginal" in html
    assert "Painful regions" in html and "Perineum" in html and "Burning" in html
    assert "None." not in html


def test_record_pdf_is_a_pdf():
    patient = full_record(f.PatientFactory())

    assert record_pdf(patient_record_export(patient), base_url="http://testserver/").startswith(b"%PDF")


def pdf_text(pdf):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_record_pdf_reads_as_a_record_with_no_ids_codes_or_data_notation():
    patient = full_record(f.PatientFactory())
    episode = patient.episodes.get()
    iciq = {"iciq_frequency": 2, "iciq_amount": 4, "iciq_impact": 4, "total": Decimal("10.0")}
    f.OutcomeMeasureFactory(episode=episode, kind=MeasureKind.ICIQ_UI_SF, score=None, **iciq)
    f.InterventionFactory(
        plan=episode.plan,
        kind=InterventionKind.BIOFEEDBACK,
        parameters={"modality": "emg_probe", "feedback": "visual", "aims": ["feel", "relax"]},
    )

    with translation.override("nl"):
        lines = pdf_text(record_pdf(patient_record_export(patient), base_url="http://testserver/")).splitlines()

    assert "Uitslag 10" in lines, "a whole score as a whole number, not 1E+1 or 10,0"
    assert "Rusttonus (µV) 6,5" in lines, "a decimal comma"
    assert {"Methode EMG met een inwendige probe", "Doelen Leren voelen, Leren ontspannen"} <= set(lines)
    text = "\n".join(lines)
    assert "emg_probe" not in text and not {"{", "}", "[", "]"} & set(text), "no codes, no data notation"
    assert not [line for line in lines if line.startswith(("Nummer", "Positie"))], "no row or order numbers"
    assert not [line for line in lines if line.startswith("Toestemming om gegevens")], "no link shown as a number"
    exercise = patient.episodes.get().programs.get().items.get().exercise
    assert f"Oefening {exercise.title_nl}" in lines and "Exercise" not in text, "an exercise by its title, in Dutch"
