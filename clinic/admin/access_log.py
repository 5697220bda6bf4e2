"""Django admin of the access log: read-only, like everywhere else."""

from django.contrib import admin

from clinic.admin.mixins import ReadOnlyAdmin
from clinic.models import AccessLogEntry


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Entries are never added, changed or deleted by hand."""

    list_display = ["occurred_at", "user", "user_role", "patient_label", "action", "part", "outcome", "client_ip"]
    list_filter = ["action", "outcome", "practice", "user_role"]
    list_select_related = ["user"]
    search_fields = ["patient_label", "user__email", "part", "detail"]
    date_hierarchy = "occurred_at"
