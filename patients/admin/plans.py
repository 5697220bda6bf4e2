"""Django admin of treatment plans, referrals and letters, for superusers."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from clinic.admin.mixins import ClinicalAdmin
from patients.models import (
    BiofeedbackSession,
    GPLetter,
    Intervention,
    NeedlingReferral,
    PlanGoal,
    Referral,
    SafetyOverride,
    TreatmentPlan,
)


class PlanGoalInline(ClinicalAdmin, admin.TabularInline):
    model = PlanGoal
    extra = 0


class InterventionInline(ClinicalAdmin, admin.StackedInline):
    model = Intervention
    extra = 0


@admin.register(TreatmentPlan)
class TreatmentPlanAdmin(ClinicalAdmin, SimpleHistoryAdmin):
    list_display = ["episode", "status", "version", "pelvic_floor_class", "started_on", "review_on"]
    list_filter = ["status", "pelvic_floor_class", "episode__patient__practice"]
    list_select_related = ["episode__patient"]
    search_fields = ["episode__patient__first_name", "episode__patient__last_name", "episode__main_complaint"]
    raw_id_fields = ["episode", "created_by"]
    readonly_fields = ["version", "activated_at", "closed_at"]
    inlines = [PlanGoalInline, InterventionInline]


@admin.register(SafetyOverride)
class SafetyOverrideAdmin(ClinicalAdmin, admin.ModelAdmin):
    list_display = ["plan", "code", "overridden_by", "overridden_at"]
    list_filter = ["code"]
    list_select_related = ["plan__episode__patient", "overridden_by"]
    raw_id_fields = ["plan", "needling_referral", "overridden_by"]


@admin.register(BiofeedbackSession)
class BiofeedbackSessionAdmin(ClinicalAdmin, admin.ModelAdmin):
    list_display = ["plan", "session_on", "modality", "resting_tone_uv", "peak_uv", "relax_time_s"]
    list_filter = ["modality"]
    list_select_related = ["plan__episode__patient"]
    raw_id_fields = ["plan", "therapist", "probe_consent"]


@admin.register(Referral)
class ReferralAdmin(ClinicalAdmin, admin.ModelAdmin):
    list_display = ["plan", "recipient", "topic", "referred_on"]
    list_filter = ["recipient", "topic"]
    list_select_related = ["plan__episode__patient"]
    raw_id_fields = ["plan", "created_by"]


@admin.register(NeedlingReferral)
class NeedlingReferralAdmin(ClinicalAdmin, admin.ModelAdmin):
    list_display = ["plan", "recipient_label", "status", "sent_at"]
    list_filter = ["status"]
    list_select_related = ["plan__episode__patient", "qualified_therapist"]
    raw_id_fields = ["plan", "qualified_therapist", "created_by"]


@admin.register(GPLetter)
class GPLetterAdmin(ClinicalAdmin, admin.ModelAdmin):
    list_display = ["episode", "kind", "status", "author", "created_at", "sent_at"]
    list_filter = ["kind", "status"]
    list_select_related = ["episode__patient", "author"]
    raw_id_fields = ["episode", "data_sharing_consent", "author"]

    def has_change_permission(self, request, obj=None):
        """Show a signed letter as it was sent: it is never changed, here or anywhere."""
        if obj is not None and obj.is_sent:
            return False
        return super().has_change_permission(request, obj)
