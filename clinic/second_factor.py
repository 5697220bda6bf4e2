"""Second factors: which device a user verifies with, enrolling an authenticator app, backup codes, resets.

Therapists, practice admins and superusers use an authenticator app (TOTP). Patients get a code by
e-mail unless they chose an authenticator app. Backup codes work for everyone who has an app.
Backup and e-mailed codes are stored as keyed hashes (clinic.models.one_time_code_digest), never
as the codes themselves.
"""

import base64
import binascii

import segno
from django.db import transaction
from django.utils.safestring import mark_safe
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.models import HashedEmailDevice, HashedStaticDevice, User, one_time_code_digest

AUTHENTICATOR_NAME = "authenticator"
BACKUP_NAME = "backup"
EMAIL_NAME = "email"
BACKUP_CODE_COUNT = 10


def requires_authenticator(user: User) -> bool:
    """Return whether this user must use an authenticator app (everyone but patients)."""
    return not user.is_patient


def second_factor_suffices(user: User) -> bool:
    """Return whether the session's second factor is enough for the user's role, as read on this request.

    Staff need their authenticator app (or one of its backup codes): a session verified with an
    e-mailed code never carries staff rights, whatever the role was when it was verified.
    """
    device = getattr(user, "otp_device", None)
    if device is None:
        return False
    if not requires_authenticator(user) or isinstance(device, TOTPDevice):
        return True
    return isinstance(device, StaticDevice) and authenticator(user) is not None


def authenticator(user: User) -> TOTPDevice | None:
    """Return the user's confirmed authenticator app, if any."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def needs_enrolment(user: User) -> bool:
    """Return whether the user must set up an authenticator app before going on."""
    return requires_authenticator(user) and authenticator(user) is None


def primary_device(user: User):
    """Return the device the user verifies with: the app, or for patients without one an e-mail device."""
    device = authenticator(user)
    if device is None and not requires_authenticator(user):
        device, _ = HashedEmailDevice.objects.get_or_create(user=user, name=EMAIL_NAME, defaults={"confirmed": True})
    return device


def send_email_code(user: User) -> bool:
    """E-mail a fresh code to a patient who verifies by e-mail; return whether one was sent.

    No code is sent within OTP_EMAIL_COOLDOWN_DURATION of the previous one, against mail floods.
    """
    device = primary_device(user)
    if not isinstance(device, HashedEmailDevice) or not device.generate_is_allowed()[0]:
        return False
    device.generate_challenge()
    return True


@transaction.atomic
def verify_code(user: User, code: str):
    """Return (device, throttled): the device accepting the code (app, e-mail or backup code) or None.

    `throttled` is True when a device refused to check because of too many recent wrong codes.
    """
    code = "".join(code.split()).lower()
    throttled = False
    candidates = [primary_device(user), *HashedStaticDevice.objects.devices_for_user(user, confirmed=True)]
    for device in candidates:
        if device is None:
            continue
        device = type(device).objects.select_for_update().get(pk=device.pk)
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            throttled = True
            continue
        if device.verify_token(code):
            return device, False
    return None, throttled


def totp_device_pending(user: User) -> TOTPDevice:
    """Return the unconfirmed authenticator the user is enrolling, creating it with a fresh secret."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def secret_base32(device: TOTPDevice) -> str:
    """Return the secret as the authenticator apps expect it typed, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """Return the enrolment QR code as inline SVG markup (no script, no external request)."""
    svg = segno.make(device.config_url, error="m").svg_inline(scale=5, border=2, dark="#000", light="#fff")
    return mark_safe(svg)  # noqa: S308  (segno's own markup; the URL inside is escaped by segno)


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, acting_user: User) -> list[str]:
    """Make the enrolled app the user's second factor, replace older ones, and return new backup codes."""
    user = device.user
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    HashedEmailDevice.objects.filter(user=user).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return backup_codes_issue(user=user, acting_user=acting_user)


@transaction.atomic
def backup_codes_issue(*, user: User, acting_user: User) -> list[str]:
    """Replace the user's backup codes with a fresh set and return them (shown once)."""
    device, _ = HashedStaticDevice.objects.get_or_create(user=user, name=BACKUP_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=one_time_code_digest(code)) for code in codes])
    return codes


def backup_codes_left(user: User) -> int:
    """Return how many unused backup codes the user has."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def email_codes_choose(*, user: User, acting_user: User) -> None:
    """Let a patient go back from an authenticator app to e-mailed codes."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    HashedEmailDevice.objects.get_or_create(user=user, name=EMAIL_NAME, defaults={"confirmed": True})


@transaction.atomic
def second_factor_reset(*, user: User, acting_user: User) -> None:
    """Remove every second factor of the user: staff enrol again at their next login, patients get e-mail codes."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()


def totp_device_with_secret(*, user: User, secret_base32_text: str) -> TOTPDevice:
    """Give the user a confirmed authenticator with a known secret (demo accounts only)."""
    try:
        key = base64.b32decode(secret_base32_text).hex()
    except binascii.Error as error:
        raise ValueError("not a base32 secret") from error
    device, _ = TOTPDevice.objects.update_or_create(
        user=user, name=AUTHENTICATOR_NAME, defaults={"key": key, "confirmed": True, "last_t": -1}
    )
    return device
