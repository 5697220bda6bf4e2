"""The therapist's pathway from a new patient to a home program, and the patient's week in the portal."""

import re
from importlib import import_module

import pytest
from django.apps import apps
from django.core import mail
from playwright.sync_api import expect

from clinic.models import User
from clinic.second_factor import totp_device_with_secret
from demo.accounts import DEMO_TOTP_SECRET
from programs.models import BowelEntry, Exercise, ExerciseLog
from tests.e2e.conftest import PHONE, log_in
from tests.factories import TEST_PASSWORD, PracticeFactory, TherapistFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def therapist():
    # Transactional tests empty every table afterwards, also the built-in library of a data migration.
    if not Exercise.objects.builtin().exists():
        import_module("programs.migrations.0002_builtin_exercise_library").load_library(apps, None)
    user = TherapistFactory(email="eva@e2e.test", first_name="Eva", last_name="de Vries", practice=PracticeFactory())
    totp_device_with_secret(user=user, secret_base32_text=DEMO_TOTP_SECRET)
    return user


def save(page, name="Opslaan"):
    page.get_by_role("button", name=name).click()


def therapist_writes_the_record(page, base_url):
    """Create the patient, screen, take the intake and assessment, classify; return the episode's URL."""
    page.goto(f"{base_url}/patients/new/")
    page.get_by_label("Voornaam").fill("Tess")
    page.get_by_label("Achternaam").fill("Verhoef")
    page.get_by_label("Geboortedatum").fill("1990-05-04")
    page.get_by_label("Geslacht").select_option(label="Vrouw")
    page.get_by_label("E-mailadres").fill("tess@e2e.test")
    page.get_by_label("Hoe de patiënt kwam").select_option(label="Direct toegankelijk")
    page.get_by_label("Behandelend therapeut").select_option(label="Eva de Vries")
    save(page)
    expect(page.get_by_role("heading", name="Tess Verhoef")).to_be_visible()
    page.get_by_role("button", name="Patiëntaccount aanmaken en uitnodigen").click()
    expect(page.get_by_role("alert")).to_contain_text("tess@e2e.test")

    page.get_by_role("link", name="Nieuwe behandelepisode").click()
    page.get_by_label("Hoofdklacht").fill("Urineverlies bij hardlopen")
    page.get_by_label("Therapeut").select_option(label="Eva de Vries")
    save(page)
    expect(page.get_by_role("heading", name="Urineverlies bij hardlopen")).to_be_visible()
    episode_url = page.url

    page.get_by_role("link", name="Nu screenen").click()
    for answer in page.get_by_label("Nee", exact=True).all():
        answer.check()
    page.get_by_label("Besluit").select_option(label="Geen alarmsignalen: doorgaan")
    save(page)
    expect(page.get_by_role("alert")).to_contain_text("screening op alarmsignalen is opgeslagen")

    page.get_by_role("link", name="Intake afnemen").click()
    page.get_by_label("Plasklachten").check()
    page.get_by_label("Ontstaan").fill("Sinds de tweede bevalling, erger sinds het hardlopen.")
    for answer in page.get_by_label("Nee", exact=True).all():
        answer.check()
    page.get_by_label("PSK-activiteit 1").fill("Hardlopen 5 km")
    page.get_by_label("PSK-score 1").fill("8")
    save(page)
    expect(page.get_by_role("alert")).to_contain_text("intake is opgeslagen")

    page.get_by_role("link", name="Nieuw onderzoek").click()
    page.get_by_label("Rusttonus").select_option(label="Laag")
    page.get_by_label("Ontspanning na aanspanning").select_option(label="Volledig")
    page.get_by_label("Reflexmatige aanspanning bij hoesten").select_option(label="Vertraagd")
    page.get_by_label("Willekeurige aanspanning (Modified Oxford 0–5)").fill("2")
    save(page)
    expect(page.get_by_role("alert")).to_contain_text("onderzoek is opgeslagen")

    page.get_by_role("link", name="Classificeren").click()
    page.get_by_label("Onderactief").check()
    save(page, "Classificatie vastleggen")
    expect(page.get_by_role("alert")).to_contain_text("classificatie is vastgelegd")
    return episode_url


def therapist_writes_plan_and_program(page, base_url, episode_url):
    episode = re.search(r"/episodes/(\d+)/", episode_url).group(1)
    page.goto(f"{episode_url}plan/new/")
    page.get_by_label("Functie bekkenbodem (ICS)").select_option(label="Onderactief")
    page.get_by_label("Analyse").fill("Onderactieve bekkenbodem met stressincontinentie bij hardlopen.")
    page.get_by_label("Gepland aantal behandelingen").fill("9")
    page.get_by_label("Wat de patiënt wil bereiken").first.fill("Droog 5 km hardlopen")
    page.get_by_label("Hoe het wordt gemeten").first.fill("PSK")
    page.get_by_label("Streefwaarde").first.fill("PSK 3 of lager")
    save(page)
    expect(page.get_by_role("alert")).to_contain_text("als concept opgeslagen")
    page.get_by_role("link", name="Activeren").click()
    save(page, "Plan activeren")
    expect(page.get_by_role("alert")).to_contain_text("Het plan is actief")

    page.goto(f"{base_url}/programs/episodes/{episode}/new/")
    page.get_by_label("Oefeningen kiezen uit de bibliotheek").check()
    page.get_by_label("Oefeningen", exact=True).select_option(
        label=[
            "Uw bekkenbodem vinden, liggend · Coördinatie en dagelijks gebruik",
            "Voldoende drinken, verspreid over de dag · Gewoonte",
        ]
    )
    save(page, "Concept aanmaken")
    expect(page.get_by_role("heading", name="Concept versie 1")).to_be_visible()
    page.get_by_label("Series").first.fill("1")
    page.get_by_label("Herhalingen").first.fill("1")
    save(page, "Concept opslaan")
    expect(page.get_by_role("alert")).to_be_visible()
    save(page, "Publiceren voor de patiënt")
    expect(page.get_by_role("alert")).to_contain_text("actuele programma")


def patient_logs_in(page, base_url):
    """Log in with the e-mailed code, as patients do."""
    mail.outbox.clear()
    log_in(page, base_url, "tess@e2e.test", TEST_PASSWORD)
    expect(page.get_by_label("Code")).to_be_visible()
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Bevestigen").click()


def test_therapist_builds_the_pathway_and_the_patient_does_the_program(live_server, open_page, therapist):
    page = open_page()
    log_in(page, live_server.url, therapist.email, TEST_PASSWORD, totp_secret=DEMO_TOTP_SECRET)
    episode_url = therapist_writes_the_record(page, live_server.url)
    therapist_writes_plan_and_program(page, live_server.url, episode_url)

    patient_user = User.objects.get(email="tess@e2e.test")
    patient_user.set_password(TEST_PASSWORD)
    patient_user.save()
    phone = open_page(PHONE)
    patient_logs_in(phone, live_server.url)
    expect(phone.get_by_role("heading", name="Uw bekkenbodem vinden, liggend")).to_be_visible()

    phone.get_by_role("button", name="Timer starten").click()
    expect(phone.locator("[data-timer-phase]")).to_have_text("Klaar. Goed gedaan!", timeout=30_000)

    first = phone.locator("li", has=phone.get_by_role("heading", name="Uw bekkenbodem vinden, liggend"))
    first.get_by_text("Markeren als gedaan").click()
    first.get_by_role("button", name="Opslaan: gedaan").click()
    expect(first).to_contain_text("1 van 2")  # twice a day: one session done
    assert ExerciseLog.objects.filter(patient__user=patient_user).count() == 1

    phone.goto(f"{live_server.url}/my/diary/")
    phone.get_by_role("link", name="Ontlasting").click()
    phone.get_by_label("4 – gladde, zachte worst").check()
    save(phone)
    expect(phone.get_by_role("alert")).to_be_visible()
    assert BowelEntry.objects.filter(patient__user=patient_user).count() == 1

    patient = patient_user.patient_record
    page.goto(f"{live_server.url}/programs/patients/{patient.pk}/")
    expect(page.get_by_role("table", name="Therapietrouw en pijn per week")).to_contain_text("1")
    expect(page.get_by_text("Bristol 4").first).to_be_visible()
