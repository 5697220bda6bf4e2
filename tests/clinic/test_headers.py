import re

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import reverse

from tests.auth import login

pytestmark = pytest.mark.django_db


def assert_security_headers(response):
    csp = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]


@pytest.fixture
def https(settings):
    """Serve as production does: HTTPS with HSTS."""
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True


def test_pages_carry_the_security_headers_over_https(client, https, therapist):
    for response in [
        client.get(reverse("login"), secure=True),
        login(client, therapist).get(reverse("patients:dashboard"), secure=True),
    ]:
        assert response.status_code == 200
        assert_security_headers(response)
        assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.parametrize(("path", "status"), [("/no-such-page/", 404), ("/accounts/", 403)])
def test_error_pages_are_friendly_and_carry_the_headers(client, https, patient_user, path, status):
    response = login(client, patient_user).get(path, secure=True)
    assert response.status_code == status
    assert_security_headers(response)
    assert "Strict-Transport-Security" in response.headers
    assert "<nav" in response.text
    assert "Traceback" not in response.text


def test_a_crash_shows_a_plain_500_page_with_the_headers(client, https, therapist, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("secret detail")

    monkeypatch.setattr("patients.views.dashboard.DashboardView.get", crash)
    crashing = Client(raise_request_exception=False)
    login(crashing, therapist)
    response = crashing.get(reverse("patients:dashboard"), secure=True)
    assert response.status_code == 500
    assert "secret detail" not in response.text
    assert "Traceback" not in response.text
    assert_security_headers(response)


def test_a_bad_request_gets_a_friendly_400(client, https):
    response = client.get(reverse("login"), secure=True, headers={"host": "evil.example"})
    assert response.status_code == 400
    assert "<h1" in response.text
    assert_security_headers(response)


def test_an_expired_form_gets_a_friendly_403(https):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("login"), {"username": "a@b.nl", "password": "x"}, secure=True)
    assert response.status_code == 403
    assert "CSRF" not in response.text
    assert_security_headers(response)


def test_no_template_uses_inline_script_or_event_handlers(settings):
    from pathlib import Path

    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        text = template.read_text()
        assert "<script>" not in text and "<script " not in text.replace('<script src="', ""), template
        assert " onclick=" not in text and " onload=" not in text and " onsubmit=" not in text, template


# --- the database is unreachable ------------------------------------------------------------------


def refuse_connections(self, *args, **kwargs):
    """Fail the way an unreachable database server does."""
    raise OperationalError("could not connect to server: Connection refused")


def test_database_outage_answers_503_with_retry_after_and_recovers(therapist, monkeypatch):
    browser = Client(raise_request_exception=False)
    login(browser, therapist)
    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse_connections)
    response = browser.get(reverse("patients:dashboard"))
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert "Probeer het over een minuut opnieuw" in response.text
    assert "OperationalError" not in response.text
    assert "Content-Security-Policy" in response.headers

    monkeypatch.undo()
    assert browser.get(reverse("patients:dashboard")).status_code == 200


def test_database_outage_on_the_login_page_is_also_503(monkeypatch):
    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse_connections)
    browser = Client(raise_request_exception=False)
    response = browser.post(reverse("login"), {"username": "a@example.org", "password": "whatever-long-1"})
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"


def test_bootstrap_is_served_by_the_app_itself(client):
    """Bootstrap comes from the app's own static files, never from a CDN."""
    from django.contrib.staticfiles import finders

    stylesheet = finders.find("bootstrap/css/bootstrap.min.css")
    with open(stylesheet, encoding="utf-8") as css:
        assert "Bootstrap  v5.3.8" in css.read(300)
    assert finders.find("bootstrap/js/bootstrap.bundle.min.js")
    page = client.get("/auth/login/").content.decode()
    assert "/static/bootstrap/css/bootstrap.min.css" in page
    # No stylesheet, script or font from another host (a random CSRF token may spell "cdn").
    assert not re.findall(r'(?:src|href)="(?:https?:)?//', page)
