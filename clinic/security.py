"""Who is knocking: the client's real address behind proxies, the login name, and the login events logged."""

import ipaddress

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils import timezone

AUTHENTICATED_AT_SESSION_KEY = "clinic_authenticated_at"
LAST_SEEN_SESSION_KEY = "clinic_last_seen"


def _valid_ip(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request):
    """Return the client's address: REMOTE_ADDR, or the entry the trusted proxies added to X-Forwarded-For.

    Each trusted proxy appends the address it received the request from, so the client is the entry
    TRUSTED_PROXY_COUNT places from the end; anything before it could be forged by the client.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= count:
            return _valid_ip(forwarded[-count])
    return _valid_ip(request.META.get("REMOTE_ADDR", ""))


class LockoutBackend(AxesStandaloneBackend):
    """Refuse logins while the account or address is locked out; checks made without a request pass.

    Every login through the web passes its request; a call without one comes from code (a management
    command, a test) where there is no client address to lock out.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class AccountLockoutHandler(AxesDatabaseHandler):
    """Count failures per account and per address, but let a successful login clear only its own account's.

    Axes' own reset deletes every attempt matching any lockout parameter, the address included: one
    login of an attacker's own account from the same address would wipe the failures against others.
    """

    def reset_user_attempts(self, request, credentials=None):
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _deleted = AccessAttempt.objects.filter(username=username).delete()
        return count


class AccountBackend(ModelBackend):
    """Django's password check; the logged-in user is read with their practice, which every page shows."""

    def get_user(self, user_id):
        accounts = get_user_model()._default_manager.select_related("practice")
        try:
            user = accounts.get(pk=user_id)
        except accounts.model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


def login_name(request, credentials):
    """Return the e-mail address tried, normalised so that lockout counts ignore letter case."""
    name = (credentials or {}).get("username") or request.POST.get("username", "")
    # No account has a longer address (254 characters), and the lockout table holds no longer name.
    return name.strip().lower()[:254] or None


def account_for(email):
    """Return the active or inactive account with this e-mail address, or None."""
    from clinic.models import User

    return User.objects.filter(email__iexact=(email or "").strip()).first()


@receiver(user_logged_in, dispatch_uid="clinic_session_started")
def start_session_clock(sender, request, user, **kwargs):
    """Note when the session began, for the absolute session limit."""
    now = timezone.now().timestamp()
    request.session[AUTHENTICATED_AT_SESSION_KEY] = now
    request.session[LAST_SEEN_SESSION_KEY] = now


@receiver(user_login_failed, dispatch_uid="clinic_log_failed_login")
def log_failed_login(sender, credentials, request=None, **kwargs):
    """Log every failed password attempt, linked to the account when the address exists."""
    if request is None:
        return
    from clinic.access_log import record_access
    from clinic.choices import AccessAction, AccessOutcome, RecordPart

    name = login_name(request, credentials) or ""
    record_access(
        request,
        action=AccessAction.LOGIN,
        part=RecordPart.LOGIN,
        outcome=AccessOutcome.FAILED,
        user=account_for(name),
        detail=f"password refused for {name}"[:500],
    )


@receiver(user_locked_out, dispatch_uid="clinic_log_lockout")
def log_lockout(sender, request, username, ip_address, **kwargs):
    """Log an attempt refused because the account or address is locked out."""
    from clinic.access_log import record_access
    from clinic.choices import AccessAction, AccessOutcome, RecordPart

    record_access(
        request,
        action=AccessAction.LOCKOUT,
        part=RecordPart.LOGIN,
        outcome=AccessOutcome.DENIED,
        user=account_for(username),
        detail=f"locked out: {username or '-'} from {ip_address or '-'}"[:500],
    )


@receiver(user_logged_out, dispatch_uid="clinic_log_logout")
def log_logout(sender, request, user, **kwargs):
    """Log a deliberate logout (timeouts are logged by the session middleware)."""
    if user is None or getattr(request, "clinic_timed_out", False):
        return
    from clinic.access_log import record_access
    from clinic.choices import AccessAction, RecordPart

    record_access(request, action=AccessAction.LOGOUT, part=RecordPart.LOGIN, user=user)
