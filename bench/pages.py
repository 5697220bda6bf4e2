"""The pages `make bench` drives, each with the user whose role uses it, on the Noord demo practice."""

import datetime

import django_otp
from django.utils import timezone
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.choices import Role
from clinic.models import User
from patients.models import QuestionnaireAssignment, QuestionnaireVersion
from patients.services.questionnaires import answer_save, questionnaire_send
from programs.models import Exercise, HomeProgram
from programs.services.programs import program_revise

# A patient of the bulk-seeded kind (not one of the ten hand-written ones) whose therapist is therapist1.
BENCH_PATIENT = "patient40@noord.example"


def verified(user):
    """Mark the user's session as past both login steps, as a real login leaves it."""
    if user.role == Role.PATIENT:
        device = EmailDevice.objects.filter(user=user, confirmed=True).first()
        device = device or EmailDevice.objects.create(user=user, name="email", confirmed=True)
    else:
        device = TOTPDevice.objects.get(user=user, confirmed=True)
    # The login's time is set by bench.run.session_cookie when it makes each session.
    user.bench_session_extra = {django_otp.DEVICE_ID_SESSION_KEY: device.persistent_id}
    return user


def draft_program(episode, therapist):
    """Return the episode's draft program, revising the current one once when there is none."""
    draft = HomeProgram.objects.filter(episode=episode, status="draft").first()
    if draft:
        return draft
    return program_revise(program=HomeProgram.objects.get(episode=episode, status="active"), acting_user=therapist)


def open_questionnaire(episode, therapist):
    """Return an open PFDI-20 of the episode, half answered, sending one once when there is none."""
    assignment = QuestionnaireAssignment.objects.filter(episode=episode).open().first()
    if assignment:
        return assignment
    version = QuestionnaireVersion.objects.filter(questionnaire__code="pfdi_20").current().first()
    assignment = questionnaire_send(
        episode=episode,
        version=version,
        due_on=timezone.localdate() + datetime.timedelta(days=7),
        acting_user=therapist,
    )
    for item in version.items.all()[:10]:
        answer_save(assignment=assignment, item=item, option=item.options.first(), acting_user=episode.patient.user)
    return assignment


def main_pages():
    """Return (name, user, path) for each main page."""
    admin = verified(User.objects.get(email="admin@noord.example"))
    therapist = verified(User.objects.get(email="therapist1@noord.example"))
    patient_user = verified(User.objects.get(email=BENCH_PATIENT))
    patient = patient_user.patient_record
    episode = patient.episodes.order_by("-started_on").first()
    draft = draft_program(episode, therapist)
    questionnaire = open_questionnaire(episode, therapist)
    exercise = Exercise.objects.filter(practice__isnull=True).order_by("pk").first()
    return [
        ("reference", admin, "/bench/reference/"),
        ("therapist dashboard", therapist, "/patients/"),
        ("patient list", therapist, "/patients/list/"),
        ("patient search", therapist, "/patients/list/?q=jansen"),
        ("patient page", therapist, f"/patients/{patient.pk}/"),
        ("episode page", therapist, f"/patients/episodes/{episode.pk}/"),
        ("plan page", therapist, f"/patients/episodes/{episode.pk}/plan/"),
        ("program builder", therapist, f"/programs/{draft.pk}/edit/"),
        ("access log", admin, "/access-log/"),
        ("practice questionnaires", admin, "/patients/practice-questionnaires/"),
        ("quality report, practice", admin, "/reports/quality/"),
        ("quality report, own caseload", therapist, "/reports/quality/"),
        ("account list", admin, "/accounts/"),
        ("account search", admin, "/accounts/?q=jansen&role=" + Role.PATIENT),
        ("portal home", patient_user, "/my/"),
        ("portal week", patient_user, "/my/week/"),
        ("portal diary", patient_user, "/my/diary/"),
        ("portal appointments", patient_user, "/my/appointments/"),
        ("portal questionnaire", patient_user, f"/my/questionnaires/{questionnaire.pk}/"),
        ("agenda", therapist, "/patients/agenda/"),
        ("new patient", therapist, "/patients/new/"),
        ("screening", therapist, f"/patients/episodes/{episode.pk}/screening/"),
        ("intake", therapist, f"/patients/episodes/{episode.pk}/intake/"),
        ("episode appointments", therapist, f"/patients/episodes/{episode.pk}/appointments/"),
        ("plan history", therapist, f"/patients/episodes/{episode.pk}/plan/history/"),
        ("letters", therapist, f"/patients/episodes/{episode.pk}/letters/"),
        ("exercise library", therapist, "/library/"),
        ("library item", therapist, f"/library/{exercise.pk}/"),
        ("program templates", admin, "/program-templates/"),
        ("portal print", patient_user, "/my/program/print/"),
        ("portal program PDF", patient_user, "/my/program/pdf/"),
        ("new bladder-diary line", patient_user, "/my/diary/bladder/new/"),
        ("my record", patient_user, "/my/record/"),
        ("portal messages", patient_user, "/my/messages/"),
        ("episode messages", therapist, f"/patients/episodes/{episode.pk}/messages/"),
        ("questionnaire send", therapist, f"/patients/episodes/{episode.pk}/questionnaires/send/"),
        ("questionnaire schedule", therapist, f"/patients/episodes/{episode.pk}/questionnaires/schedule/"),
        ("questionnaire answers", therapist, f"/patients/questionnaires/{questionnaire.pk}/"),
    ]
