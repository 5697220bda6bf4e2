"""A patient asks a question from the phone; the therapist sees it on the caseload and answers from the episode."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from clinic.second_factor import totp_device_with_secret
from demo.accounts import DEMO_TOTP_SECRET
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

QUESTION = "Mag ik de oefening ook staand doen, of nog even liggend?"
ANSWER = "Staand mag, begin met vijf herhalingen en bouw rustig op."


@pytest.fixture
def episode():
    practice = PracticeFactory(name="Bekkenpraktijk Noord", phone="050 123 45 67")
    therapist = TherapistFactory(email="eva@e2e.test", first_name="Eva", last_name="de Vries", practice=practice)
    account = PatientUserFactory(email="tess@e2e.test", practice=practice)
    for user in (therapist, account):
        totp_device_with_secret(user=user, secret_base32_text=DEMO_TOTP_SECRET)
    patient = PatientFactory(
        practice=practice, responsible_therapist=therapist, user=account, first_name="Tess", last_name="Verhoef"
    )
    return CareEpisodeFactory(patient=patient, therapist=therapist, main_complaint="Urineverlies bij hardlopen")


def test_patient_asks_from_the_phone_and_the_therapist_answers(live_server, open_page, episode):
    phone = open_page(PHONE)
    log_in(phone, live_server.url, "tess@e2e.test", TEST_PASSWORD, totp_secret=DEMO_TOTP_SECRET)
    phone.goto(f"{live_server.url}/my/messages/")
    expect(phone.get_by_role("note")).to_contain_text("112")
    expect(phone.get_by_role("note")).to_contain_text("huisartsenpost")
    phone.get_by_label("Uw bericht").fill(QUESTION)
    phone.get_by_role("button", name="Bericht versturen").click()
    expect(phone.get_by_role("alert")).to_contain_text("Uw bericht is verstuurd")
    expect(phone.get_by_text(QUESTION)).to_be_visible()
    (notice,) = mail.outbox
    assert notice.to == ["eva@e2e.test"] and "staand" not in notice.body

    desk = open_page()
    log_in(desk, live_server.url, "eva@e2e.test", TEST_PASSWORD, totp_secret=DEMO_TOTP_SECRET)
    desk.goto(f"{live_server.url}/patients/")
    worklist = desk.get_by_role("region", name="Berichten die op antwoord wachten")
    expect(worklist).to_contain_text("wacht al")
    worklist.get_by_role("link", name="Tess Verhoef").click()
    expect(desk.get_by_text(QUESTION)).to_be_visible()
    desk.get_by_label("Uw bericht").fill(ANSWER)
    desk.get_by_role("button", name="Antwoord versturen").click()
    expect(desk.get_by_role("alert")).to_contain_text("Uw bericht is verstuurd")
    desk.goto(f"{live_server.url}/patients/episodes/{episode.pk}/")
    expect(desk.get_by_role("region", name="Berichten")).to_contain_text("Laatste bericht op")

    phone.reload()
    expect(phone.get_by_text(ANSWER)).to_be_visible()
    assert len(mail.outbox) == 2 and mail.outbox[1].to != ["eva@e2e.test"]
