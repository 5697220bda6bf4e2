"""The library, home programs and diaries in the Django admin: listed and opened by a superuser, never deleted."""

import pytest
from django.contrib import admin
from django.urls import reverse

from programs.models import TemplateItem
from tests.factories import (
    BladderEntryFactory,
    BowelEntryFactory,
    ExerciseFactory,
    PatientFactory,
    ProgramItemFactory,
    ProgramTemplateFactory,
)

pytestmark = pytest.mark.django_db

PROGRAM_MODELS = [model for model in admin.site._registry if model._meta.app_label == "programs"]


@pytest.fixture
def rows():
    """One row of every programs model the admin shows, around one patient."""
    item = ProgramItemFactory(program__episode__patient=PatientFactory(first_name="Sanne", last_name="Visser"))
    patient = item.program.episode.patient
    template = ProgramTemplateFactory(practice=patient.practice, name="Stress incontinence, start")
    TemplateItem.objects.create(template=template, exercise=item.exercise, position=1, repetitions=8)
    return {
        "item": item,
        "patient": patient,
        "template": template,
        "bladder": BladderEntryFactory(patient=patient),
        "bowel": BowelEntryFactory(patient=patient),
        "exercise": ExerciseFactory(practice=patient.practice, title_en="Quick flicks"),
    }


def admin_url(model, view, *args):
    return reverse(f"admin:programs_{model._meta.model_name}_{view}", args=args)


def test_every_programs_admin_lists_opens_and_never_deletes(admin_client, rows):
    for model in PROGRAM_MODELS:
        name = model._meta.model_name
        instance = model.objects.order_by("-pk").first()
        listing = admin_client.get(admin_url(model, "changelist"))
        assert admin_url(model, "change", instance.pk) in listing.text, name
        assert 'value="delete_selected"' not in listing.text, name
        page = admin_client.get(admin_url(model, "change", instance.pk))
        assert 'name="_save"' in page.text, name
        assert admin_url(model, "delete", instance.pk) not in page.text, name
        assert admin_client.post(admin_url(model, "delete", instance.pk), {"post": "yes"}).status_code == 403, name
        assert model.objects.filter(pk=instance.pk).exists(), name
        assert admin_client.get(admin_url(model, "add")).status_code == 200, name


def test_home_program_page_picks_episode_and_exercises_by_id(admin_client, rows):
    program = rows["item"].program
    page = admin_client.get(reverse("admin:programs_homeprogram_change", args=[program.pk]))
    assert f'name="episode" value="{program.episode_id}"' in page.text
    assert f'name="items-0-exercise" value="{rows["item"].exercise_id}"' in page.text
    assert 'name="items-0-DELETE"' not in page.text


def test_home_programs_are_found_by_patient_name(admin_client, rows):
    listing = admin_client.get(reverse("admin:programs_homeprogram_changelist"), {"q": "Visser"})
    assert reverse("admin:programs_homeprogram_change", args=[rows["item"].program_id]) in listing.text


@pytest.mark.parametrize("diary", ["bladder", "bowel"])
def test_diary_admin_names_the_patient_and_picks_by_id(admin_client, rows, diary):
    entry = rows[diary]
    model = type(entry)
    assert "Sanne Visser" in admin_client.get(admin_url(model, "changelist"), {"q": "Visser"}).text
    page = admin_client.get(admin_url(model, "change", entry.pk))
    assert f'name="patient" value="{rows["patient"].pk}"' in page.text
    assert f'name="entered_by" value="{entry.entered_by_id}"' in page.text


def test_template_page_lists_its_exercises(admin_client, rows):
    page = admin_client.get(reverse("admin:programs_programtemplate_change", args=[rows["template"].pk]))
    assert 'value="Stress incontinence, start"' in page.text
    assert f'name="items-0-exercise" value="{rows["item"].exercise_id}"' in page.text
