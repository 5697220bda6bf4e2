"""Who may do what: plain permission functions that views, services and templates ask."""

from clinic.choices import Role


def has_role(user, *roles):
    """Return whether the user is an active, logged-in holder of one of the roles."""
    return user.is_authenticated and user.is_active and user.role in roles


def can_change_account(user, account):
    """Return whether the user may change this account (not their own role or status)."""
    return has_role(user, Role.PRACTICE_ADMIN) and account.practice_id == user.practice_id and account != user


def second_factor_not_required(view_func):
    """Let a user who passed the password step but not yet the second factor reach this view."""
    view_func.second_factor_required = False
    return view_func
