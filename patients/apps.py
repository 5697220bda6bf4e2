from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PatientsConfig(AppConfig):
    name = "patients"
    verbose_name = _("Clinical record")

    def ready(self):
        from patients.documents.export import RECORD_PARTS
        from patients.documents.fhir import RECORD_FHIR_BUILDERS
        from patients.extensions import register_fhir_builders, register_parts

        register_parts(*RECORD_PARTS)
        register_fhir_builders(*RECORD_FHIR_BUILDERS)
