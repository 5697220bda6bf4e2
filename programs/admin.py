from django.contrib import admin

from programs.models import BladderEntry, BowelEntry, Exercise, HomeProgram, ProgramItem, ProgramTemplate, TemplateItem


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = ["title_en", "title_nl", "kind", "practice"]
    list_filter = ["kind", "practice"]
    search_fields = ["title_en", "title_nl", "code"]


class TemplateItemInline(admin.TabularInline):
    model = TemplateItem
    extra = 0


@admin.register(ProgramTemplate)
class ProgramTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "condition", "practice"]
    inlines = [TemplateItemInline]


class ProgramItemInline(admin.TabularInline):
    model = ProgramItem
    extra = 0


@admin.register(HomeProgram)
class HomeProgramAdmin(admin.ModelAdmin):
    list_display = ["episode", "version", "status", "starts_on", "ends_on"]
    list_filter = ["status"]
    inlines = [ProgramItemInline]


admin.site.register(BladderEntry)
admin.site.register(BowelEntry)
