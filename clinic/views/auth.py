"""Logging in: the password step, the second factor, enrolling an authenticator app, backup codes."""

import logging
import smtplib

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic import second_factor
from clinic.access_log import record_access
from clinic.choices import AccessAction, AccessOutcome, RecordPart
from clinic.forms import CodeForm, LoginForm
from clinic.permissions import second_factor_not_required

BACKUP_CODES_SESSION_KEY = "clinic_backup_codes"
logger = logging.getLogger(__name__)


def next_path(request) -> str | None:
    """Return the `next` address if it is a path of this site, else None (never another site's address)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    is_path = target.startswith("/") and "\x00" not in target
    if is_path and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def safe_next(request, default="home"):
    """Return the `next` address if it is a path of this site, else the default page."""
    return next_path(request) or reverse(default)


def with_next(url_name, target):
    """Return the address of a page that continues to `target` when done."""
    return f"{reverse(url_name)}?{urlencode({'next': target})}"


def complete_login(request, device, *, how: str):
    """Mark the session verified with this device under a new session id, and log the login."""
    django_otp.login(request, device)
    request.session.cycle_key()
    record_access(request, action=AccessAction.LOGIN, part=RecordPart.LOGIN, detail=f"second factor: {how}")


def device_kind(device) -> str:
    """Return a short name of a device for the access log."""
    kinds = [(TOTPDevice, "authenticator app"), (EmailDevice, "e-mail code"), (StaticDevice, "backup code")]
    return next((kind for device_class, kind in kinds if isinstance(device, device_class)), type(device).__name__)


def send_code(request):
    """E-mail a login code to a patient; return None (and say so) when the mail server fails."""
    try:
        return second_factor.send_email_code(request.user)
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not e-mail a login code")
        messages.error(request, _("We could not e-mail your code just now. Ask for a new code in a minute."))
        return None


class LoginView(auth_views.LoginView):
    """The password step; patients who verify by e-mail get their code right away."""

    authentication_form = LoginForm

    def form_valid(self, form):
        response = super().form_valid(form)
        send_code(self.request)
        return response


def locked_out(request, original_response=None, credentials=None):
    """Answer a locked-out login attempt with the login page and one message, whoever was tried."""
    form = AuthenticationForm(request, initial={"username": (credentials or {}).get("username", "")})
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {
        "form": form,
        "locked_out": _("Too many failed attempts. Try again in %(minutes)d minutes.") % {"minutes": minutes},
        "next": request.POST.get("next", ""),
    }
    return render(request, "registration/login.html", context, status=429)


@second_factor_not_required
def verify(request):
    """Ask for the second factor: the authenticator app's code, an e-mailed code, or a backup code."""
    if second_factor.second_factor_suffices(request.user):
        return redirect(safe_next(request))
    if second_factor.needs_enrolment(request.user):
        return redirect(with_next("two_factor_setup", safe_next(request)))
    device = second_factor.primary_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accepted, throttled = second_factor.verify_code(request.user, form.cleaned_data["code"])
        if accepted:
            complete_login(request, accepted, how=device_kind(accepted))
            return redirect(safe_next(request))
        record_access(
            request,
            action=AccessAction.SECOND_FACTOR,
            part=RecordPart.LOGIN,
            outcome=AccessOutcome.FAILED,
            detail="wrong code",
        )
        if throttled:
            form.add_error("code", _("Too many wrong codes. Wait a minute, then try again."))
        else:
            form.add_error("code", _("This code is not right or has expired."))
    context = {
        "form": form,
        "by_email": isinstance(device, EmailDevice),
        "next": safe_next(request),
        "backup_codes_left": second_factor.backup_codes_left(request.user),
    }
    return render(request, "clinic/two_factor/verify.html", context)


@second_factor_not_required
def email_code_resend(request):
    """Send a patient a new e-mailed code (POST only)."""
    if request.method != "POST":
        return redirect("two_factor_verify")
    sent = send_code(request)
    if sent:
        messages.info(request, _("A new code is on its way. Check your inbox."))
    elif sent is False:
        messages.warning(request, _("A code was sent less than a minute ago. Wait a moment before asking again."))
    return redirect(with_next("two_factor_verify", safe_next(request)))


@second_factor_not_required
def setup(request):
    """Enrol an authenticator app: scan the QR code (or type the secret), then confirm with a code."""
    user = request.user
    if not (user.is_verified() or second_factor.needs_enrolment(user)):
        # Adding an app must not be a way around the second factor the user already has.
        return redirect(with_next("two_factor_verify", reverse("two_factor_setup")))
    device = second_factor.totp_device_pending(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token("".join(form.cleaned_data["code"].split())):
            was_verified = user.is_verified()
            codes = second_factor.totp_device_confirm(device=device, acting_user=user)
            if was_verified:
                django_otp.login(request, device)
                request.session.cycle_key()
            else:
                complete_login(request, device, how="authenticator app enrolled")
            request.session[BACKUP_CODES_SESSION_KEY] = codes
            messages.success(request, _("Your authenticator app is set up."))
            return redirect(with_next("two_factor_backup_codes", safe_next(request)))
        record_access(
            request,
            action=AccessAction.SECOND_FACTOR,
            part=RecordPart.ENROLMENT,
            outcome=AccessOutcome.FAILED,
            detail="wrong code while enrolling",
        )
        form.add_error("code", _("This code is not right. Check the time on your phone and try the newest code."))
    context = {
        "form": form,
        "qr_code": second_factor.qr_code_svg(device),
        "secret": second_factor.secret_base32(device),
        "next": safe_next(request),
        "first_time": not user.is_verified(),
    }
    return render(request, "clinic/two_factor/setup.html", context)


class BackupCodesView(TemplateView):
    """Show freshly made backup codes once; POST makes a new set (the old ones stop working)."""

    template_name = "clinic/two_factor/backup_codes.html"

    def dispatch(self, request, *args, **kwargs):
        if second_factor.authenticator(request.user) is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def post(self, request):
        request.session[BACKUP_CODES_SESSION_KEY] = second_factor.backup_codes_issue(
            user=request.user, acting_user=request.user
        )
        return redirect("two_factor_backup_codes")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            codes=self.request.session.pop(BACKUP_CODES_SESSION_KEY, None),
            codes_left=second_factor.backup_codes_left(self.request.user),
            next=safe_next(self.request, default="two_factor_settings"),
            **kwargs,
        )


class SettingsView(TemplateView):
    """Show how the user logs in and offer to change it."""

    template_name = "clinic/two_factor/settings.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            has_authenticator=second_factor.authenticator(user) is not None,
            may_use_email=not second_factor.requires_authenticator(user),
            codes_left=second_factor.backup_codes_left(user),
            **kwargs,
        )


class UseEmailCodesView(View):
    """Let a patient switch from an authenticator app back to e-mailed codes (POST only)."""

    http_method_names = ["post"]

    def post(self, request):
        if second_factor.requires_authenticator(request.user):
            raise PermissionDenied
        second_factor.email_codes_choose(user=request.user, acting_user=request.user)
        django_otp.login(request, second_factor.primary_device(request.user))
        messages.success(request, _("From now on you receive a login code by e-mail."))
        return redirect("two_factor_settings")
