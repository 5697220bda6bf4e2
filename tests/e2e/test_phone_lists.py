"""Every list page at a phone's width (390 px): the page itself never runs off the screen sideways.

A wide table may scroll inside its own frame (with its first column held), never the whole page.
The screenshots land in e2e-screenshots/phone/ for a look by eye.
"""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from clinic.second_factor import totp_device_with_secret
from demo.accounts import DEMO_TOTP_SECRET
from tests.e2e.conftest import PHONE, SCREENSHOT_DIR, log_in
from tests.factories import (
    TEST_PASSWORD,
    AppointmentFactory,
    CareEpisodeFactory,
    PatientFactory,
    PatientUserFactory,
    PracticeAdminFactory,
    PracticeFactory,
    TherapistFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LONG_NAME = "Wilhelmina-Alexandra van der Heijden-Vanderbiltstraat"


def assert_every_page_fits_a_phone(page, base, pages):
    (SCREENSHOT_DIR / "phone").mkdir(parents=True, exist_ok=True)
    for name, path in pages:
        page.goto(base + path)
        page.screenshot(path=SCREENSHOT_DIR / "phone" / f"{name}.png", full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{name} is {width} px wide on a {PHONE['width']} px screen"


@pytest.fixture
def practice_world():
    practice = PracticeFactory()
    therapist = TherapistFactory(email="eva@e2e.test", practice=practice)
    admin = PracticeAdminFactory(email="admin@e2e.test", practice=practice)
    for user in (therapist, admin):
        totp_device_with_secret(user=user, secret_base32_text=DEMO_TOTP_SECRET)
    patient_user = PatientUserFactory(email="tess@e2e.test", practice=practice)
    first, last = LONG_NAME.split(" ", 1)
    patient = PatientFactory(
        practice=practice, responsible_therapist=therapist, user=patient_user, first_name=first, last_name=last
    )
    episode = CareEpisodeFactory(
        patient=patient, therapist=therapist, main_complaint="Urineverlies bij hoesten, niezen en hardlopen"
    )
    for _ in range(6):
        CareEpisodeFactory(patient__practice=practice, patient__responsible_therapist=therapist, therapist=therapist)
    now = timezone.now()
    for hours in (-3, 2, 26):
        AppointmentFactory(episode=episode, starts_at=now + datetime.timedelta(hours=hours))
    return therapist, admin, episode


def test_every_list_page_fits_a_phone(live_server, open_page, practice_world):
    therapist, admin, episode = practice_world
    base = live_server.url

    page = open_page(PHONE)
    log_in(page, base, therapist.email, TEST_PASSWORD, totp_secret=DEMO_TOTP_SECRET)
    episode_pages = f"/patients/episodes/{episode.pk}"
    assert_every_page_fits_a_phone(
        page,
        base,
        [
            ("caseload", "/patients/"),
            ("patient-list", "/patients/list/"),
            ("agenda", "/patients/agenda/"),
            ("episode-appointments", f"{episode_pages}/appointments/"),
            ("letters", f"{episode_pages}/letters/"),
            ("exercise-library", "/library/"),
        ],
    )

    page = open_page(PHONE)
    log_in(page, base, admin.email, TEST_PASSWORD, totp_secret=DEMO_TOTP_SECRET)
    admin_pages = [("accounts", "/accounts/"), ("access-log", "/access-log/"), ("templates", "/program-templates/")]
    assert_every_page_fits_a_phone(page, base, admin_pages)

    page = open_page(PHONE)
    mail.outbox.clear()
    log_in(page, base, "tess@e2e.test", TEST_PASSWORD)
    page.get_by_label("Code").fill(re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1))
    page.get_by_role("button", name="Bevestigen").click()
    portal_pages = [
        ("portal-diary", "/my/diary/"),
        ("portal-appointments", "/my/appointments/"),
        ("my-record", "/my/record/"),
    ]
    assert_every_page_fits_a_phone(page, base, portal_pages)
