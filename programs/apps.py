from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("Home programs")

    def ready(self):
        """Take part in the record: its export and destruction, its pages, and the end of an episode."""
        from patients import extensions
        from patients.models import CareEpisode
        from programs.models import BladderEntry, BowelEntry, ExerciseLog, HomeProgram, ProgramItem
        from programs.services.programs import program_end_at_discharge
        from programs.views import panels

        extensions.register_parts(
            extensions.DataPart(
                "exercise_logs",
                _("Exercises done"),
                ExerciseLog,
                "patient",
                linked_names=(("exercise", "item__exercise__title_"),),
            ),
            extensions.DataPart("bladder_diary", _("Bladder diary"), BladderEntry, "patient"),
            extensions.DataPart("bowel_diary", _("Bowel diary"), BowelEntry, "patient"),
            extensions.DataPart(
                "home_programs", _("Home programs"), HomeProgram, "episode__patient", CareEpisode, "episode"
            ),
            extensions.DataPart(
                "items",
                _("Exercises"),
                ProgramItem,
                "program__episode__patient",
                HomeProgram,
                "program",
                linked_names=(("exercise", "exercise__title_"),),
            ),
        )
        extensions.register_panels(patient=panels.patient_programs, episode=panels.episode_programs)
        extensions.episode_discharged.connect(program_end_at_discharge, dispatch_uid="programs-end-at-discharge")
        post_migrate.connect(after_migrate, sender=self, dispatch_uid="programs-after-migrate")


def after_migrate(sender, using, **kwargs):
    """Load the built-in exercise library from its data file and bring the follow-up signals up to date.

    Run after every `migrate`, as Django creates permissions then: a fixed exercise text or a new signal
    reaches every database with the next deployment. Skipped while the database is migrated only part of
    the way (or back), as the record's tables may not all be there: the next full `migrate` runs them.
    """
    from clinic.schema import fully_migrated
    from patients.models import CareEpisode
    from programs.models import Exercise
    from programs.services.library import builtin_library_sync
    from programs.services.record import followup_signals_refresh_all

    if fully_migrated(using, Exercise, CareEpisode):
        builtin_library_sync()
        followup_signals_refresh_all()
