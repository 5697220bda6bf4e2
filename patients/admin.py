from django.contrib import admin

from patients.models import CareEpisode, Patient


@admin.register(Patient)
class PatientAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "date_of_birth", "practice", "responsible_therapist", "archived_at"]
    list_filter = ["practice", "sex", "referral_type", "archived_at"]
    list_select_related = ["practice", "responsible_therapist"]
    search_fields = ["first_name", "last_name", "bsn", "email"]
    raw_id_fields = ["responsible_therapist", "user"]
    date_hierarchy = "created_at"


@admin.register(CareEpisode)
class CareEpisodeAdmin(admin.ModelAdmin):
    list_display = ["patient", "main_complaint", "started_on", "status", "therapist"]
    list_filter = ["status", "patient__practice"]
    list_select_related = ["patient", "therapist"]
    search_fields = ["patient__first_name", "patient__last_name", "main_complaint"]
    raw_id_fields = ["patient", "therapist"]


from patients import admin_followups  # noqa: E402,F401  (registers the follow-up models)
