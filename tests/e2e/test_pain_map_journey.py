"""The pain map in a browser: the therapist marks regions with the keyboard, the patient taps them on a phone."""

import pytest

from clinic.second_factor import totp_device_with_secret
from demo.accounts import DEMO_TOTP_SECRET
from patients.models import PainMap, PainRegion
from tests.e2e.conftest import DESKTOP, PHONE, log_in
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
    practice = PracticeFactory()
    therapist = TherapistFactory(email="eva@e2e.test", practice=practice)
    patient_user = PatientUserFactory(email="tess@e2e.test", practice=practice)
    for user in (therapist, patient_user):
        totp_device_with_secret(user=user, secret_base32_text=DEMO_TOTP_SECRET)
    patient = PatientFactory(practice=practice, responsible_therapist=therapist, user=patient_user, sex="female")
    return CareEpisodeFactory(patient=patient, therapist=therapist, main_complaint="Pijn bij zitten")


def test_therapist_marks_by_keyboard_and_patient_taps_on_a_phone(live_server, open_page, episode):
    base = live_server.url
    page = open_page(DESKTOP)
    log_in(page, base, "eva@e2e.test", TEST_PASSWORD, totp_secret=DEMO_TOTP_SECRET)
    page.goto(f"{base}/patients/episodes/{episode.pk}/pain-maps/new/")
    region = page.get_by_role("group", name="Bekkenbodem, van onderen gezien").get_by_role(
        "checkbox", name="Stuitje (coccyx)"
    )
    region.focus()
    page.keyboard.press("Space")
    assert region.get_attribute("aria-checked") == "true"
    page.get_by_label("Stuitje (coccyx): Intensiteit (0–10)").select_option("7")
    page.get_by_label("Stuitje (coccyx): Aard").select_option("stabbing")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"**/patients/episodes/{episode.pk}/**")
    assert PainRegion.objects.get(pain_map__episode=episode).intensity == 7

    page.get_by_role("button", name="Vraag de patiënt er een te tekenen").click()
    page.wait_for_selector("text=Wacht op de patiënt")

    phone = open_page(PHONE)
    log_in(phone, base, "tess@e2e.test", TEST_PASSWORD, totp_secret=DEMO_TOTP_SECRET)
    phone.get_by_role("link", name="Teken uw pijnkaart").click()
    phone.get_by_role("group", name="Vooraanzicht").get_by_role("checkbox", name="Onderbuik, rechts").click()
    phone.get_by_label("Onderbuik, rechts: Intensiteit (0–10)").select_option("4")
    phone.get_by_label("Onderbuik, rechts: Aard").select_option("cramping")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.get_by_role("button", name="Verstuur naar mijn therapeut").click()
    phone.wait_for_url(f"{base}/my/")
    assert PainMap.objects.filter(episode=episode, source="patient").count() == 1

    page.goto(f"{base}/patients/episodes/{episode.pk}/")
    assert page.locator(".pain-maps article").count() == 2
