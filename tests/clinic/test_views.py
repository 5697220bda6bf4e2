import datetime

import pytest
from django.core import mail
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from clinic.choices import AccessAction, Role
from clinic.models import AccessLogEntry, User
from tests.auth import login
from tests.factories import TEST_PASSWORD, TherapistFactory, UserFactory
from tests.query_plans import assert_index_serves

pytestmark = pytest.mark.django_db


# --- public pages and login -------------------------------------------------------------------


def test_login_page_is_dutch_by_default(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert '<html lang="nl">' in response.text
    assert "Inloggen" in response.text


def test_language_switcher_turns_the_page_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    response = client.get(reverse("login"))
    assert '<html lang="en">' in response.text
    assert "Log in" in response.text


@pytest.mark.parametrize("url_name", ["home", "clinic:account_list", "patients:dashboard", "portal:home"])
def test_anonymous_user_is_sent_to_login(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_health_endpoint_is_public_and_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.text == "database: ok\n"


def test_health_endpoint_answers_503_when_the_database_is_down(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("clinic.views.home.connection.cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.text == "database: down\n"


def test_wrong_password_and_unknown_email_get_the_same_message(client, therapist):
    wrong_password = client.post(reverse("login"), {"username": therapist.email, "password": "not-the-password"})
    unknown_email = client.post(reverse("login"), {"username": "nobody@example.org", "password": "not-the-password"})
    assert wrong_password.status_code == unknown_email.status_code == 200
    assert wrong_password.context["form"].non_field_errors() == unknown_email.context["form"].non_field_errors()
    assert wrong_password.context["form"].non_field_errors()


def test_deactivated_account_with_its_password_is_told_to_contact_the_practice(client, practice):
    user = UserFactory(practice=practice, is_active=False)
    with translation.override("nl"):
        response = client.post(reverse("login"), {"username": user.email, "password": TEST_PASSWORD})
    assert "Neem contact op met uw praktijk" in " ".join(response.context["form"].non_field_errors())
    assert "_auth_user_id" not in client.session


def test_deactivated_account_with_a_wrong_password_gets_the_generic_message(client, practice):
    user = UserFactory(practice=practice, is_active=False)
    wrong = client.post(reverse("login"), {"username": user.email, "password": "not-the-password"})
    unknown = client.post(reverse("login"), {"username": "nobody@example.org", "password": "not-the-password"})
    assert wrong.context["form"].non_field_errors() == unknown.context["form"].non_field_errors()


def test_favicon_is_an_icon_on_every_page(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in b"".join(response.streaming_content)


# --- role homes and navigation ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "home"),
    [
        ("practice_admin", "clinic:account_list"),
        ("therapist", "patients:dashboard"),
        ("patient_user", "portal:home"),
    ],
)
def test_each_role_lands_on_its_own_home(client, request, fixture, home):
    login(client, request.getfixturevalue(fixture))
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse(home)
    assert response.status_code == 200


def test_patient_navigation_offers_no_staff_pages(client, patient_user):
    response = login(client, patient_user).get(reverse("portal:home"))
    assert reverse("portal:home") in response.text
    assert reverse("clinic:account_list") not in response.text
    assert reverse("patients:dashboard") not in response.text
    assert reverse("admin:index") not in response.text


@pytest.mark.parametrize(
    ("fixture", "url_name"),
    [
        ("patient_user", "patients:dashboard"),
        ("patient_user", "clinic:account_list"),
        ("therapist", "clinic:account_list"),
        ("therapist", "portal:home"),
        ("practice_admin", "patients:dashboard"),
        ("practice_admin", "portal:home"),
    ],
)
def test_wrong_role_is_refused(client, request, fixture, url_name):
    login(client, request.getfixturevalue(fixture))
    assert client.get(reverse(url_name)).status_code == 403


def test_practice_staff_cannot_use_the_django_admin(client, practice_admin):
    response = login(client, practice_admin).get(reverse("admin:index"))
    assert response.status_code == 403
    assert "Het Django-beheer is alleen voor superusers" in response.text


# --- account management -----------------------------------------------------------------------


def test_account_list_shows_only_own_practice(client, practice_admin, therapist, other_therapist):
    response = login(client, practice_admin).get(reverse("clinic:account_list"))
    assert therapist.email in response.text
    assert other_therapist.email not in response.text


def test_account_list_searches_and_filters(client, practice_admin, practice):
    TherapistFactory(practice=practice, first_name="Marleen", last_name="Kok", email="mk@noord.test")
    UserFactory(practice=practice, role=Role.PATIENT, first_name="Marleen", last_name="Dijk", email="md@noord.test")
    login(client, practice_admin)
    response = client.get(reverse("clinic:account_list"), {"q": "marleen", "role": Role.THERAPIST})
    assert "mk@noord.test" in response.text
    assert "md@noord.test" not in response.text


def test_account_list_row_shows_name_email_role_status_and_last_login(client, practice_admin, practice):
    account = TherapistFactory(
        practice=practice,
        first_name="Marleen",
        last_name="Kok",
        email="mk@noord.test",
        is_active=False,
        last_login=datetime.datetime(2026, 3, 1, 8, 5, tzinfo=datetime.UTC),
    )
    login(client, practice_admin)

    page = client.get(reverse("clinic:account_list")).text

    row = page[page.index(f'<a href="{reverse("clinic:account_update", args=[account.pk])}">') :].split("</tr>")[0]
    with translation.override("nl"):
        shown = ("Marleen Kok</a>", "mk@noord.test", f"<td>{Role.THERAPIST.label}</td>", "<td>01-03-2026 09:05</td>")
        assert all(part in row for part in shown), row
        assert str(Role.THERAPIST.label) != "Therapist"
    assert "text-bg-secondary" in row


def test_a_page_of_accounts_is_read_off_an_index_without_sorting_the_practice(client, practice_admin, practice):
    UserFactory.create_batch(3, practice=practice)
    login(client, practice_admin)
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("clinic:account_list"))
    page = next(query["sql"] for query in captured if 'ORDER BY "clinic_user"."sort_name"' in query["sql"])
    assert_index_serves(page)


def test_account_list_paginates_with_a_fixed_number_of_queries(
    client, practice_admin, practice, django_assert_max_num_queries
):
    UserFactory.create_batch(30, practice=practice)
    login(client, practice_admin)
    with CaptureQueriesContext(connection) as captured, django_assert_max_num_queries(6):
        response = client.get(reverse("clinic:account_list"))
    assert len(response.context["object_list"]) == 25 and "?page=2" in response.text
    # A practice's accounts are not counted on every view: the next page is known from one row more.
    assert not any("COUNT(" in query["sql"] for query in captured.captured_queries)
    second = client.get(reverse("clinic:account_list"), {"page": 2})
    assert second.status_code == 200 and len(second.context["object_list"]) == 6


@pytest.mark.parametrize(
    "url_name", ["clinic:account_update", "clinic:account_deactivate", "clinic:account_reactivate"]
)
def test_admin_of_other_practice_gets_404(client, other_admin, therapist, url_name):
    login(client, other_admin)
    url = reverse(url_name, args=[therapist.pk])
    assert client.get(url).status_code in (404, 405)
    assert client.post(url, {"first_name": "X", "last_name": "Y", "role": Role.PATIENT}).status_code == 404
    therapist.refresh_from_db()
    assert therapist.role == Role.THERAPIST and therapist.is_active


def test_admin_creates_an_account_and_an_invitation_is_sent(client, practice_admin, django_capture_on_commit_callbacks):
    login(client, practice_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("clinic:account_create"),
            {"first_name": "Tess", "last_name": "Wit", "email": "tess@noord.test", "role": Role.THERAPIST},
        )
    assert response.status_code == 302
    created = User.objects.get(email="tess@noord.test")
    assert created.practice == practice_admin.practice
    assert created.role == Role.THERAPIST
    assert mail.outbox[0].to == ["tess@noord.test"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "THERAPIST@noord.test"}, "email"),
        ({"email": "not-an-address"}, "email"),
        ({"role": "wizard"}, "role"),
        ({"role": Role.PRACTICE_ADMIN}, "role"),
        ({"first_name": ""}, "first_name"),
    ],
)
def test_bad_account_input_is_refused_next_to_the_field(client, practice_admin, therapist, data, field):
    valid = {"first_name": "Tess", "last_name": "Wit", "email": "tess@noord.test", "role": Role.PATIENT}
    login(client, practice_admin)
    before = User.objects.count()
    response = client.post(reverse("clinic:account_create"), {**valid, **data})
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert User.objects.count() == before
    # What the admin typed is kept in the form.
    assert 'value="Wit"' in response.text
    assert len(mail.outbox) == 0


def test_admin_changes_a_role(client, practice_admin, therapist):
    login(client, practice_admin)
    response = client.post(
        reverse("clinic:account_update", args=[therapist.pk]),
        {"first_name": therapist.first_name, "last_name": therapist.last_name, "role": Role.PRACTICE_ADMIN},
    )
    assert response.status_code == 302
    therapist.refresh_from_db()
    assert therapist.role == Role.PRACTICE_ADMIN


def test_admin_cannot_change_own_role_in_the_form(client, practice_admin):
    login(client, practice_admin)
    response = client.post(
        reverse("clinic:account_update", args=[practice_admin.pk]),
        {"first_name": "A", "last_name": "B", "role": Role.THERAPIST},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["role"]
    practice_admin.refresh_from_db()
    assert practice_admin.role == Role.PRACTICE_ADMIN


def test_account_page_offers_deactivation_and_keeps_the_admin_in_the_menu(client, practice_admin, therapist):
    response = login(client, practice_admin).get(reverse("clinic:account_update", args=[therapist.pk]))
    assert reverse("clinic:account_deactivate", args=[therapist.pk]) in response.text
    assert response.context["user"] == practice_admin


def test_admin_deactivates_and_reactivates_an_account(client, practice_admin, therapist):
    login(client, practice_admin)
    client.post(reverse("clinic:account_deactivate", args=[therapist.pk]))
    therapist.refresh_from_db()
    assert not therapist.is_active
    client.post(reverse("clinic:account_reactivate", args=[therapist.pk]))
    therapist.refresh_from_db()
    assert therapist.is_active


def test_deactivation_is_post_only(client, practice_admin, therapist):
    login(client, practice_admin)
    assert client.get(reverse("clinic:account_deactivate", args=[therapist.pk])).status_code == 405
    therapist.refresh_from_db()
    assert therapist.is_active


def test_password_reset_reaches_an_invited_user_without_password(client, practice):
    invited = UserFactory(practice=practice, email="invited@noord.test", password=None)
    invited.set_unusable_password()
    invited.save()
    client.post(reverse("password_reset"), {"email": "Invited@noord.test"})
    assert len(mail.outbox) == 1


def test_password_reset_for_unknown_address_says_the_same_and_sends_nothing(client):
    response = client.post(reverse("password_reset"), {"email": "ghost@example.org"})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 0


def test_dutch_is_shown_even_to_an_english_browser(client):
    response = client.get(reverse("login"), headers={"accept-language": "en-US,en;q=0.9"})
    assert '<html lang="nl">' in response.text


def test_account_page_offers_deactivation_and_second_factor_reset_for_others_only(client, practice_admin, therapist):
    login(client, practice_admin)
    page = client.get(reverse("clinic:account_update", args=[therapist.pk]))
    assert page.context["user"] == practice_admin
    assert reverse("clinic:account_deactivate", args=[therapist.pk]) in page.text
    assert reverse("clinic:account_second_factor_reset", args=[therapist.pk]) in page.text
    own = client.get(reverse("clinic:account_update", args=[practice_admin.pk]))
    assert reverse("clinic:account_second_factor_reset", args=[practice_admin.pk]) not in own.text


def test_a_patient_account_is_offered_no_staff_role_and_cannot_be_made_staff(client, practice_admin, patient_user):
    login(client, practice_admin)
    url = reverse("clinic:account_update", args=[patient_user.pk])
    form = client.get(url).context["form"]
    assert [value for value, _label in form.fields["role"].choices] == [Role.PATIENT]

    for role in (Role.THERAPIST, Role.PRACTICE_ADMIN):
        response = client.post(url, {"first_name": "Nieuw", "last_name": patient_user.last_name, "role": role})
        assert response.status_code == 200
        assert response.context["form"].errors["role"]
        assert response.context["form"]["first_name"].value() == "Nieuw"
    patient_user.refresh_from_db()
    assert patient_user.role == Role.PATIENT and patient_user.first_name != "Nieuw"
    assert not AccessLogEntry.objects.filter(action=AccessAction.ROLE_CHANGE).exists()


def test_a_staff_account_cannot_be_made_a_patient(client, practice_admin, therapist):
    login(client, practice_admin)
    url = reverse("clinic:account_update", args=[therapist.pk])
    offered = [value for value, _label in client.get(url).context["form"].fields["role"].choices]
    assert Role.PATIENT not in offered

    response = client.post(url, {"first_name": "A", "last_name": "B", "role": Role.PATIENT})

    assert response.status_code == 200
    therapist.refresh_from_db()
    assert therapist.role == Role.THERAPIST


def test_the_practice_admin_keeps_the_practice_details_that_head_its_letters_and_sheets(client, practice_admin):
    client.force_login(practice_admin)
    url = reverse("clinic:practice_update")
    details = {
        "street_address": "Dorpsstraat 12",
        "postal_code": "9711 AB",
        "city": "Groningen",
        "phone": "050-1234567",
        "email": "info@praktijk.example",
        "agb_code": "0412345",
    }
    refused = client.post(url, details)
    assert refused.context["form"].errors["agb_code"]
    assert refused.context["form"]["city"].value() == "Groningen"
    practice_admin.practice.refresh_from_db()
    assert practice_admin.practice.city == ""
    client.post(url, details | {"agb_code": "04123456"})
    practice_admin.practice.refresh_from_db()
    assert practice_admin.practice.address_line == "Dorpsstraat 12, 9711 AB Groningen"
    assert practice_admin.practice.agb_code == "04123456"
