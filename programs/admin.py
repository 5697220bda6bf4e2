"""Django admin of the exercise library, the home programs and the diaries, for superusers."""

from django.contrib import admin

from clinic.admin.mixins import ClinicalAdmin
from programs.models import BladderEntry, BowelEntry, Exercise, HomeProgram, ProgramItem, ProgramTemplate, TemplateItem

PATIENT_SEARCH = ["patient__first_name", "patient__last_name"]


@admin.register(Exercise)
class ExerciseAdmin(ClinicalAdmin, admin.ModelAdmin):
    list_display = ["title_en", "title_nl", "kind", "practice"]
    list_filter = ["kind", "practice"]
    search_fields = ["title_en", "title_nl", "code"]
    raw_id_fields = ["created_by"]


class TemplateItemInline(admin.TabularInline):
    model = TemplateItem
    extra = 0
    raw_id_fields = ["exercise"]


@admin.register(ProgramTemplate)
class ProgramTemplateAdmin(ClinicalAdmin, admin.ModelAdmin):
    list_display = ["name", "condition", "practice"]
    search_fields = ["name"]
    inlines = [TemplateItemInline]


class ProgramItemInline(ClinicalAdmin, admin.TabularInline):
    model = ProgramItem
    extra = 0
    raw_id_fields = ["exercise"]


@admin.register(HomeProgram)
class HomeProgramAdmin(ClinicalAdmin, admin.ModelAdmin):
    list_display = ["episode", "version", "status", "starts_on", "ends_on"]
    list_filter = ["status"]
    list_select_related = ["episode__patient"]
    search_fields = ["episode__patient__first_name", "episode__patient__last_name", "title"]
    raw_id_fields = ["episode", "created_by"]
    inlines = [ProgramItemInline]


class DiaryEntryAdmin(ClinicalAdmin, admin.ModelAdmin):
    """Shared set-up of the bladder and bowel diary lines."""

    list_select_related = ["patient"]
    search_fields = PATIENT_SEARCH
    raw_id_fields = ["patient", "entered_by"]
    date_hierarchy = "recorded_at"


@admin.register(BladderEntry)
class BladderEntryAdmin(DiaryEntryAdmin):
    list_display = ["recorded_at", "patient", "moment", "voided_ml", "fluid_ml", "leakage"]
    list_filter = ["moment", "leakage"]


@admin.register(BowelEntry)
class BowelEntryAdmin(DiaryEntryAdmin):
    list_display = ["recorded_at", "patient", "bristol", "straining", "soiling"]
    list_filter = ["straining", "soiling"]
