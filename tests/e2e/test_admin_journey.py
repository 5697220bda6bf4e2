import pytest
from playwright.sync_api import expect

from clinic.models import User
from clinic.second_factor import totp_device_with_secret
from demo.accounts import DEMO_TOTP_SECRET
from tests.e2e.conftest import log_in
from tests.factories import TEST_PASSWORD, PracticeAdminFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_practice_admin_creates_and_deactivates_an_account(live_server, open_page):
    admin = PracticeAdminFactory(email="admin@e2e.test")
    totp_device_with_secret(user=admin, secret_base32_text=DEMO_TOTP_SECRET)
    page = open_page()
    log_in(page, live_server.url, admin.email, TEST_PASSWORD, totp_secret=DEMO_TOTP_SECRET)
    expect(page.get_by_role("heading", name="Accounts")).to_be_visible()

    page.get_by_role("link", name="Nieuw account").click()
    page.get_by_label("Voornaam").fill("Lotte")
    page.get_by_label("Achternaam").fill("Kuipers")
    page.get_by_label("E-mailadres").fill("lotte@e2e.test")
    page.get_by_label("Rol").select_option("therapist")
    page.get_by_role("button", name="Account aanmaken en uitnodiging sturen").click()
    expect(page.get_by_role("alert")).to_contain_text("lotte@e2e.test")

    page.get_by_role("link", name="Lotte Kuipers").click()
    page.get_by_role("button", name="Account deactiveren").click()
    expect(page.get_by_role("alert")).to_contain_text("kan niet meer inloggen")
    assert not User.objects.get(email="lotte@e2e.test").is_active
