"""The Django admin: only for active superusers, every other account refused; accounts and the access log in it."""

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteMixin, ForeignKeyRawIdWidget
from django.forms import ModelChoiceField
from django.test import RequestFactory
from django.urls import reverse

from clinic.choices import Role
from clinic.models import AccessLogEntry, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Every model of the record and the programs, and the accounts, grows with the practice: a select would list them all.
LARGE_TABLES = {
    model for model in apps.get_models() if model._meta.app_label in ("patients", "programs") or model is User
}


@pytest.fixture
def staff_flag_only(practice):
    """An account with Django's staff flag that is not a superuser: the default admin site would let it in."""
    return UserFactory(practice=practice, role=Role.THERAPIST, is_staff=True, email="staff@noord.test")


def request_of(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def test_the_site_admits_an_active_superuser_only(admin_user, staff_flag_only, therapist, practice_admin):
    assert admin.site.has_permission(request_of(admin_user))
    for refused in (staff_flag_only, therapist, practice_admin):
        assert not admin.site.has_permission(request_of(refused))
    admin_user.is_active = False
    assert not admin.site.has_permission(request_of(admin_user))


def test_superuser_sees_the_admin_index_with_the_record(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert reverse("admin:clinic_user_changelist") in response.text
    assert reverse("admin:patients_patient_changelist") in response.text
    assert reverse("admin:programs_homeprogram_changelist") in response.text


@pytest.mark.parametrize("fixture", ["staff_flag_only", "therapist", "practice_admin", "patient_user"])
@pytest.mark.parametrize("url", ["/admin/", "/admin/patients/patient/", "/admin/clinic/user/1/change/", "/admin/x/"])
def test_other_accounts_are_told_the_admin_is_for_superusers_not_sent_to_log_in(client, request, fixture, url):
    client.force_login(request.getfixturevalue(fixture))
    response = client.get(url)
    assert response.status_code == 403
    assert "Het Django-beheer is alleen voor superusers" in response.text
    assert f'href="{reverse("home")}"' in response.text
    assert 'id="main"' in response.text  # the app's own layout, not the admin's


def test_the_refusal_speaks_english_when_chosen(client, therapist):
    client.force_login(therapist)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/admin/")
    assert response.status_code == 403
    assert "only for the practice's superusers (the application managers)" in response.text
    assert "To your start page" in response.text


def test_a_refused_post_changes_nothing(client, therapist, patient_user):
    client.force_login(therapist)
    url = reverse("admin:clinic_user_change", args=[patient_user.pk])
    assert client.post(url, {"email": patient_user.email, "is_superuser": "on"}).status_code == 403
    patient_user.refresh_from_db()
    assert not patient_user.is_superuser


def test_anonymous_visitor_of_the_admin_goes_to_the_login(client):
    response = client.get("/admin/patients/patient/")
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next=/admin/patients/patient/"


# --- accounts ------------------------------------------------------------------------------------------------


def account_form(user, **changes):
    data = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "practice": user.practice_id,
        "role": user.role,
        "is_active": "on",
    }
    return {**data, **changes}


def test_user_change_form_keeps_what_superusers_need_and_not_django_permissions(admin_client, therapist):
    response = admin_client.get(reverse("admin:clinic_user_change", args=[therapist.pk]))
    for field in ("email", "first_name", "last_name", "practice", "role", "is_needling_qualified", "is_active"):
        assert f'name="{field}"' in response.text
    assert 'name="is_superuser"' in response.text
    for field in ("is_staff", "groups", "user_permissions"):
        assert f'name="{field}"' not in response.text


def test_user_admin_saves_role_and_qualification_but_ignores_the_staff_flag(admin_client, therapist):
    url = reverse("admin:clinic_user_change", args=[therapist.pk])
    response = admin_client.post(url, account_form(therapist, is_needling_qualified="on", is_staff="on"))
    assert response.status_code == 302
    therapist.refresh_from_db()
    assert therapist.is_needling_qualified
    assert not therapist.is_staff


def test_user_admin_refuses_to_make_a_patient_superuser(admin_client, patient_user):
    url = reverse("admin:clinic_user_change", args=[patient_user.pk])
    response = admin_client.post(url, account_form(patient_user, is_superuser="on"))
    assert response.status_code == 200
    assert "Het account van een patiënt kan geen superuser zijn." in response.text
    patient_user.refresh_from_db()
    assert not patient_user.is_superuser


def test_user_admin_makes_a_therapist_superuser(admin_client, therapist):
    url = reverse("admin:clinic_user_change", args=[therapist.pk])
    assert admin_client.post(url, account_form(therapist, is_superuser="on")).status_code == 302
    therapist.refresh_from_db()
    assert therapist.is_superuser


def test_user_admin_lists_accounts_and_deletes_none(admin_client, therapist):
    response = admin_client.get(reverse("admin:clinic_user_changelist"))
    assert therapist.email in response.text
    assert 'value="delete_selected"' not in response.text
    assert (
        admin_client.post(reverse("admin:clinic_user_delete", args=[therapist.pk]), {"post": "yes"}).status_code == 403
    )
    assert User.objects.filter(pk=therapist.pk).exists()


# --- access log ----------------------------------------------------------------------------------------------


@pytest.fixture
def entry(therapist):
    return AccessLogEntry.objects.create(user=therapist, action="read", part="patient", detail="looked")


def test_access_log_admin_shows_entries_and_changes_nothing(admin_client, entry):
    listing = admin_client.get(reverse("admin:clinic_accesslogentry_changelist"))
    assert reverse("admin:clinic_accesslogentry_change", args=[entry.pk]) in listing.text
    assert 'value="delete_selected"' not in listing.text
    assert reverse("admin:clinic_accesslogentry_add") not in listing.text

    page = admin_client.get(reverse("admin:clinic_accesslogentry_change", args=[entry.pk]))
    assert "looked" in page.text
    assert 'name="_save"' not in page.text
    assert 'name="detail"' not in page.text

    assert admin_client.get(reverse("admin:clinic_accesslogentry_add")).status_code == 403
    assert admin_client.post(reverse("admin:clinic_accesslogentry_add"), {"part": "x"}).status_code == 403
    assert AccessLogEntry.objects.filter(part="x").count() == 0


# --- no select of every patient --------------------------------------------------------------------------------


def admin_forms(request):
    """Yield (name, form class) of every add and change form of every registered admin and its inlines."""
    for model, model_admin in admin.site._registry.items():
        name = model._meta.label
        if model_admin.has_add_permission(request):
            yield f"{name} add", model_admin.get_form(request)
        yield f"{name} change", model_admin.get_form(request, None, change=True)
        for inline in model_admin.get_inline_instances(request):
            if not (inline.has_add_permission(request, None) or inline.has_change_permission(request, None)):
                continue  # shown read-only
            formset = inline.get_formset(request)
            # The key to the parent is set by the page itself, never chosen from a list.
            form = type("InlineForm", (formset.form,), {})
            form.base_fields = {key: field for key, field in form.base_fields.items() if key != formset.fk.name}
            yield f"{name} inline {inline.model._meta.label}", form


def test_no_admin_form_offers_a_select_of_a_large_table(admin_user):
    request = request_of(admin_user)
    plain_selects = [
        f"{form_name}: {field_name}"
        for form_name, form in admin_forms(request)
        for field_name, field in form.base_fields.items()
        if isinstance(field, ModelChoiceField)
        and field.queryset.model in LARGE_TABLES
        # A select is wrapped for its add/change links; a raw id or autocomplete widget is what remains inside.
        and not isinstance(getattr(field.widget, "widget", field.widget), (ForeignKeyRawIdWidget, AutocompleteMixin))
    ]
    assert plain_selects == []


def test_the_walk_sees_the_forms_that_have_foreign_keys(admin_user):
    """Guard the test above: it must find the record's forms and their keys, or it proves nothing."""
    forms = dict(admin_forms(request_of(admin_user)))
    assert "episode" in forms["programs.HomeProgram change"].base_fields
    assert "exercise" in forms["programs.HomeProgram inline programs.ProgramItem"].base_fields
    assert "patient" in forms["programs.BladderEntry add"].base_fields
