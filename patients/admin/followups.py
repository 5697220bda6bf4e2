"""Django admin of follow-up records, for superusers."""

from django.contrib import admin

from clinic.admin.mixins import ClinicalAdmin, ReadOnlyAdmin
from patients.models import Appointment, CalendarFeed, Discharge, FollowupSettings, ReminderSent


@admin.register(Appointment)
class AppointmentAdmin(ClinicalAdmin, admin.ModelAdmin):
    list_display = ["starts_at", "duration_minutes", "kind", "status", "therapist", "episode"]
    list_filter = ["status", "kind", "episode__patient__practice"]
    list_select_related = ["therapist", "episode__patient"]
    search_fields = ["episode__patient__first_name", "episode__patient__last_name", "therapist__last_name"]
    raw_id_fields = ["episode", "therapist", "session_note", "created_by"]
    readonly_fields = ["ends_at", "created_at", "updated_at"]
    date_hierarchy = "starts_at"


@admin.register(Discharge)
class DischargeAdmin(ClinicalAdmin, admin.ModelAdmin):
    list_display = ["episode", "discharged_on", "goals_met", "pgi_i", "recorded_by"]
    list_filter = ["goals_met", "episode__patient__practice"]
    list_select_related = ["episode__patient", "recorded_by"]
    raw_id_fields = ["episode", "recorded_by"]


@admin.register(FollowupSettings)
class FollowupSettingsAdmin(ClinicalAdmin, admin.ModelAdmin):
    list_display = ["patient", "log_nudges"]
    list_filter = ["log_nudges"]
    list_select_related = ["patient"]
    raw_id_fields = ["patient"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(ClinicalAdmin, admin.ModelAdmin):
    """Shows who has a feed, never the secret address itself."""

    list_display = ["patient", "created_at"]
    list_select_related = ["patient"]
    fields = ["patient", "created_at"]
    readonly_fields = ["patient", "created_at"]

    def has_add_permission(self, request):
        return False


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnlyAdmin, ClinicalAdmin, admin.ModelAdmin):
    """What was sent, as the app recorded it."""

    list_display = ["sent_at", "kind", "patient", "concerns_on"]
    list_filter = ["kind"]
    list_select_related = ["patient"]
    raw_id_fields = ["patient", "appointment", "assignment"]
    date_hierarchy = "sent_at"
