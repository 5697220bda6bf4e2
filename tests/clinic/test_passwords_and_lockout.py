import pytest
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

from clinic.choices import AccessAction, AccessOutcome
from clinic.models import AccessLogEntry
from clinic.security import client_ip
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def lockout(settings):
    settings.AXES_FAILURE_LIMIT = 3


WRONG_PASSWORD = "not-the-password"


def attempt(client, email, password=WRONG_PASSWORD, ip="203.0.113.7"):
    return client.post(reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_passwords_are_hashed_with_argon2(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    hashed = make_password("een-lang-wachtwoord-7")
    assert identify_hasher(hashed).algorithm == "argon2"
    assert check_password("een-lang-wachtwoord-7", hashed)


@pytest.mark.parametrize("password", ["kort-7", "password1234", "123456789012"])
def test_short_and_common_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_passphrase_without_symbols_is_accepted():
    validate_password("paarse olifant fietst naar huis")


def test_account_is_locked_after_repeated_failures_even_with_the_right_password(client, lockout, therapist):
    for _attempt in range(3):
        attempt(client, therapist.email)
    response = attempt(client, therapist.email, password=TEST_PASSWORD, ip="198.51.100.1")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AccessLogEntry.objects.filter(action=AccessAction.LOCKOUT, user=therapist).exists()


def test_address_is_locked_after_failures_on_several_accounts(client, lockout, therapist):
    for number in range(3):
        attempt(client, f"guess{number}@example.org")
    response = attempt(client, therapist.email, password=TEST_PASSWORD)
    assert response.status_code == 429
    assert attempt(client, therapist.email, password=TEST_PASSWORD, ip="198.51.100.1").status_code == 302


def test_locked_out_message_is_the_same_for_unknown_and_known_accounts(client, lockout, therapist):
    for email in [therapist.email, "nobody@example.org"]:
        for _attempt in range(3):
            attempt(client, email, ip="192.0.2.1")
    known = attempt(client, therapist.email, ip="192.0.2.2")
    unknown = attempt(client, "nobody@example.org", ip="192.0.2.3")
    assert known.status_code == unknown.status_code == 429
    assert known.context["locked_out"] == unknown.context["locked_out"]


def test_lockout_counts_the_address_in_any_letter_case(client, lockout, therapist):
    for email in [therapist.email.upper(), therapist.email.title(), therapist.email]:
        attempt(client, email, ip="192.0.2.9")
    assert attempt(client, therapist.email, password=TEST_PASSWORD, ip="192.0.2.10").status_code == 429


def test_failed_logins_are_logged_for_known_and_unknown_accounts(client, therapist):
    attempt(client, therapist.email)
    attempt(client, "nobody@example.org")
    failed = AccessLogEntry.objects.filter(action=AccessAction.LOGIN, outcome=AccessOutcome.FAILED)
    assert failed.count() == 2
    assert failed.filter(user=therapist, client_ip="203.0.113.7").exists()
    assert failed.filter(user=None, detail__contains="nobody@example.org").exists()


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "expected"),
    [
        (0, "", "203.0.113.5", "203.0.113.5"),
        (0, "198.51.100.9", "203.0.113.5", "203.0.113.5"),  # without a proxy the header is the client's own claim
        (1, "198.51.100.9", "10.0.0.2", "198.51.100.9"),
        (1, "6.6.6.6, 198.51.100.9", "10.0.0.2", "198.51.100.9"),  # a forged first entry is ignored
        (2, "6.6.6.6, 198.51.100.9, 10.0.0.3", "10.0.0.2", "198.51.100.9"),
        (1, "", "10.0.0.2", "10.0.0.2"),
        (1, "not-an-address", "10.0.0.2", None),
    ],
)
def test_client_address_behind_trusted_proxies(settings, proxies, forwarded, remote, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_lockout_behind_a_proxy_follows_the_real_client(client, lockout, settings, therapist):
    settings.TRUSTED_PROXY_COUNT = 1
    for _attempt in range(3):
        client.post(
            reverse("login"),
            {"username": f"x{_attempt}@example.org", "password": "nope-nope-nope"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="198.51.100.9",
        )
    other_client = client.post(
        reverse("login"),
        {"username": therapist.email, "password": TEST_PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.10",
    )
    assert other_client.status_code == 302


def test_an_overlong_login_name_is_refused_like_any_wrong_login(client, lockout):
    response = attempt(client, "x" * 300 + "@example.org")

    assert response.status_code == 200
    assert response.context["form"].errors


def test_own_logins_between_guesses_do_not_save_another_account_from_lockout(client, settings, therapist, patient_user):
    """The attack: 9 guesses for the victim, one own login from the same address, three times."""
    settings.AXES_FAILURE_LIMIT = 10
    for _round in range(3):
        for _guess in range(9):
            attempt(client, therapist.email)
        attempt(client, patient_user.email, password=TEST_PASSWORD)
        client.post(reverse("logout"))

    response = attempt(client, therapist.email, password=TEST_PASSWORD, ip="198.51.100.20")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_successful_login_clears_the_accounts_own_failures(client, lockout, therapist):
    for _round in range(2):
        attempt(client, therapist.email)
        attempt(client, therapist.email)
        assert attempt(client, therapist.email, password=TEST_PASSWORD).status_code == 302
        client.post(reverse("logout"))
