"""Django admin of secure messages: shown to superusers, never written here (a sent message is fixed)."""

from django.contrib import admin

from clinic.admin.mixins import ClinicalAdmin, ReadOnlyAdmin
from patients.models import Conversation, Message, MessageNotice


class MessageInline(ReadOnlyAdmin, ClinicalAdmin, admin.TabularInline):
    model = Message
    extra = 0
    fields = ["sent_at", "side", "author", "body"]


@admin.register(Conversation)
class ConversationAdmin(ReadOnlyAdmin, ClinicalAdmin, admin.ModelAdmin):
    list_display = ["episode", "last_message_at", "awaiting_answer_since"]
    list_select_related = ["episode__patient"]
    search_fields = ["episode__patient__first_name", "episode__patient__last_name"]
    inlines = [MessageInline]


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin, ClinicalAdmin, admin.ModelAdmin):
    list_display = ["conversation", "side", "author", "sent_at"]
    list_select_related = ["conversation__episode__patient", "author"]
    list_filter = ["side"]


@admin.register(MessageNotice)
class MessageNoticeAdmin(ReadOnlyAdmin, ClinicalAdmin, admin.ModelAdmin):
    list_display = ["conversation", "recipient", "sent_at"]
    list_select_related = ["conversation__episode__patient"]
