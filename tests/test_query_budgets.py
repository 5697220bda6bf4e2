"""One fixed query budget per main page, the same at 5 and at 50 rows.

Most main pages have their budget next to their other view tests (patients/test_queries.py: dashboard,
patient list and search, patient and episode page; patients/test_plan_views.py: plan page;
programs/test_views.py: builder and portal home, week and diary; patients/test_followup_portal.py:
portal appointments). This module adds the pages that had none and checks that the budgets hold
together on one practice whose every list has `rows` entries.
"""

import datetime
import uuid

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clinic.access_chain import append_entry
from clinic.choices import AccessAction
from programs.models import ExerciseLog
from tests.factories import (
    AppointmentFactory,
    BladderEntryFactory,
    CareEpisodeFactory,
    ConversationFactory,
    HomeProgramFactory,
    MessageFactory,
    OutcomeMeasureFactory,
    PainMapFactory,
    PainMapRequestFactory,
    PainRegionFactory,
    PatientFactory,
    PatientUserFactory,
    PracticeAdminFactory,
    PracticeFactory,
    ProgramItemFactory,
    QuestionnaireAnswerFactory,
    QuestionnaireAssignmentFactory,
    QuestionnaireScheduleFactory,
    SessionNoteFactory,
    TherapistFactory,
    TreatmentPlanFactory,
    builtin_version,
    next_weekday_at,
    own_questionnaire,
)

pytestmark = pytest.mark.django_db

# Each budget includes the login checks (session, user with practice, second factor) and the access-log chain.
BUDGETS = {
    "dashboard": 19,
    "patient list": 11,
    "patient search": 11,
    "patient page": 22,
    "episode page": 26,
    "plan page": 11,
    "program builder": 11,
    "access log": 5,
    "quality report": 10,
    "portal home": 7,
    "portal week": 8,
    "portal diary": 5,
    "portal appointments": 7,
    "portal questionnaire": 8,  # one more: the answers chosen to a question with several answers
    "portal messages": 7,
    "episode messages": 10,
    "practice questionnaires": 6,
    "questionnaire answers": 10,
    # Counted cold: the newest version names the cached list of questionnaires, then the list is read once.
    "questionnaire send": 9,
    "questionnaire schedule": 9,
}


def practice_with(rows):
    """A practice whose lists all have `rows` entries; return its users and the URLs of its main pages."""
    practice = PracticeFactory()
    therapist = TherapistFactory(practice=practice)
    admin = PracticeAdminFactory(practice=practice)
    patient_user = PatientUserFactory(practice=practice)
    patient = PatientFactory(practice=practice, responsible_therapist=therapist, user=patient_user, last_name="Budget")
    episode = CareEpisodeFactory(patient=patient, therapist=therapist)
    conversation = ConversationFactory(episode=episode, awaiting_answer_since=timezone.now())
    for number in range(rows):
        other = PatientFactory(practice=practice, responsible_therapist=therapist, last_name=f"Budget{number}")
        ConversationFactory(
            episode=CareEpisodeFactory(patient=other, therapist=therapist), awaiting_answer_since=timezone.now()
        )
        MessageFactory(conversation=conversation, side="patient" if number % 2 else "practice")
        SessionNoteFactory(episode=episode, signed_at=timezone.now())
        OutcomeMeasureFactory(episode=episode, measured_on=timezone.localdate() - datetime.timedelta(days=number))
        PainRegionFactory(pain_map=PainMapFactory(episode=episode))
        AppointmentFactory(
            episode=episode,
            therapist=therapist,
            starts_at=next_weekday_at(9, days_ahead=number + 1),
            kind="evaluation" if number % 2 else "treatment",
        )
        append_entry(
            user=therapist,
            user_role=therapist.role,
            practice=practice,
            patient=other,
            patient_label=str(other),
            action=AccessAction.READ,
            part="patient",
            occurred_at=timezone.now(),
        )
    TreatmentPlanFactory(episode=episode)
    QuestionnaireAssignmentFactory.create_batch(rows, episode=episode)
    questionnaire = QuestionnaireAssignmentFactory(episode=episode, version=builtin_version("pfdi_20"))
    for item in list(questionnaire.version.items.all())[: min(rows, 19)]:
        QuestionnaireAnswerFactory(assignment=questionnaire, item=item)
    for number in range(min(rows, 20)):
        own_questionnaire(practice, code=f"list_{number}")
    PainMapRequestFactory(episode=episode)
    for code in ("pain_nrs", "pgi_i", "psk", "iciq_ui_sf", "pfdi_20")[: max(1, rows // 10)]:
        QuestionnaireScheduleFactory(
            episode=episode,
            version=builtin_version(code),
            evaluation_days=3,
            every_weeks=4,
            weeks_from=timezone.localdate(),
        )
    program = HomeProgramFactory(episode=episode, status="active", published_at=timezone.now())
    items = ProgramItemFactory.create_batch(max(1, rows // 5), program=program)
    ExerciseLog.objects.bulk_create(
        ExerciseLog(
            item=items[n % len(items)],
            patient=patient,
            done_on=timezone.localdate() - datetime.timedelta(days=n % 6),
            submission=uuid.uuid4(),
        )
        for n in range(rows)
    )
    BladderEntryFactory.create_batch(rows, patient=patient)
    draft = HomeProgramFactory(episode=episode, version=2, status="draft", published_at=None)
    ProgramItemFactory.create_batch(max(1, rows // 5), program=draft)
    therapist_pages = {
        "dashboard": reverse("patients:dashboard"),
        "patient list": reverse("patients:patient_list"),
        "patient search": reverse("patients:patient_list") + "?q=budget&status=in_treatment",
        "patient page": reverse("patients:patient_detail", args=[patient.pk]),
        "episode page": reverse("patients:episode_detail", args=[episode.pk]),
        "plan page": reverse("patients:plan_detail", args=[episode.pk]),
        "program builder": reverse("programs:program_edit", args=[draft.pk]),
        "episode messages": reverse("patients:episode_messages", args=[episode.pk]),
        "questionnaire answers": reverse("patients:questionnaire_answers", args=[questionnaire.pk]),
        "questionnaire send": reverse("patients:questionnaire_send", args=[episode.pk]),
        "questionnaire schedule": reverse("patients:questionnaire_schedule", args=[episode.pk]),
    }
    portal_pages = {
        "portal home": reverse("portal:home"),
        "portal week": reverse("portal:week"),
        "portal diary": reverse("portal:diary"),
        "portal appointments": reverse("portal:appointments"),
        "portal questionnaire": reverse("portal:questionnaire", args=[questionnaire.pk]),
        "portal messages": reverse("portal:messages"),
    }
    return {
        **{name: (therapist, url) for name, url in therapist_pages.items()},
        **{name: (patient_user, url) for name, url in portal_pages.items()},
        "access log": (admin, reverse("clinic:access_log")),
        "quality report": (admin, reverse("programs:quality_report")),
        "practice questionnaires": (admin, reverse("patients:questionnaire_list")),
    }


def queries(client, user, url):
    client.force_login(user)
    # Counted with nothing cached: the first view's queries, an upper bound of every later one's.
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("page", BUDGETS)
def test_page_keeps_its_budget_at_5_and_50_rows(client, page):
    counts = {rows: queries(client, *practice_with(rows)[page]) for rows in (5, 50)}
    assert counts[5] == counts[50], counts
    assert counts[50] <= BUDGETS[page], counts
