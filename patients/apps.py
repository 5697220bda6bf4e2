from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PatientsConfig(AppConfig):
    name = "patients"
    verbose_name = _("Clinical record")

    def ready(self):
        from patients.documents.export import RECORD_PARTS
        from patients.extensions import register_parts

        register_parts(*RECORD_PARTS)
