"""A bounded load for the drills: logged-in browsers writing diary lines, every answer recorded."""

import datetime
import http.cookiejar
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from demo.accounts import DEMO_TOTP_SECRET
from tests.auth import current_totp
from tests.factories import TEST_PASSWORD

TIMEOUT = 30  # longer than any answer may take, so that a slow answer is measured rather than cut off


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Answer:
    started: float
    seconds: float
    method: str
    path: str
    status: int
    location: str = ""
    retry_after: str = ""
    body: str = ""


class Browser:
    """A cookie-keeping client that records every answer, follows no redirect and never raises on a status."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect)
        self.answers = []
        self.email = None

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        url = self.base_url + path
        request = urllib.request.Request(url, data=body, headers={"Referer": url})
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=TIMEOUT) as response:
                status, headers, text = response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            status, headers, text = error.code, error.headers, error.read().decode(errors="replace")
        except OSError:
            status, headers, text = 0, {}, ""  # no answer at all: the app server itself was unreachable
        answer = Answer(
            started=started,
            seconds=time.monotonic() - started,
            method="POST" if data is not None else "GET",
            path=path,
            status=status,
            location=headers.get("Location", ""),
            retry_after=headers.get("Retry-After", ""),
            body=text,
        )
        self.answers.append(answer)
        return answer

    def submit(self, path, data):
        """Open the form at `path` and send it with `data`, its CSRF and once-only tokens included."""
        page = self.request(path)
        if page.status != 200:
            return page
        tokens = dict(re.findall(r'name="(csrfmiddlewaretoken|submission)" value="([^"]+)"', page.body))
        return self.request(path, {**tokens, **data})

    def follow(self, answer):
        """Follow the redirects of `answer` and return the path of the page they end on."""
        path = answer.path
        while answer.status == 302:
            path = answer.location
            answer = self.request(path)
        return path

    def log_in(self, email):
        """Pass both login steps as `email`, with the drill's authenticator secret."""
        self.email = email
        landed = self.submit("/auth/login/", {"username": email, "password": TEST_PASSWORD})
        assert landed.status == 302, f"password step refused for {email}: {landed.status}"
        landed = self.submit(self.follow(landed), {"code": current_totp(DEMO_TOTP_SECRET)})
        assert landed.status == 302 and "/auth/" not in landed.location, f"second step refused for {email}"
        return self

    def is_logged_in(self):
        return self.request("/my/diary/").status == 200


class DiaryLoad:
    """Each browser writes bladder-diary lines, one after the other, until stopped.

    A line's `voided_ml` is its number for that browser, so the database shows which acknowledged
    lines were kept and whether any was kept twice.
    """

    def __init__(self, browsers):
        self.browsers = browsers
        self.acknowledged = {index: [] for index in range(len(browsers))}
        self.stopping = threading.Event()
        self.recorded_at = (datetime.date.today() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT08:00")
        self.threads = [threading.Thread(target=self._write, args=(index,)) for index in range(len(browsers))]

    def _write(self, index):
        browser, number = self.browsers[index], 0
        while not self.stopping.is_set():
            number += 1
            line = {"recorded_at": self.recorded_at, "moment": "day", "voided_ml": number, "leakage": "none"}
            answer = browser.submit("/my/diary/bladder/new/", line)
            if answer.method == "POST" and answer.status == 302 and answer.location.startswith("/my/diary/"):
                self.acknowledged[index].append(number)
            time.sleep(0.02)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join()

    @property
    def answers(self):
        return sorted((a for b in self.browsers for a in b.answers), key=lambda a: a.started)
