"""Addresses of the patient's follow-up pages, under the portal's /my/ prefix."""

from django.urls import path

from patients.views import export, followups_portal

app_name = "patient_portal"

urlpatterns = [
    path("appointments/", followups_portal.PortalAppointmentListView.as_view(), name="appointments"),
    path(
        "appointments/<int:pk>.ics",
        followups_portal.PortalAppointmentIcsView.as_view(),
        name="appointment_ics",
    ),
    path("calendar/", followups_portal.PortalCalendarFeedView.as_view(), name="calendar_feed_manage"),
    path("calendar/<str:token>.ics", followups_portal.CalendarFeedView.as_view(), name="calendar_feed"),
    path("record/", export.PortalRecordView.as_view(), name="record"),
    path("record/export.json", export.PortalRecordExportView.as_view(format="json"), name="record_export_json"),
    path("record/export.pdf", export.PortalRecordExportView.as_view(format="pdf"), name="record_export_pdf"),
]
