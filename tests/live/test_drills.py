"""Drills: outages of the database, Redis and the mail server under a bounded load, against servers of their own.

Every drill asserts what a user would notice: no 500 page, a 503 page within 3 s while the database
is down, the app serving again soon after it is back, no acknowledged write lost or saved twice,
nobody logged out by Redis going away, and no reminder lost or sent twice when the mail server fails.
"""

import os
import subprocess
import sys
import time

import psycopg
import pytest

from tests.live.conftest import PROJECT_DIR, launch_app_server, stop_app_server
from tests.live.load import Browser, DiaryLoad
from tests.live.servers import PostgresServer, RedisServer, SmtpSink

pytestmark = pytest.mark.live

PATIENTS = 20  # every drill logs in new patients: three per outage, one more for the Redis drill

WORLD = """
import sys
import django
django.setup()
from clinic.second_factor import totp_device_with_secret
from demo.accounts import DEMO_TOTP_SECRET
from tests.factories import PatientFactory, PatientUserFactory, PracticeFactory
practice = PracticeFactory(name="Drill")
for number in range(int(sys.argv[1])):
    user = PatientUserFactory(email=f"patient{number}@drill.test", practice=practice)
    PatientFactory(user=user, practice=practice)
    totp_device_with_secret(user=user, secret_base32_text=DEMO_TOTP_SECRET)
"""


DUE_REMINDERS = """
import sys
import django
django.setup()
from clinic.models import Practice
from tests.factories import AppointmentFactory, CareEpisodeFactory, PatientFactory, TherapistFactory
practice = Practice.objects.get(name="Drill")
therapist = TherapistFactory(practice=practice, email="therapist@drill.test")
for number in range(int(sys.argv[1])):
    patient = PatientFactory(
        practice=practice, responsible_therapist=therapist, email=f"reminder{number}@drill.test"
    )
    AppointmentFactory(episode=CareEpisodeFactory(patient=patient))  # tomorrow
"""


class Drill:
    """A PostgreSQL and a Redis of the drill's own, a migrated database with patients, and app servers on them."""

    def __init__(self, static_root):
        self.postgres, self.redis = PostgresServer(), RedisServer()
        self.postgres.start()
        self.redis.start()
        self.database_url = self.postgres.create_database("clinic")
        self.env = {
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis.url,
            "STATIC_ROOT": str(static_root),
            "DJANGO_SETTINGS_MODULE": "clinic.settings",
        }
        self.manage("migrate", "--no-input", "-v0")
        self.python("-c", WORLD, str(PATIENTS))
        self.emails = iter(f"patient{number}@drill.test" for number in range(PATIENTS))
        self.servers = []

    def python(self, *args, env=None):
        full_env = {**os.environ, "DEBUG": "", "SECRET_KEY": "drill-" + "x" * 50, **self.env, **(env or {})}
        return subprocess.run([sys.executable, *args], cwd=PROJECT_DIR, env=full_env, capture_output=True, text=True)

    def manage(self, *args, env=None):
        done = self.python("manage.py", *args, env=env)
        assert done.returncode == 0, done.stderr
        return done

    def app_server(self, **env):
        process, base_url = launch_app_server({**self.env, **env}, workers=2)
        self.servers.append(process)
        return base_url

    def browsers(self, base_url, count):
        return [Browser(base_url).log_in(next(self.emails)) for _ in range(count)]

    def sql(self, query):
        with psycopg.connect(self.database_url) as conn:
            return conn.execute(query).fetchall()

    def diary_lines(self, browsers):
        """Return, per browser, the numbers of the diary lines the database holds for its patient."""
        rows = self.sql(
            "SELECT u.email, e.voided_ml FROM programs_bladderentry e "
            "JOIN patients_patient p ON p.id = e.patient_id JOIN clinic_user u ON u.id = p.user_id"
        )
        return {index: [ml for email, ml in rows if email == browser.email] for index, browser in enumerate(browsers)}

    def close(self):
        for process in self.servers:
            stop_app_server(process)
        self.redis.remove()
        self.postgres.remove()


@pytest.fixture(scope="module")
def drill(static_root):
    drill = Drill(static_root)
    yield drill
    drill.close()


def assert_no_write_lost_or_doubled(drill, load):
    kept = drill.diary_lines(load.browsers)
    for index, acknowledged in load.acknowledged.items():
        assert acknowledged, "the load wrote nothing: the drill proves nothing"
        assert not set(acknowledged) - set(kept[index]), "an acknowledged diary line was lost"
        assert len(kept[index]) == len(set(kept[index])), "a diary line was saved twice"


def report(name, answers, **figures):
    statuses = {}
    for answer in answers:
        statuses[answer.status] = statuses.get(answer.status, 0) + 1
    print(f"\n[drill] {name}: {len(answers)} requests, statuses {dict(sorted(statuses.items()))}", figures)


DATABASE_SETTINGS = {
    "persistent connections": {"CONN_MAX_AGE": "60"},
    "pool": {"DATABASE_POOL": "1"},
    "pool and prepared statements": {"DATABASE_POOL": "1", "DATABASE_PREPARED_STATEMENTS": "1"},
}


@pytest.mark.parametrize("setting", list(DATABASE_SETTINGS))
def test_database_outage_gives_503_at_once_and_recovers_within_2_seconds(drill, setting):
    base_url = drill.app_server(**DATABASE_SETTINGS[setting])
    load = DiaryLoad(drill.browsers(base_url, 3))
    health = Browser(base_url)
    with load:
        time.sleep(1.5)
        drill.postgres.stop()
        down_at = time.monotonic()
        time.sleep(1)
        while time.monotonic() - down_at < 5:
            health.request("/healthz")
            time.sleep(0.2)
        drill.postgres.start()
        up_at = time.monotonic()
        time.sleep(3)
    answers = [a for a in load.answers if a.started >= down_at - 0.5]
    during = [a for a in answers if a.started >= down_at and a.started + a.seconds <= up_at]
    served_again = min(a.started + a.seconds for a in answers if a.started >= up_at and a.status in (200, 302))
    report(
        f"database outage, {setting}",
        load.answers,
        slowest_answer_while_down=round(max(a.seconds for a in during), 2),
        healthz_slowest=round(max(a.seconds for a in health.answers), 2),
        serving_again_after=round(served_again - up_at, 2),
        acknowledged=sum(len(numbers) for numbers in load.acknowledged.values()),
    )

    assert not [a for a in load.answers if a.status == 500 or a.status == 0], "a 500 page or no answer at all"
    assert {a.status for a in during} >= {503}
    assert all(a.seconds < 3 for a in during if a.status == 503), "the 503 page took 3 s or more"
    assert all(a.retry_after for a in during if a.status == 503)
    assert {a.status for a in health.answers} == {503}
    assert all(a.seconds < 1 for a in health.answers), "/healthz took 1 s or more"
    assert "database: down" in health.answers[-1].body
    assert served_again - up_at < 2
    assert all(browser.is_logged_in() for browser in load.browsers)
    assert_no_write_lost_or_doubled(drill, load)


def test_redis_outage_logs_nobody_out_and_login_still_works(drill):
    base_url = drill.app_server()
    load = DiaryLoad(drill.browsers(base_url, 3))
    health, newcomer = Browser(base_url), Browser(base_url)
    with load:
        time.sleep(1.5)
        drill.redis.stop()
        down_at = time.monotonic()
        time.sleep(1)
        newcomer.log_in(next(drill.emails))
        health.request("/healthz")
        time.sleep(2)
        drill.redis.start()  # empty: a Redis that lost every key
        up_at = time.monotonic()
        time.sleep(2)
    during = [a for a in load.answers if down_at <= a.started <= up_at]
    sent_to_login = [a for a in load.answers if "/auth/login/" in a.location]
    report(
        "Redis outage",
        load.answers,
        requests_while_down=len(during),
        sent_to_login=len(sent_to_login),
        acknowledged=sum(len(numbers) for numbers in load.acknowledged.values()),
    )

    assert during, "no request was made while Redis was down"
    assert not [a for a in [*load.answers, *newcomer.answers] if a.status >= 500 or a.status == 0]
    assert not sent_to_login, "a logged-in user was sent to the login page"
    assert all(browser.is_logged_in() for browser in [*load.browsers, newcomer])
    assert health.answers[-1].status == 200
    assert health.answers[-1].body == "database: ok\nredis: degraded\n"
    assert_no_write_lost_or_doubled(drill, load)


def appointment_reminders(report):
    """The number on the command's appointment-reminder line, wherever the report puts it."""
    (line,) = [line for line in report.splitlines() if "afspraakherinneringen" in line]
    return int(line.split()[0])


def test_mail_server_outage_loses_no_reminder_and_sends_none_twice(drill):
    due = 6
    done = drill.python("-c", DUE_REMINDERS, str(due))
    assert done.returncode == 0, done.stderr
    sink = SmtpSink()
    mail = {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(sink.port), "EMAIL_USE_TLS": "0"}
    while_down = drill.python("manage.py", "send_reminders", env=mail)
    sent_while_down = drill.sql("SELECT count(*) FROM patients_remindersent")[0][0]
    sink.start()
    try:
        back_up = drill.manage("send_reminders", env=mail)
        once_more = drill.manage("send_reminders", env=mail)
    finally:
        sink.remove()
    addresses = [address for recipients, _content in sink.messages for address in recipients]
    expected = [f"reminder{number}@drill.test" for number in range(due)]
    figures = {
        "due": due,
        "exit_status_while_down": while_down.returncode,
        "delivered": len(addresses),
        "lost": len(set(expected) - set(addresses)),
        "duplicates": len(addresses) - len(set(addresses)),
    }
    print("\n[drill] mail server outage:", figures)

    assert while_down.returncode == 1
    assert f"{due} herinneringen zijn niet door de mailserver aangenomen" in while_down.stderr
    assert appointment_reminders(while_down.stdout) == 0
    assert sent_while_down == 0
    assert appointment_reminders(back_up.stdout) == due
    assert f"{due} herinneringen opnieuw geprobeerd" in back_up.stdout
    assert appointment_reminders(once_more.stdout) == 0
    assert sorted(addresses) == expected, "a reminder was lost or sent twice"
    assert drill.sql("SELECT count(*) FROM patients_reminderfailure") == [(0,)]
