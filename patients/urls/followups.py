"""Addresses of follow-up, included in the patients app's namespace."""

from django.urls import path

from patients.views import followups

urlpatterns = [
    path("agenda/", followups.AgendaView.as_view(), name="agenda"),
    path(
        "episodes/<int:episode_pk>/appointments/",
        followups.EpisodeAppointmentListView.as_view(),
        name="episode_appointments",
    ),
    path(
        "episodes/<int:episode_pk>/appointments/new/",
        followups.AppointmentCreateView.as_view(),
        name="appointment_create",
    ),
    path("episodes/<int:episode_pk>/discharge/", followups.EpisodeDischargeView.as_view(), name="episode_discharge"),
    path("appointments/<int:pk>/edit/", followups.AppointmentUpdateView.as_view(), name="appointment_update"),
    path("appointments/<int:pk>/done/", followups.AppointmentDoneView.as_view(), name="appointment_done"),
    path("appointments/<int:pk>/missed/", followups.AppointmentMissedView.as_view(), name="appointment_missed"),
    path("appointments/<int:pk>/cancel/", followups.AppointmentCancelView.as_view(), name="appointment_cancel"),
    path("<int:patient_pk>/reminders/", followups.FollowupSettingsView.as_view(), name="followup_settings"),
]
