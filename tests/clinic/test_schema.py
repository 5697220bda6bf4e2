"""Data files load only into a fully migrated database, so migrating part of the way or back works."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from clinic.schema import fully_migrated
from patients import apps as patients_apps
from patients.models import CareEpisode, Questionnaire
from programs import apps as programs_apps
from programs.models import Exercise


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_migrating_back_past_the_questionnaires_and_the_videos_and_forward_again_works():
    assert fully_migrated("default", Questionnaire, Exercise)

    call_command("migrate", "patients", "0016", verbosity=0)
    assert "patients_questionnaire" not in connection.introspection.table_names()
    assert not fully_migrated("default", Questionnaire)
    call_command("migrate", "programs", "0003", verbosity=0)
    assert not fully_migrated("default", Exercise, CareEpisode)

    call_command("migrate", verbosity=0)
    assert fully_migrated("default", Questionnaire, Exercise, CareEpisode)
    assert Questionnaire.objects.filter(practice=None).exists()
    assert Exercise.objects.builtin().filter(code="slow-holds-lying").exists()


@pytest.mark.django_db
def test_a_database_the_models_are_not_written_to_is_not_fully_migrated_for_them():
    assert not fully_migrated("elsewhere", Questionnaire)


@pytest.mark.django_db
def test_the_data_files_wait_while_a_migration_of_their_app_is_not_applied(monkeypatch):
    loaded = []
    monkeypatch.setattr(
        "patients.services.questionnaires.builtin_questionnaires_sync", lambda: loaded.append("questionnaires")
    )
    monkeypatch.setattr("programs.services.library.builtin_library_sync", lambda: loaded.append("library"))
    monkeypatch.setattr("programs.services.record.followup_signals_refresh_all", lambda: loaded.append("signals"))
    patients_apps.after_migrate(sender=None, using="default")
    programs_apps.after_migrate(sender=None, using="default")
    assert loaded == ["questionnaires", "library", "signals"]

    # As after `migrate patients <one before the latest>`: the app's latest migration is no longer applied.
    [(app, latest)] = MigrationLoader(connection).graph.leaf_nodes("patients")
    MigrationRecorder.Migration.objects.filter(app=app, name=latest).delete()
    loaded.clear()
    patients_apps.after_migrate(sender=None, using="default")
    programs_apps.after_migrate(sender=None, using="default")
    assert loaded == []
