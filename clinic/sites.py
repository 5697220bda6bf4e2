"""The Django admin site, for the practice's superusers only: `admin.site` (see ClinicAdminConfig).

It lives outside `clinic.admin` because building the site must not import the admins that register on it.
"""

from functools import update_wrapper

from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers


class ClinicAdminSite(admin.AdminSite):
    """Admit active superusers only; refuse (403) every other logged-in account instead of asking it to log in."""

    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def admin_view(self, view, cacheable=False):
        admitted = super().admin_view(view, cacheable)

        def refuse_other_accounts(request, *args, **kwargs):
            # The admin would send them to log in, and the login straight back here: say what the admin is instead.
            if request.user.is_authenticated and not self.has_permission(request):
                return self.superusers_only(request)
            return admitted(request, *args, **kwargs)

        return update_wrapper(refuse_other_accounts, admitted)

    def superusers_only(self, request):
        """Say that the Django admin is for the practice's superusers, with the way back to the user's start page."""
        response = TemplateResponse(request, "clinic/admin_superusers_only.html", status=403)
        add_never_cache_headers(response)
        return response
