"""Two stateless app servers share sessions (PostgreSQL, Redis in front) and data (PostgreSQL)."""

import http.cookiejar
import os
import re
import urllib.parse
import urllib.request

import pytest
import redis
from django.contrib.sessions.models import Session

from clinic.models import User
from clinic.second_factor import totp_device_with_secret
from demo.accounts import DEMO_TOTP_SECRET
from tests.auth import current_totp
from tests.factories import TEST_PASSWORD, PracticeAdminFactory

pytestmark = pytest.mark.live


class Browser:
    """A cookie-keeping HTTP client that talks to any of the app servers."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, url):
        with self.opener.open(url, timeout=10) as response:
            return response.geturl(), response.read().decode()

    def post_form(self, url, data):
        _, page = self.get(url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(url, data=body, headers={"Referer": url})
        with self.opener.open(request, timeout=10) as response:
            return response.geturl(), response.read().decode()


def test_login_on_one_server_is_valid_on_the_other_and_changes_are_shared(start_app_server, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    admin = PracticeAdminFactory(email="admin@live.test")
    totp_device_with_secret(user=admin, secret_base32_text=DEMO_TOTP_SECRET)
    first, second = start_app_server(), start_app_server()
    browser = Browser()

    landed, _ = browser.post_form(f"{first}/auth/login/", {"username": admin.email, "password": TEST_PASSWORD})
    assert landed.startswith(f"{first}/auth/two-factor/")
    landed, _ = browser.post_form(landed, {"code": current_totp(DEMO_TOTP_SECRET)})
    assert landed == f"{first}/accounts/"

    session_id = next(cookie.value for cookie in browser.cookies if cookie.name == "sessionid")
    assert Session.objects.filter(session_key=session_id).exists(), "sessions are kept in the database"
    assert redis.Redis.from_url(os.environ["REDIS_URL"]).exists(f":1:django.contrib.sessions.cached_db{session_id}")

    landed, page = browser.get(f"{second}/accounts/")
    assert landed == f"{second}/accounts/", "the session made on the first server is unknown to the second"
    assert "admin@live.test" in page

    browser.post_form(
        f"{first}/accounts/new/",
        {"first_name": "Gedeeld", "last_name": "Account", "email": "shared@live.test", "role": "therapist"},
    )
    assert User.objects.filter(email="shared@live.test").exists()
    _, page = browser.get(f"{second}/accounts/?q=shared")
    assert "shared@live.test" in page
