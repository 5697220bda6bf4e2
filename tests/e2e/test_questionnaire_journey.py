"""The therapist sends the ICIQ-UI SF and the PFDI-20; the patient answers both on a phone; both are in the trend."""

import re

import pytest
from django.core import mail
from django_otp.plugins.otp_email.models import EmailDevice
from playwright.sync_api import expect

from clinic.second_factor import totp_device_with_secret
from demo.accounts import DEMO_TOTP_SECRET
from patients.models import OutcomeMeasure, Questionnaire
from patients.services.questionnaires import builtin_questionnaires_sync
from tests.e2e.conftest import PHONE, log_in
from tests.factories import (
    TEST_PASSWORD,
    CareEpisodeFactory,
    PatientFactory,
    PatientUserFactory,
    PracticeFactory,
    TherapistFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def episode():
    # Transactional tests empty every table afterwards, the built-in questionnaires too.
    if not Questionnaire.objects.filter(practice=None).exists():
        builtin_questionnaires_sync()
    practice = PracticeFactory()
    therapist = TherapistFactory(email="eva@e2e.test", first_name="Eva", last_name="de Vries", practice=practice)
    totp_device_with_secret(user=therapist, secret_base32_text=DEMO_TOTP_SECRET)
    account = PatientUserFactory(practice=practice, email="tess@e2e.test")
    EmailDevice.objects.create(user=account, name="email", confirmed=True)
    patient = PatientFactory(practice=practice, responsible_therapist=therapist, user=account, first_name="Tess")
    return CareEpisodeFactory(
        patient=patient, therapist=therapist, status="in_treatment", main_complaint="Urineverlies en verzakking"
    )


def send(page, episode_url, title):
    page.goto(episode_url)
    page.get_by_role("link", name="+ Vragenlijst versturen").click()
    page.get_by_label("Vragenlijst").select_option(label=title)
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_role("alert")).to_contain_text("vragenlijst is verstuurd")


def choose(phone, answer):
    phone.locator("label.btn", has_text=re.compile(f"^{re.escape(answer)}$")).click()
    phone.get_by_role("button", name=re.compile("^Volgende")).click()


def test_patient_answers_two_questionnaires_on_a_phone_and_the_therapist_sees_both_scores(
    live_server, open_page, episode
):
    page = open_page()
    log_in(page, live_server.url, "eva@e2e.test", TEST_PASSWORD, totp_secret=DEMO_TOTP_SECRET)
    episode_url = f"{live_server.url}{episode.get_absolute_url()}"
    send(page, episode_url, "Urineverlies (ICIQ-UI SF)")
    send(page, episode_url, "Bekkenbodemklachten (PFDI-20)")

    phone = open_page(PHONE)
    mail.outbox.clear()
    log_in(phone, live_server.url, "tess@e2e.test", TEST_PASSWORD)
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    phone.get_by_label("Code").fill(code)
    phone.get_by_role("button", name="Bevestigen").click()

    phone.get_by_role("link", name=re.compile("Urineverlies")).click()
    expect(phone.get_by_text("Vraag 1 van 4")).to_be_visible()
    choose(phone, "Twee à drie keer per week")
    choose(phone, "Een matige hoeveelheid")
    choose(phone, "3")
    phone.get_by_role("button", name="Volgende (of overslaan)").click()
    expect(phone.get_by_role("heading", name="Controleer uw antwoorden")).to_be_visible()
    phone.get_by_role("button", name="Mijn antwoorden versturen").click()
    expect(phone.get_by_role("alert")).to_contain_text("Dank u wel")

    phone.get_by_role("link", name=re.compile("Bekkenbodemklachten")).click()
    for _question in range(10):
        choose(phone, "Nee")
    # Stop halfway: back to the start page, and on again later where it was left.
    phone.goto(f"{live_server.url}/my/")
    phone.get_by_role("link", name=re.compile("Ga verder waar u gebleven was")).click()
    expect(phone.get_by_text("Vraag 11 van 20")).to_be_visible()
    for _question in range(10):
        choose(phone, "Ja, het hindert mij een beetje")
    phone.get_by_role("button", name="Mijn antwoorden versturen").click()
    expect(phone.get_by_role("alert")).to_contain_text("Dank u wel")

    totals = dict(OutcomeMeasure.objects.filter(episode=episode).values_list("kind", "total"))
    # CRADI-8: four "no" and four "a little" (2) → mean 1 → 25; UDI-6: all 2 → 50; POPDI-6: 0.
    assert totals == {"iciq_ui_sf": 9, "pfdi_20": 75}

    page.goto(episode_url)
    measures = page.locator("#measures")
    expect(measures.get_by_role("img", name=re.compile("ICIQ-UI"))).to_be_visible()
    expect(measures.get_by_role("img", name=re.compile("PFDI-20"))).to_be_visible()
    expect(measures.get_by_role("table")).to_contain_text("Door patiënt ingevuld")
    expect(measures.get_by_role("table")).to_contain_text("75")
