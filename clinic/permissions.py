"""Who may do what: plain permission functions that views, services and templates ask."""

from django.utils.translation import gettext_lazy as _

from clinic.choices import Role

ROLE_CROSSING_REFUSED = _(
    "A patient account cannot become a staff account, nor the other way round: create a new account."
)


def has_role(user, *roles):
    """Return whether the user is an active, logged-in holder of one of the roles."""
    return user.is_authenticated and user.is_active and user.role in roles


def can_change_account(user, account):
    """Return whether the user may change this account (not their own role or status)."""
    return has_role(user, Role.PRACTICE_ADMIN) and account.practice_id == user.practice_id and account != user


def role_change_allowed(old_role, new_role):
    """Return whether an account may go from one role to the other: a patient never becomes staff, nor staff a patient.

    A patient's session was verified with an e-mailed code and their account holds a patient's
    history; staff rights need an account of their own, so a new account is made instead.
    """
    return (old_role == Role.PATIENT) == (new_role == Role.PATIENT)


def second_factor_not_required(view_func):
    """Let a user who passed the password step but not yet the second factor reach this view."""
    view_func.second_factor_required = False
    return view_func
