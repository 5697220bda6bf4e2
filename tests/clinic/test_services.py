import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from clinic import services
from clinic.choices import Role
from clinic.models import User


def test_invitation_is_mailed_after_commit_with_a_working_link(
    client, practice, practice_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        user = services.user_invite(
            practice=practice,
            email="New.Person@Example.org",
            first_name="Nieuw",
            last_name="Persoon",
            role=Role.THERAPIST,
            base_url="http://testserver/",
            acting_user=practice_admin,
        )
        assert mail.outbox == []
    for callback in callbacks:
        callback()

    assert user.email == "new.person@example.org"
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.person@example.org"]
    link = re.search(r"http://testserver(/\S+)", mail.outbox[0].body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "een-lang-wachtwoord-7", "new_password2": "een-lang-wachtwoord-7"},
    )
    assert client.login(email="new.person@example.org", password="een-lang-wachtwoord-7")


def test_admin_cannot_change_own_role(practice_admin):
    with pytest.raises(ValidationError):
        services.user_update(
            user=practice_admin,
            first_name="A",
            last_name="B",
            role=Role.THERAPIST,
            acting_user=practice_admin,
        )
    practice_admin.refresh_from_db()
    assert practice_admin.role == Role.PRACTICE_ADMIN


def test_admin_cannot_deactivate_themselves(practice_admin):
    with pytest.raises(ValidationError):
        services.user_set_active(user=practice_admin, active=False, acting_user=practice_admin)
    assert User.objects.get(pk=practice_admin.pk).is_active


def test_deactivated_account_cannot_log_in(client, practice_admin, therapist):
    services.user_set_active(user=therapist, active=False, acting_user=practice_admin)
    assert not client.login(email=therapist.email, password="a-long-test-password-42")
    services.user_set_active(user=therapist, active=True, acting_user=practice_admin)
    assert client.login(email=therapist.email, password="a-long-test-password-42")


@pytest.mark.parametrize(("fixture", "role"), [("patient_user", Role.THERAPIST), ("therapist", Role.PATIENT)])
def test_no_account_crosses_between_patient_and_staff(request, practice_admin, fixture, role):
    account = request.getfixturevalue(fixture)
    old_role = account.role
    with pytest.raises(ValidationError) as refused:
        services.user_update(user=account, first_name="A", last_name="B", role=role, acting_user=practice_admin)
    assert "role" in refused.value.error_dict
    account.refresh_from_db()
    assert account.role == old_role
