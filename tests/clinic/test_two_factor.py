import importlib
import re

import django_otp
import pytest
import time_machine
from django.core import mail
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.choices import AccessAction, AccessOutcome
from clinic.models import AccessLogEntry, one_time_code_digest
from clinic.second_factor import backup_codes_issue
from tests.auth import login
from tests.factories import TEST_PASSWORD, PatientUserFactory, TherapistFactory, UserFactory

pytestmark = pytest.mark.django_db


def app_code(device):
    """Return the code an authenticator app shows now for this device."""
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def password_step(client, user, next_url=""):
    data = {"username": user.email, "password": TEST_PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data)


def with_authenticator(user):
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


# --- staff: the authenticator app ------------------------------------------------------------------


def test_new_therapist_must_set_up_an_app_before_any_page(client, therapist):
    response = password_step(client, therapist)
    assert client.get(response.url).url.startswith(reverse("two_factor_setup"))
    for url in [reverse("patients:dashboard"), reverse("password_change"), reverse("home")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("two_factor_setup"))


def test_enrolment_shows_a_qr_code_and_the_typed_secret(client, therapist):
    password_step(client, therapist)
    response = client.get(reverse("two_factor_setup"))
    assert response.status_code == 200
    assert "<svg" in response.text
    secret = response.context["secret"].replace(" ", "")
    device = TOTPDevice.objects.get(user=therapist, confirmed=False)
    assert secret in device.config_url
    # Reloading the page keeps the same secret, so a scanned code still works.
    assert client.get(reverse("two_factor_setup")).context["secret"] == response.context["secret"]


def test_enrolment_with_the_right_code_shows_backup_codes_and_opens_the_app(client, therapist):
    password_step(client, therapist, next_url=reverse("patients:dashboard"))
    client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=therapist, confirmed=False)
    key_before = client.session.session_key
    response = client.post(
        reverse("two_factor_setup"), {"code": app_code(device), "next": reverse("patients:dashboard")}
    )
    assert response.status_code == 302
    assert client.session.session_key != key_before
    device.refresh_from_db()
    assert device.confirmed
    codes_page = client.get(response.url)
    assert len(codes_page.context["codes"]) == 10
    assert reverse("patients:dashboard") in codes_page.text
    # Shown once only.
    assert client.get(reverse("two_factor_backup_codes")).context["codes"] is None
    assert client.get(reverse("patients:dashboard")).status_code == 200
    entry = AccessLogEntry.objects.get(action=AccessAction.LOGIN, outcome=AccessOutcome.SUCCESS)
    assert entry.user == therapist


def test_enrolment_with_a_wrong_code_is_refused(client, therapist):
    password_step(client, therapist)
    client.get(reverse("two_factor_setup"))
    response = client.post(reverse("two_factor_setup"), {"code": "000000"})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert not TOTPDevice.objects.filter(user=therapist, confirmed=True).exists()
    assert client.get(reverse("patients:dashboard")).status_code == 302


def test_enrolled_therapist_is_asked_for_the_app_code_and_lands_on_next(client, therapist):
    device = with_authenticator(therapist)
    response = password_step(client, therapist, next_url=reverse("patients:dashboard"))
    verify_url = client.get(response.url).url
    assert verify_url.startswith(reverse("two_factor_verify"))
    assert client.get(verify_url).context["by_email"] is False
    key_before = client.session.session_key
    response = client.post(verify_url, {"code": app_code(device), "next": reverse("patients:dashboard")})
    assert response.url == reverse("patients:dashboard")
    assert client.session.session_key != key_before
    assert client.get(reverse("patients:dashboard")).status_code == 200


def test_login_with_email_in_any_case_and_app_code_lands_on_role_home(client, therapist):
    device = with_authenticator(therapist)
    client.post(reverse("login"), {"username": therapist.email.upper(), "password": TEST_PASSWORD})
    response = client.post(reverse("two_factor_verify"), {"code": app_code(device)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("patients:dashboard")


def test_wrong_app_code_is_refused_and_logged(client, therapist):
    device = with_authenticator(therapist)
    password_step(client, therapist)
    wrong = f"{(int(app_code(device)) + 1) % 1000000:06d}"
    response = client.post(reverse("two_factor_verify"), {"code": wrong})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert client.get(reverse("patients:dashboard")).status_code == 302
    entry = AccessLogEntry.objects.get(action=AccessAction.SECOND_FACTOR)
    assert entry.outcome == AccessOutcome.FAILED
    assert entry.user == therapist


def test_repeated_wrong_codes_are_slowed_down(client, therapist):
    device = with_authenticator(therapist)
    password_step(client, therapist)
    for _attempt in range(3):
        client.post(reverse("two_factor_verify"), {"code": "000000"})
    response = client.post(reverse("two_factor_verify"), {"code": app_code(device)})
    assert response.status_code == 200
    assert "Te veel onjuiste codes" in str(response.context["form"].errors["code"])


def test_a_used_app_code_cannot_be_replayed(client, therapist):
    device = with_authenticator(therapist)
    code = app_code(device)
    password_step(client, therapist)
    assert client.post(reverse("two_factor_verify"), {"code": code}).status_code == 302
    other = client.__class__()
    password_step(other, therapist)
    replayed = other.post(reverse("two_factor_verify"), {"code": code})
    assert replayed.status_code == 200
    assert replayed.context["form"].errors["code"]
    assert not replayed.wsgi_request.user.is_verified()


def test_a_backup_code_works_once(client, therapist):
    with_authenticator(therapist)
    codes = backup_codes_issue(user=therapist, acting_user=therapist)
    password_step(client, therapist)
    assert client.post(reverse("two_factor_verify"), {"code": codes[0].upper()}).status_code == 302
    assert client.get(reverse("patients:dashboard")).status_code == 200
    assert StaticToken.objects.filter(device__user=therapist).count() == 9
    other = client.__class__()
    password_step(other, therapist)
    assert other.post(reverse("two_factor_verify"), {"code": codes[0]}).status_code == 200


def test_new_backup_codes_replace_the_old_ones(client, therapist):
    old = backup_codes_issue(user=therapist, acting_user=therapist)
    login(client, therapist)
    client.post(reverse("two_factor_backup_codes"))
    new = client.get(reverse("two_factor_backup_codes")).context["codes"]
    assert len(new) == 10
    assert not StaticToken.objects.filter(token__in=[one_time_code_digest(code) for code in old]).exists()


def test_codes_stored_before_hashing_are_hashed_by_the_migration_and_still_work(client, therapist):
    from django.apps import apps

    migration = importlib.import_module("clinic.migrations.0012_one_time_codes_hashed")
    with_authenticator(therapist)
    backup_codes_issue(user=therapist, acting_user=therapist)
    StaticToken.objects.filter(device__user=therapist).delete()
    device = StaticDevice.objects.get(user=therapist)
    StaticToken.objects.create(device=device, token="abcd2345")  # as the codes were stored before

    migration.hash_stored_codes(apps, None)

    assert StaticToken.objects.get(device=device).token == one_time_code_digest("abcd2345")
    password_step(client, therapist)
    assert client.post(reverse("two_factor_verify"), {"code": "abcd2345"}).status_code == 302


def test_the_database_holds_no_usable_backup_or_emailed_code(client, therapist, patient_user):
    """Whoever reads the tables (a backup, the database admin) finds hashes that do not log anyone in."""
    with_authenticator(therapist)
    backup_codes = backup_codes_issue(user=therapist, acting_user=therapist)
    password_step(client, patient_user)
    emailed_code = re.search(r"\b(\d{6})\b", mail.outbox[0].body).group(1)

    stored = [*StaticToken.objects.values_list("token", flat=True)]
    stored += EmailDevice.objects.values_list("token", flat=True)
    assert len(stored) == 11
    assert not {*backup_codes, emailed_code} & set(stored)
    for value in stored:
        assert client.post(reverse("two_factor_verify"), {"code": value}).status_code == 200
        staff = client.__class__()
        password_step(staff, therapist)
        assert staff.post(reverse("two_factor_verify"), {"code": value}).status_code == 200

    EmailDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    assert client.post(reverse("two_factor_verify"), {"code": emailed_code}).status_code == 302


def test_setup_cannot_replace_an_app_before_the_second_factor(client, therapist):
    """Someone with only the password must not be able to enrol their own phone."""
    with_authenticator(therapist)
    password_step(client, therapist)
    response = client.get(reverse("two_factor_setup"))
    assert response.url.startswith(reverse("two_factor_verify"))
    assert client.post(reverse("two_factor_setup"), {"code": "123456"}).status_code == 302
    assert TOTPDevice.objects.filter(user=therapist).count() == 1


@pytest.mark.parametrize("url", ["/admin/", "/accounts/", "/patients/", "/my/", "/auth/password_change/"])
def test_no_page_skips_the_second_factor(client, practice, url):
    user = UserFactory(practice=practice, is_staff=True, is_superuser=True)
    with_authenticator(user)
    login(client, user, verified=False)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor_verify"))


def session_verified_by_email(client, user):
    """Log the client in as `user` with a session whose second factor was an e-mailed code."""
    login(client, user, verified=False)
    session = client.session
    device = EmailDevice.objects.create(user=user, name="email", confirmed=True)
    session[django_otp.DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.mark.parametrize(
    ("fixture", "url_name"),
    [
        ("therapist", "patients:patient_list"),
        ("therapist", "patients:dashboard"),
        ("practice_admin", "clinic:account_list"),
        ("practice_admin", "clinic:access_log"),
    ],
)
def test_staff_pages_need_the_authenticator_app_not_an_emailed_code(client, request, fixture, url_name):
    """A session verified by e-mail (a promoted patient's, say) is sent to the app on every staff page."""
    user = request.getfixturevalue(fixture)
    device = with_authenticator(user)
    session_verified_by_email(client, user)

    response = client.get(reverse(url_name))

    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor_verify"))
    assert client.post(response.url, {"code": app_code(device)}).status_code == 302
    assert client.get(reverse(url_name)).status_code == 200


def test_staff_without_an_app_and_an_emailed_code_are_sent_to_enrol(client, therapist):
    session_verified_by_email(client, therapist)
    response = client.get(reverse("patients:patient_list"))
    assert response.url.startswith(reverse("two_factor_setup"))


def test_django_admin_login_goes_through_the_two_step_login(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next=/admin/"


def test_password_reset_does_not_log_in(client, therapist):
    client.post(reverse("password_reset"), {"email": therapist.email})
    link = re.search(r"http://testserver(/auth/reset/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url
    client.post(form_url, {"new_password1": "7vQ!pZ3#kW9@rT2x-88", "new_password2": "7vQ!pZ3#kW9@rT2x-88"})
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("patients:dashboard")).url.startswith(reverse("login"))


def test_logout_is_possible_before_the_second_factor(client, therapist):
    login(client, therapist, verified=False)
    client.post(reverse("logout"))
    assert "_auth_user_id" not in client.session


# --- patients: a code by e-mail, or an app if they prefer -------------------------------------------


def test_patient_gets_a_code_by_email_and_logs_in_with_it(client, patient_user):
    response = password_step(client, patient_user)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [patient_user.email]
    code = re.search(r"\b(\d{6})\b", mail.outbox[0].body).group(1)
    verify_url = client.get(response.url).url
    page = client.get(verify_url)
    assert patient_user.email in page.text
    response = client.post(verify_url, {"code": code}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("portal:home")
    entry = AccessLogEntry.objects.get(action=AccessAction.LOGIN, outcome=AccessOutcome.SUCCESS)
    assert entry.user == patient_user
    assert "e-mail" in entry.detail


def test_emailed_code_works_only_once_and_expires(client, patient_user):
    password_step(client, patient_user)
    code = re.search(r"\b(\d{6})\b", mail.outbox[0].body).group(1)
    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=11)):
        response = client.post(reverse("two_factor_verify"), {"code": code})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]


def test_patient_can_ask_for_a_new_code(client, patient_user):
    password_step(client, patient_user)
    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=1)):
        client.post(reverse("two_factor_email_resend"))
        assert len(mail.outbox) == 2
        new_code = re.search(r"\b(\d{6})\b", mail.outbox[1].body).group(1)
        assert client.post(reverse("two_factor_verify"), {"code": new_code}).status_code == 302


def test_patient_can_switch_to_an_app_and_back(client, patient_user):
    login(client, patient_user)
    assert client.get(reverse("two_factor_settings")).status_code == 200
    client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=patient_user, confirmed=False)
    assert client.post(reverse("two_factor_setup"), {"code": app_code(device)}).status_code == 302
    assert not EmailDevice.objects.filter(user=patient_user).exists()

    other = client.__class__()
    password_step(other, patient_user)
    assert len(mail.outbox) == 0
    assert other.get(reverse("two_factor_verify")).context["by_email"] is False

    client.post(reverse("two_factor_use_email"))
    assert EmailDevice.objects.filter(user=patient_user, confirmed=True).exists()
    assert not TOTPDevice.objects.filter(user=patient_user).exists()
    assert client.get(reverse("portal:home")).status_code == 200


def test_staff_cannot_choose_email_codes(client, therapist):
    login(client, therapist)
    assert client.post(reverse("two_factor_use_email")).status_code == 403
    assert TOTPDevice.objects.filter(user=therapist).exists()


def test_unverified_patient_cannot_enrol_an_app_instead_of_the_emailed_code(client, patient_user):
    password_step(client, patient_user)
    assert client.get(reverse("two_factor_setup")).url.startswith(reverse("two_factor_verify"))


# --- practice admin resets a second factor ----------------------------------------------------------


def test_practice_admin_resets_a_second_factor_and_it_is_logged(client, practice_admin, therapist):
    with_authenticator(therapist)
    backup_codes_issue(user=therapist, acting_user=therapist)
    login(client, practice_admin)
    response = client.post(reverse("clinic:account_second_factor_reset", args=[therapist.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=therapist).exists()
    assert not StaticToken.objects.filter(device__user=therapist).exists()
    entry = AccessLogEntry.objects.get(action=AccessAction.SECOND_FACTOR_RESET)
    assert entry.user == practice_admin
    assert therapist.email in entry.detail
    # At the next login the therapist enrols again.
    other = client.__class__()
    password_step(other, therapist)
    assert other.get(reverse("home")).url.startswith(reverse("two_factor_setup"))


def test_reset_ends_the_verified_state_of_open_sessions(client, practice_admin, therapist):
    login(client, therapist)
    admin_client = client.__class__()
    login(admin_client, practice_admin)
    admin_client.post(reverse("clinic:account_second_factor_reset", args=[therapist.pk]))
    assert client.get(reverse("patients:dashboard")).url.startswith(reverse("two_factor_setup"))


def test_reset_is_refused_to_other_roles_practices_and_oneself(
    client, practice_admin, other_admin, therapist, patient_user
):
    device = with_authenticator(therapist)
    url = reverse("clinic:account_second_factor_reset", args=[therapist.pk])
    assert login(client, other_admin).post(url).status_code == 404
    assert login(client, TherapistFactory(practice=therapist.practice)).post(url).status_code == 403
    assert login(client, patient_user).post(url).status_code == 403
    login(client, practice_admin)
    assert client.get(url).status_code == 405
    own = client.post(reverse("clinic:account_second_factor_reset", args=[practice_admin.pk]), follow=True)
    assert "eigen tweede factor" in own.text
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    assert TOTPDevice.objects.filter(user=practice_admin).exists()
    assert not AccessLogEntry.objects.filter(action=AccessAction.SECOND_FACTOR_RESET).exists()


def test_reset_of_a_patient_brings_back_emailed_codes(client, practice_admin):
    patient = PatientUserFactory(practice=practice_admin.practice)
    with_authenticator(patient)
    login(client, practice_admin).post(reverse("clinic:account_second_factor_reset", args=[patient.pk]))
    other = client.__class__()
    password_step(other, patient)
    assert len(mail.outbox) == 1


def test_navigation_is_hidden_until_the_second_factor_is_done(client, therapist):
    login(client, therapist, verified=False)
    page = client.get(reverse("two_factor_verify"))
    assert reverse("patients:dashboard") not in page.text
    assert reverse("password_change") not in page.text
    login(client, therapist)
    assert reverse("patients:dashboard") in client.get(reverse("two_factor_settings")).text


def test_a_new_code_is_not_sent_twice_within_the_cooldown(client, patient_user):
    password_step(client, patient_user)
    response = client.post(reverse("two_factor_email_resend"), follow=True)
    assert len(mail.outbox) == 1
    assert [message.level_tag for message in response.context["messages"]] == ["warning"]


def test_a_mail_server_failure_at_login_is_explained_not_a_crash(client, patient_user, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(EmailDevice, "send_mail", refuse)
    response = password_step(client, patient_user)
    assert response.status_code == 302
    page = client.get(reverse("two_factor_verify"))
    assert page.status_code == 200
    assert [message.level_tag for message in page.context["messages"]] == ["error"]


def test_the_page_asked_for_is_kept_with_its_query_through_both_steps(client, therapist):
    device = with_authenticator(therapist)
    wanted = reverse("patients:dashboard") + "?status=open&page=2"
    first = client.get(wanted)
    login_page = client.post(first.url, {"username": therapist.email, "password": TEST_PASSWORD, "next": wanted})
    verify_url = client.get(login_page.url).url
    response = client.post(verify_url, {"code": app_code(device), "next": client.get(verify_url).context["next"]})
    assert response.url == wanted


def exempt_url_names(patterns, prefix=""):
    """Yield the names of URL patterns whose views a half-logged-in user may reach."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from exempt_url_names(pattern.url_patterns, namespace)
        elif not getattr(pattern.callback, "login_required", True) or not getattr(
            pattern.callback, "second_factor_required", True
        ):
            yield f"{prefix}{pattern.name}"


def test_only_the_login_pages_are_open_before_the_second_factor():
    """A new page that skips the second factor must be added here on purpose."""
    assert set(exempt_url_names(get_resolver().url_patterns)) == {
        "healthz",
        "favicon",
        "set_language",
        "login",
        "logout",
        "admin_login",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        "two_factor_verify",
        "two_factor_email_resend",
        "two_factor_setup",
        "admin:login",
        # A phone calendar fetches the feed without a session; its secret token is the key.
        "portal:calendar_feed",
    }
