"""Addresses of the patient portal, under /my/."""

from django.urls import path

from programs.views.portal import appointments, diary, home, messages, pain_map, questionnaires, record

app_name = "portal"

urlpatterns = [
    path("", home.PortalHomeView.as_view(), name="home"),
    path("week/", home.PortalWeekView.as_view(), name="week"),
    path("exercises/<int:pk>/done/", home.ExerciseDoneView.as_view(), name="item_done"),
    path("exercises/<int:pk>/picture/", home.PortalExerciseMediaView.as_view(field="picture"), name="exercise_picture"),
    path("exercises/<int:pk>/video/", home.PortalExerciseMediaView.as_view(field="video"), name="exercise_video"),
    path("program/print/", home.PortalPrintView.as_view(), name="print"),
    path("program/pdf/", home.PortalPdfView.as_view(), name="pdf"),
    path("diary/", diary.PortalDiaryView.as_view(), name="diary"),
    path("diary/bladder/new/", diary.PortalDiaryEntryCreateView.as_view(diary="bladder"), name="bladder_new"),
    path("diary/bowel/new/", diary.PortalDiaryEntryCreateView.as_view(diary="bowel"), name="bowel_new"),
    path("pain-map/", pain_map.PortalPainMapView.as_view(), name="pain_map"),
    path("appointments/", appointments.PortalAppointmentListView.as_view(), name="appointments"),
    path("appointments/<int:pk>.ics", appointments.PortalAppointmentIcsView.as_view(), name="appointment_ics"),
    path("calendar/", appointments.PortalCalendarFeedView.as_view(), name="calendar_feed_manage"),
    path("calendar/<str:token>.ics", appointments.CalendarFeedView.as_view(), name="calendar_feed"),
    path("questionnaires/<int:pk>/", questionnaires.PortalQuestionnaireView.as_view(), name="questionnaire"),
    path(
        "questionnaires/<int:pk>/submit/",
        questionnaires.PortalQuestionnaireSubmitView.as_view(),
        name="questionnaire_submit",
    ),
    path("messages/", messages.PortalMessagesView.as_view(), name="messages"),
    path("messages/<int:episode_pk>/", messages.PortalMessagesView.as_view(), name="episode_messages"),
    path("record/", record.PortalRecordView.as_view(), name="record"),
    path("record/export.json", record.PortalRecordExportView.as_view(format="json"), name="record_export_json"),
    path("record/export.pdf", record.PortalRecordExportView.as_view(format="pdf"), name="record_export_pdf"),
    path("record/export.fhir.json", record.PortalRecordExportView.as_view(format="fhir"), name="record_export_fhir"),
]
