"""Django admin of the patient, the care episode and the record's parts, for superusers."""

from django.contrib import admin

from clinic.admin.mixins import ClinicalAdmin, ReadOnlyAdmin
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
class PatientAdmin(ClinicalAdmin, admin.ModelAdmin):
    list_display = ["last_name", "first_name", "date_of_birth", "practice", "responsible_therapist", "archived_at"]
    list_filter = ["practice", "sex", "referral_type", "archived_at"]
    list_select_related = ["practice", "responsible_therapist"]
    search_fields = ["first_name", "last_name", "bsn", "email"]
    raw_id_fields = ["responsible_therapist", "user"]
    date_hierarchy = "created_at"


@admin.register(CareEpisode)
class CareEpisodeAdmin(ClinicalAdmin, admin.ModelAdmin):
    list_display = ["patient", "main_complaint", "started_on", "status", "therapist"]
    list_filter = ["status", "patient__practice"]
    list_select_related = ["patient", "therapist"]
    search_fields = ["patient__first_name", "patient__last_name", "main_complaint"]
    raw_id_fields = ["patient", "therapist"]


class EpisodeRecordAdmin(ClinicalAdmin, admin.ModelAdmin):
    """Shared set-up of the records that hang off a care episode."""

    list_select_related = ["episode__patient"]
    search_fields = EPISODE_SEARCH
    raw_id_fields = ["episode"]


@admin.register(RedFlagScreening)
class RedFlagScreeningAdmin(EpisodeRecordAdmin):
    list_display = ["episode", "screened_on", "decision", "gp_contact_advised", "gp_cleared_on"]
    list_filter = ["decision", "gp_contact_advised", *RED_FLAG_FIELDS]
    raw_id_fields = ["episode", "screened_by"]


class BirthInline(ClinicalAdmin, admin.TabularInline):
    model = Birth
    extra = 0


@admin.register(Intake)
class IntakeAdmin(EpisodeRecordAdmin):
    list_display = ["episode", "taken_on", "uses_anticoagulants", "pregnancy_status", "menopause_status"]
    list_filter = ["uses_anticoagulants", "pregnancy_status", "menopause_status", "area_urinary", "area_pain"]
    raw_id_fields = ["episode", "taken_by"]
    inlines = [BirthInline]


@admin.register(Birth)
class BirthAdmin(ClinicalAdmin, admin.ModelAdmin):
    list_display = ["intake", "year", "mode", "perineal_trauma"]
    list_filter = ["mode", "perineal_trauma"]
    search_fields = ["intake__episode__patient__last_name"]
    raw_id_fields = ["intake"]


@admin.register(Consent)
class ConsentAdmin(ClinicalAdmin, admin.ModelAdmin):
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


class NoteAddendumInline(ReadOnlyAdmin, ClinicalAdmin, admin.StackedInline):
    """Addenda are signed when written in the app and never changed afterwards."""

    model = NoteAddendum
    extra = 0


@admin.register(SessionNote)
class SessionNoteAdmin(EpisodeRecordAdmin):
    list_display = ["episode", "session_on", "author", "signed_at"]
    list_filter = ["signed_at"]
    search_fields = [*EPISODE_SEARCH, "subjective", "plan"]
    raw_id_fields = ["episode", "author"]
    readonly_fields = ["signed_at", "created_at", "updated_at"]
    inlines = [NoteAddendumInline]

    def has_change_permission(self, request, obj=None):
        """Refuse for a signed note: it is only corrected by signed addenda, in the app."""
        return super().has_change_permission(request, obj) and not (obj and obj.is_signed)


@admin.register(NoteAddendum)
class NoteAddendumAdmin(ReadOnlyAdmin, ClinicalAdmin, admin.ModelAdmin):
    list_display = ["note", "author", "signed_at"]
    list_select_related = ["note__episode__patient", "author"]
    search_fields = ["text", "note__episode__patient__last_name"]
    raw_id_fields = ["note", "author"]
