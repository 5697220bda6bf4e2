import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from clinic.choices import AccessAction
from clinic.models import AccessLogEntry, User
from tests.auth import login
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def later(**delta):
    return time_machine.travel(timezone.now() + datetime.timedelta(**delta), tick=False)


@pytest.mark.parametrize(
    ("fixture", "url_name", "still_in", "timed_out"),
    [
        ("therapist", "patients:dashboard", 14, 16),
        ("practice_admin", "clinic:account_list", 14, 16),
        ("patient_user", "portal:home", 29, 31),
    ],
)
def test_idle_sessions_end_after_15_minutes_for_staff_and_30_for_patients(
    client, request, fixture, url_name, still_in, timed_out
):
    user = request.getfixturevalue(fixture)
    login(client, user)
    with later(minutes=still_in):
        assert client.get(reverse(url_name)).status_code == 200
    with later(minutes=still_in + timed_out):
        response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    entry = AccessLogEntry.objects.get(action=AccessAction.TIMEOUT)
    assert entry.user == user
    assert entry.detail == "idle timeout"


def test_activity_keeps_the_session_alive_until_the_absolute_limit(client, therapist):
    login(client, therapist)
    start = timezone.now()
    for minutes in range(10, 12 * 60, 10):
        with time_machine.travel(start + datetime.timedelta(minutes=minutes), tick=False):
            assert client.get(reverse("patients:dashboard")).status_code == 200, minutes
    with time_machine.travel(start + datetime.timedelta(hours=12, minutes=5), tick=False):
        response = client.get(reverse("patients:dashboard"))
    assert response.url.startswith(reverse("login"))
    assert AccessLogEntry.objects.get(action=AccessAction.TIMEOUT).detail == "absolute session limit"


def test_after_a_timeout_the_login_page_says_why(client, therapist):
    login(client, therapist)
    with later(minutes=20):
        response = client.get(reverse("patients:dashboard"), follow=True)
    assert list(response.context["messages"])


def test_login_gives_a_new_session_id(client, therapist):
    client.get(reverse("login"))
    client.cookies["sessionid"] = "anonymous-session-id-set-by-an-attacker"
    client.post(reverse("login"), {"username": therapist.email, "password": TEST_PASSWORD})
    assert client.cookies["sessionid"].value != "anonymous-session-id-set-by-an-attacker"


def test_changing_the_password_ends_the_other_sessions(client, therapist):
    phone = Client()
    login(phone, therapist)
    login(client, therapist)
    # The new password resembles no generated name: the similarity check would refuse one like the surname.
    response = client.post(
        reverse("password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "7vQ!pZ3#kW9@rT2x-88",
            "new_password2": "7vQ!pZ3#kW9@rT2x-88",
        },
    )
    assert response.status_code == 302
    assert client.get(reverse("patients:dashboard")).status_code == 200
    assert phone.get(reverse("patients:dashboard")).url.startswith(reverse("login"))


def test_deactivation_ends_the_users_sessions(client, practice_admin, therapist):
    login(client, therapist)
    admin = Client()
    login(admin, practice_admin).post(reverse("clinic:account_deactivate", args=[therapist.pk]))
    assert client.get(reverse("patients:dashboard")).url.startswith(reverse("login"))


def test_session_cookie_is_http_only_same_site_and_secure_in_production(client, settings, therapist):
    settings.SESSION_COOKIE_SECURE = True
    client.post(reverse("login"), {"username": therapist.email, "password": TEST_PASSWORD}, secure=True)
    cookie = client.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert cookie["secure"]


def test_logout_is_logged(client, therapist):
    login(client, therapist).post(reverse("logout"))
    assert AccessLogEntry.objects.filter(action=AccessAction.LOGOUT, user=therapist).exists()


def test_role_change_is_logged(client, practice_admin, therapist):
    login(client, practice_admin)
    client.post(
        reverse("clinic:account_update", args=[therapist.pk]),
        {"first_name": therapist.first_name, "last_name": therapist.last_name, "role": "practice_admin"},
    )
    entry = AccessLogEntry.objects.get(action=AccessAction.ROLE_CHANGE)
    assert entry.user == practice_admin
    assert therapist.email in entry.detail and "therapist -> practice_admin" in entry.detail
    # Saving without changing the role writes no role-change entry.
    client.post(
        reverse("clinic:account_update", args=[therapist.pk]),
        {"first_name": "Nieuw", "last_name": therapist.last_name, "role": "practice_admin"},
    )
    assert AccessLogEntry.objects.filter(action=AccessAction.ROLE_CHANGE).count() == 1


def test_the_logged_in_user_comes_with_their_practice_in_one_query(therapist, django_assert_num_queries):
    from clinic.security import AccountBackend

    with django_assert_num_queries(1):
        user = AccountBackend().get_user(therapist.pk)
        assert user.practice.name == therapist.practice.name


def test_a_deactivated_or_unknown_account_is_no_logged_in_user(therapist):
    from clinic.security import AccountBackend

    therapist.is_active = False
    therapist.save()
    assert AccountBackend().get_user(therapist.pk) is None
    assert AccountBackend().get_user(therapist.pk + 1000) is None


def test_a_role_change_ends_the_users_sessions(client, practice_admin, therapist):
    login(client, therapist)
    admin = Client()
    login(admin, practice_admin).post(
        reverse("clinic:account_update", args=[therapist.pk]),
        {"first_name": therapist.first_name, "last_name": therapist.last_name, "role": "practice_admin"},
    )
    response = client.get(reverse("clinic:account_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    "change", [{"role": "therapist"}, {"practice": "other"}, {"is_active": False}], ids=["role", "practice", "active"]
)
def test_any_change_of_role_practice_or_activity_ends_the_sessions(client, other_practice, patient_user, change):
    """However the account is changed (the Django admin, a script), its sessions do not outlive the change."""
    login(client, patient_user)
    assert client.get(reverse("portal:home")).status_code == 200
    if change.get("practice"):
        change = {"practice": other_practice}
    User.objects.filter(pk=patient_user.pk).update(**change)

    for url_name in ("portal:home", "clinic:account_list", "patients:patient_list"):
        response = client.get(reverse(url_name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_a_superuser_changing_their_own_account_in_the_admin_stays_logged_in(admin_client, admin_user, practice):
    url = reverse("admin:clinic_user_change", args=[admin_user.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "password"}
    data.update(first_name="Root", last_name="Beheer", practice=practice.pk, role="practice_admin")
    data.update(is_active="on", is_superuser="on")
    assert admin_client.post(url, data).status_code == 302
    assert admin_client.get(reverse("admin:index")).status_code == 200
