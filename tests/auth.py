"""Logging a test client in the way a real user ends up: password and second factor both passed.

Use `login(client, user)` instead of `client.force_login(user)` in every view test: a session that
has only passed the password step is sent to the second-factor page by every other page.
"""

import base64

import django_otp
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.models import HashedEmailDevice
from clinic.security import AUTHENTICATED_AT_SESSION_KEY, LAST_SEEN_SESSION_KEY

MODEL_BACKEND = "clinic.security.AccountBackend"


def second_factor_device(user):
    """Return the user's confirmed second factor, giving them the usual one if they have none."""
    if user.is_patient:
        device = HashedEmailDevice.objects.filter(user=user, confirmed=True).first()
        return device or HashedEmailDevice.objects.create(user=user, name="email", confirmed=True)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def login(client, user, *, verified=True):
    """Log the client in as `user`; with verified=False only the password step is done."""
    Client.force_login(client, user, backend=MODEL_BACKEND)
    session = client.session
    now = timezone.now().timestamp()
    session[AUTHENTICATED_AT_SESSION_KEY] = now
    session[LAST_SEEN_SESSION_KEY] = now
    if verified:
        session[django_otp.DEVICE_ID_SESSION_KEY] = second_factor_device(user).persistent_id
    session.save()
    return client


class TwoStepClient(Client):
    """A test client whose force_login passes both login steps, as a real user ends up."""

    def force_login(self, user, backend=None):
        login(self, user)


def current_totp(secret_base32_text):
    """Return the code an authenticator app with this secret shows right now."""
    return f"{totp(base64.b32decode(secret_base32_text)):06d}"
