"""Account writes (invitations, role changes, (de)activation) and the save step every app's writes share."""

import datetime

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from clinic.models import FormSubmission, Practice, User
from clinic.permissions import ROLE_CROSSING_REFUSED, role_change_allowed
from clinic.second_factor import second_factor_reset

# How long a create form's one-time token is kept: long enough for a reload or the back button.
FORM_SUBMISSION_KEPT = datetime.timedelta(days=1)


def save_validated(instance, changes: dict | None = None, *, acting_user=None, reason=""):
    """Apply the changes, validate the whole row (its constraints too) and save it; return it.

    A row whose history is kept (django-simple-history) records who changed it and why.
    """
    for name, value in (changes or {}).items():
        setattr(instance, name, value)
    if hasattr(type(instance), "history"):
        instance._history_user = acting_user
        instance._change_reason = str(reason)
    instance.full_clean()
    instance.save()
    return instance


def password_set_url(*, user: User, base_url: str) -> str:
    """Return the one-time link with which a user chooses a (new) password."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return base_url.rstrip("/") + path


def send_invitation(*, user: User, base_url: str, acting_user: User) -> None:
    """E-mail the user a link to choose a password, once the surrounding transaction commits."""
    context = {
        "user": user,
        "practice": user.practice,
        "invited_by": acting_user,
        "link": password_set_url(user=user, base_url=base_url),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your account at %(practice)s") % {"practice": user.practice}
        body = render_to_string("clinic/email/invitation.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [user.email]))


@transaction.atomic
def user_invite(
    *, practice: Practice, email: str, first_name: str, last_name: str, role: str, base_url: str, acting_user: User
) -> User:
    """Create an account without a password and e-mail the new user a link to set one."""
    user = User(
        practice=practice,
        email=User.objects.normalize_email(email).lower(),
        first_name=first_name,
        last_name=last_name,
        role=role,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    send_invitation(user=user, base_url=base_url, acting_user=acting_user)
    return user


def user_update(
    *,
    user: User,
    first_name: str,
    last_name: str,
    role: str,
    acting_user: User,
    is_needling_qualified: bool | None = None,
    registration_number: str | None = None,
) -> User:
    """Change an account's name, role and (when given) needling qualification and registration; not one's own role.

    A patient account never becomes staff nor staff a patient (see role_change_allowed).
    """
    if user.pk == acting_user.pk and role != acting_user.role:
        raise ValidationError({"role": _("You cannot change your own role.")})
    if not role_change_allowed(user.role, role):
        raise ValidationError({"role": ROLE_CROSSING_REFUSED})
    user.first_name = first_name
    user.last_name = last_name
    user.role = role
    if is_needling_qualified is not None:
        user.is_needling_qualified = is_needling_qualified
    if registration_number is not None:
        user.registration_number = registration_number
    user.full_clean()
    user.save(update_fields=["first_name", "last_name", "role", "is_needling_qualified", "registration_number"])
    return user


PRACTICE_CONTACT_FIELDS = ("street_address", "postal_code", "city", "phone", "email", "agb_code")


def practice_update(*, practice, fields: dict, acting_user: User):
    """Change the practice's contact details, which head the program sheets and letters it sends out."""
    return save_validated(practice, {name: fields[name] for name in PRACTICE_CONTACT_FIELDS}, acting_user=acting_user)


def user_set_active(*, user: User, active: bool, acting_user: User) -> User:
    """Deactivate or reactivate an account; accounts are never deleted."""
    if user == acting_user:
        raise ValidationError(_("You cannot deactivate your own account."))
    user.is_active = active
    user.save(update_fields=["is_active"])
    return user


def user_reset_second_factor(*, user: User, acting_user: User) -> None:
    """Remove the user's second factor (lost phone); nobody resets their own."""
    if user == acting_user:
        raise ValidationError(_("You cannot reset your own second factor."))
    second_factor_reset(user=user, acting_user=acting_user)


def form_submissions_purge(*, acting_user=None) -> int:
    """Remove the one-time form tokens older than FORM_SUBMISSION_KEPT; return how many went.

    A form sent again after that is saved again, which nobody does a day later by accident.
    """
    deleted, _ = FormSubmission.objects.filter(created_at__lt=timezone.now() - FORM_SUBMISSION_KEPT).delete()
    return deleted
