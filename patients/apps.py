from django.apps import AppConfig
from django.db.models.signals import post_migrate
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
        post_migrate.connect(after_migrate, sender=self, dispatch_uid="patients-after-migrate")


def after_migrate(sender, using, **kwargs):
    """Load the built-in questionnaires from their data file: a changed definition reaches every database.

    Skipped while the database is migrated only part of the way (or back): the next full `migrate` loads them.
    """
    from clinic.schema import fully_migrated
    from patients.models import Questionnaire
    from patients.services.questionnaires import builtin_questionnaires_sync

    if fully_migrated(using, Questionnaire):
        builtin_questionnaires_sync()
