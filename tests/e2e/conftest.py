"""Browser journeys in Debian's Chromium, driven by Playwright against a live server."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.auth import current_totp

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "e2e-screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# Playwright's sync API runs an event loop in the test thread; the ORM calls of the tests are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    item.stash.setdefault("reports", {})[report.when] = report
    return report


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, request):
    """Return a function that opens a new page at a viewport size; failed tests leave screenshots."""
    pages = []

    def open_page(viewport=DESKTOP):
        context = browser.new_context(viewport=viewport, locale="nl-NL")
        page = context.new_page()
        page.set_default_timeout(10_000)
        pages.append(page)
        return page

    yield open_page
    failed = any(report.failed for report in request.node.stash.get("reports", {}).values())
    for number, page in enumerate(pages):
        if failed:
            SCREENSHOT_DIR.mkdir(exist_ok=True)
            page.screenshot(path=SCREENSHOT_DIR / f"{request.node.name}-{number}.png", full_page=True)
        page.context.close()


def log_in(page, base_url, email, password, *, totp_secret=None):
    """Log in through the real login form and, with a TOTP secret, the authenticator-code step."""
    page.goto(f"{base_url}/auth/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    if totp_secret:
        page.get_by_label("Code").fill(current_totp(totp_secret))
        page.get_by_role("button", name="Bevestigen").click()
