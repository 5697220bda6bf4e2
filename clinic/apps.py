from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ClinicConfig(AppConfig):
    name = "clinic"
    verbose_name = _("Practice")

    def ready(self):
        from clinic import checks, security  # noqa: F401  (registers the deploy checks, connects the login receivers)


class ClinicAdminConfig(admin_apps.AdminConfig):
    """The Django admin with the project's site as `admin.site`, so every registration goes to it."""

    # Not the config of the "clinic" app itself, which stays ClinicConfig.
    default = False
    default_site = "clinic.sites.ClinicAdminSite"
