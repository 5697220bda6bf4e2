"""Django admin of practices and accounts."""

from django.contrib import admin
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from clinic.choices import Role
from clinic.models import Practice, User
from clinic.permissions import ROLE_CROSSING_REFUSED, role_change_allowed


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at"]
    search_fields = ["name"]


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email"]


class UserEditForm(UserChangeForm):
    """What a superuser keeps of an account; Django's staff flag, groups and permissions are not used here."""

    class Meta:
        model = User
        fields = [
            "email",
            "password",
            "first_name",
            "last_name",
            "practice",
            "role",
            "is_needling_qualified",
            "is_active",
            "is_superuser",
        ]

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("is_superuser") and cleaned_data.get("role") == Role.PATIENT:
            self.add_error("is_superuser", _("A patient's account cannot be a superuser."))
        if "role" in cleaned_data and not role_change_allowed(self.instance.role, cleaned_data["role"]):
            self.add_error("role", ROLE_CROSSING_REFUSED)
        return cleaned_data


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    list_display = ["email", "first_name", "last_name", "practice", "role", "is_active", "last_login"]
    list_filter = ["practice", "role", "is_active", "is_superuser", "is_needling_qualified"]
    list_select_related = ["practice"]
    search_fields = ["email", "first_name", "last_name"]
    ordering = ["email"]
    readonly_fields = ["last_login", "date_joined"]
    filter_horizontal = []
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["first_name", "last_name"]}),
        (_("Practice"), {"fields": ["practice", "role", "is_needling_qualified"]}),
        (_("Permissions"), {"fields": ["is_active", "is_superuser"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "first_name", "last_name", "practice", "role", "password1", "password2"],
            },
        )
    ]

    def save_model(self, request, obj, form, change):
        """Save; a superuser who changed their own account keeps this session (the others end)."""
        super().save_model(request, obj, form, change)
        if obj.pk == request.user.pk:
            update_session_auth_hash(request, obj)

    def has_delete_permission(self, request, obj=None):
        """Refuse: accounts are deactivated, never deleted (the access log names them)."""
        return False
