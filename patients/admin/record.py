from django.contrib import admin

from patients.models import (
    Assessment,
    Birth,
    CareEpisode,
    Classification,
    Consent,
    Intake,
    NoteAddendum,
    OutcomeMeasure,
    Patient,
    RedFlagScreening,
    SessionNote,
)
from patients.models.screening import RED_FLAG_FIELDS

EPISODE_SEARCH = ["episode__patient__first_name", "episode__patient__last_name", "episode__main_complaint"]


@admin.register(Patient)
class PatientAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "date_of_birth", "practice", "responsible_therapist", "archived_at"]
    list_filter = ["practice", "sex", "referral_type", "archived_at"]
    list_select_related = ["practice", "responsible_therapist"]
    search_fields = ["first_name", "last_name", "bsn", "email"]
    raw_id_fields = ["responsible_therapist", "user"]
    date_hierarchy = "created_at"

    def has_delete_permission(self, request, obj=None):
        """Refuse: a record is archived, or destroyed on request with `destroy_patient_record`, which logs it."""
        return False


@admin.register(CareEpisode)
class CareEpisodeAdmin(admin.ModelAdmin):
    list_display = ["patient", "main_complaint", "started_on", "status", "therapist"]
    list_filter = ["status", "patient__practice"]
    list_select_related = ["patient", "therapist"]
    search_fields = ["patient__first_name", "patient__last_name", "main_complaint"]
    raw_id_fields = ["patient", "therapist"]


class EpisodeRecordAdmin(admin.ModelAdmin):
    """Shared set-up of the records that hang off a care episode."""

    list_select_related = ["episode__patient"]
    search_fields = EPISODE_SEARCH
    raw_id_fields = ["episode"]


@admin.register(RedFlagScreening)
class RedFlagScreeningAdmin(EpisodeRecordAdmin):
    list_display = ["episode", "screened_on", "decision", "gp_contact_advised", "gp_cleared_on"]
    list_filter = ["decision", "gp_contact_advised", *RED_FLAG_FIELDS]
    raw_id_fields = ["episode", "screened_by"]


class BirthInline(admin.TabularInline):
    model = Birth
    extra = 0


@admin.register(Intake)
class IntakeAdmin(EpisodeRecordAdmin):
    list_display = ["episode", "taken_on", "uses_anticoagulants", "pregnancy_status", "menopause_status"]
    list_filter = ["uses_anticoagulants", "pregnancy_status", "menopause_status", "area_urinary", "area_pain"]
    raw_id_fields = ["episode", "taken_by"]
    inlines = [BirthInline]


@admin.register(Birth)
class BirthAdmin(admin.ModelAdmin):
    list_display = ["intake", "year", "mode", "perineal_trauma"]
    list_filter = ["mode", "perineal_trauma"]
    search_fields = ["intake__episode__patient__last_name"]
    raw_id_fields = ["intake"]


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ["patient", "kind", "given_at", "withdrawn_at", "recorded_by"]
    list_filter = ["kind", "withdrawn_at", "patient__practice"]
    list_select_related = ["patient", "recorded_by"]
    search_fields = ["patient__first_name", "patient__last_name", "given_by"]
    raw_id_fields = ["patient", "recorded_by", "withdrawal_recorded_by"]


@admin.register(Assessment)
class AssessmentAdmin(EpisodeRecordAdmin):
    list_display = ["episode", "assessed_on", "internal_route", "resting_tone", "oxford_power", "relaxation"]
    list_filter = ["internal_route", "resting_tone", "relaxation", "cough_reflex"]
    raw_id_fields = ["episode", "therapist"]


@admin.register(Classification)
class ClassificationAdmin(EpisodeRecordAdmin):
    list_display = ["episode", "classified_on", "pelvic_floor_class", "suggested_class"]
    list_filter = ["pelvic_floor_class", "suggested_class"]
    raw_id_fields = ["episode", "assessment", "therapist"]


@admin.register(OutcomeMeasure)
class OutcomeMeasureAdmin(EpisodeRecordAdmin):
    list_display = ["episode", "kind", "measured_on", "total"]
    list_filter = ["kind"]
    raw_id_fields = ["episode", "recorded_by"]
    date_hierarchy = "measured_on"


class NoteAddendumInline(admin.StackedInline):
    model = NoteAddendum
    extra = 0
    raw_id_fields = ["author"]


@admin.register(SessionNote)
class SessionNoteAdmin(EpisodeRecordAdmin):
    list_display = ["episode", "session_on", "author", "signed_at"]
    list_filter = ["signed_at"]
    search_fields = [*EPISODE_SEARCH, "subjective", "plan"]
    raw_id_fields = ["episode", "author"]
    inlines = [NoteAddendumInline]


@admin.register(NoteAddendum)
class NoteAddendumAdmin(admin.ModelAdmin):
    list_display = ["note", "author", "signed_at"]
    list_select_related = ["note__episode__patient", "author"]
    search_fields = ["text", "note__episode__patient__last_name"]
    raw_id_fields = ["note", "author"]
