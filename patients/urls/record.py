"""Addresses of the record itself: patients, episodes and the parts of the care pathway."""

from django.urls import path

from patients.views import (
    assessment,
    dashboard,
    episode,
    export,
    messages,
    pain_map,
    patient,
    progress,
    questionnaires,
    screening,
)

urlpatterns = [
    path("", dashboard.DashboardView.as_view(), name="dashboard"),
    path("list/", patient.PatientListView.as_view(), name="patient_list"),
    path("new/", patient.PatientCreateView.as_view(), name="patient_create"),
    path("<int:pk>/", patient.PatientDetailView.as_view(), name="patient_detail"),
    path("<int:pk>/edit/", patient.PatientUpdateView.as_view(), name="patient_update"),
    path("<int:pk>/archive/", patient.PatientArchiveView.as_view(archived=True), name="patient_archive"),
    path("<int:pk>/unarchive/", patient.PatientArchiveView.as_view(archived=False), name="patient_unarchive"),
    path("<int:pk>/invite/", patient.PatientInviteView.as_view(), name="patient_invite"),
    path("<int:pk>/export.json", export.PatientRecordExportView.as_view(format="json"), name="record_export_json"),
    path("<int:pk>/export.pdf", export.PatientRecordExportView.as_view(format="pdf"), name="record_export_pdf"),
    path("<int:pk>/export.fhir.json", export.PatientRecordExportView.as_view(format="fhir"), name="record_export_fhir"),
    path("<int:patient_pk>/episodes/new/", episode.EpisodeCreateView.as_view(), name="episode_create"),
    path("<int:patient_pk>/consents/new/", screening.ConsentCreateView.as_view(), name="consent_create"),
    path("consents/<int:pk>/withdraw/", screening.ConsentWithdrawView.as_view(), name="consent_withdraw"),
    path("episodes/<int:pk>/", episode.EpisodeDetailView.as_view(), name="episode_detail"),
    path("episodes/<int:pk>/edit/", episode.EpisodeUpdateView.as_view(), name="episode_update"),
    path("episodes/<int:episode_pk>/messages/", messages.EpisodeConversationView.as_view(), name="episode_messages"),
    path("messages/<int:pk>/addendum/", messages.MessageAddendumView.as_view(), name="message_addendum"),
    path("episodes/<int:episode_pk>/screening/", screening.ScreeningView.as_view(), name="screening"),
    path("episodes/<int:episode_pk>/intake/", screening.IntakeView.as_view(), name="intake"),
    path(
        "episodes/<int:episode_pk>/assessments/new/",
        assessment.AssessmentCreateView.as_view(),
        name="assessment_create",
    ),
    path("assessments/<int:pk>/", assessment.AssessmentDetailView.as_view(), name="assessment_detail"),
    path("assessments/<int:pk>/edit/", assessment.AssessmentUpdateView.as_view(), name="assessment_update"),
    path(
        "episodes/<int:episode_pk>/classifications/new/",
        assessment.ClassificationCreateView.as_view(),
        name="classification_create",
    ),
    path(
        "episodes/<int:episode_pk>/measures/<slug:kind>/new/",
        progress.MeasureCreateView.as_view(),
        name="measure_create",
    ),
    path("minimal-important-changes/", progress.MeasureMidsView.as_view(), name="measure_mids"),
    path(
        "episodes/<int:episode_pk>/questionnaires/send/",
        questionnaires.QuestionnaireSendView.as_view(),
        name="questionnaire_send",
    ),
    path(
        "episodes/<int:episode_pk>/questionnaires/schedule/",
        questionnaires.QuestionnaireScheduleCreateView.as_view(),
        name="questionnaire_schedule",
    ),
    path(
        "questionnaire-schedules/<int:pk>/stop/",
        questionnaires.QuestionnaireScheduleStopView.as_view(),
        name="questionnaire_schedule_stop",
    ),
    path("questionnaires/<int:pk>/", questionnaires.AssignmentDetailView.as_view(), name="questionnaire_answers"),
    path(
        "questionnaires/<int:pk>/withdraw/",
        questionnaires.AssignmentWithdrawView.as_view(),
        name="questionnaire_withdraw",
    ),
    path("episodes/<int:episode_pk>/pain-maps/new/", pain_map.PainMapCreateView.as_view(), name="painmap_create"),
    path("episodes/<int:episode_pk>/pain-maps/request/", pain_map.PainMapRequestView.as_view(), name="painmap_request"),
    path("episodes/<int:episode_pk>/notes/new/", progress.NoteCreateView.as_view(), name="note_create"),
    path("notes/<int:pk>/edit/", progress.NoteUpdateView.as_view(), name="note_update"),
    path("notes/<int:pk>/sign/", progress.NoteSignView.as_view(), name="note_sign"),
    path("notes/<int:note_pk>/addenda/new/", progress.AddendumCreateView.as_view(), name="addendum_create"),
]
