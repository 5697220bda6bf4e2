"""Practices and the people who work or are treated in them, and the second-factor devices they log in with."""

import base64
import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.template.loader import get_template
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.util import random_number_token

from clinic.choices import AccessAction, AccessOutcome, Role
from clinic.names import KeepsSortName
from clinic.querysets import AccessLogQuerySet, UserManager


class Practice(models.Model):
    """A physiotherapy practice: the tenant that owns accounts and clinical records."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    # The letterhead of what leaves the practice: the program sheet, letters to the GP.
    street_address = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    agb_code = models.CharField(
        _("AGB code"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{8}$", _("An AGB code has 8 digits."))],
        help_text=_("The practice's code in the AGB register, 8 digits."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("practice")
        verbose_name_plural = _("practices")

    def __str__(self):
        return self.name

    @property
    def address_line(self):
        """Return the address on one line, e.g. "Dorpsstraat 1, 1234 AB Noorddorp"; empty when not kept."""
        town = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.street_address, town) if part)


class User(KeepsSortName, AbstractBaseUser, PermissionsMixin):
    """An account that logs in with its e-mail address and acts in one practice with one role."""

    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    # Kept on save (clinic.names): lists sort by it, so "de Boer" stands under B.
    sort_name = models.CharField(_("sort name"), max_length=320, editable=False, default="")
    practice = models.ForeignKey(
        Practice,
        verbose_name=_("practice"),
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Deactivated accounts cannot log in. Accounts are never deleted."),
    )
    is_staff = models.BooleanField(_("Django admin access"), default=False)
    is_needling_qualified = models.BooleanField(
        _("qualified for dry needling"),
        default=False,
        help_text=_("A therapist trained in pelvic dry needling, to whom colleagues can refer."),
    )
    registration_number = models.CharField(
        _("BIG or KRF registration number"),
        max_length=30,
        blank=True,
        help_text=_("Printed under the therapist's signature on letters to the GP, e.g. BIG 19012345601."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        ordering = ["sort_name", "pk"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                name="user_staff_member_has_practice_and_role",
                condition=Q(is_superuser=True) | (Q(practice__isnull=False) & ~Q(role="")),
                violation_error_message=_("Every account except a superuser belongs to a practice and has a role."),
            ),
            models.CheckConstraint(
                name="user_role_is_known",
                condition=Q(role__in=["", *Role.values]),
            ),
            models.CheckConstraint(
                name="user_needling_qualified_is_therapist",
                condition=Q(is_needling_qualified=False) | Q(role=Role.THERAPIST),
                violation_error_message=_("Only a therapist can be qualified for dry needling."),
            ),
        ]
        indexes = [
            models.Index(fields=["practice", "role", "last_name"]),
            # The account list's order: without it a page sorted all of a practice's thousands of accounts.
            models.Index(fields=["practice", "sort_name", "id"], name="account_list_order_idx"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def _get_session_auth_hash(self, secret=None):
        """Sign what the session's rights rest on: changing the password, role, practice or activity ends the sessions.

        Django compares this hash with the session's on every request, whatever the session store
        (database or Redis), and logs out a session whose hash no longer matches.
        """
        rights = f"{self.password}|{self.role}|{self.practice_id}|{self.is_active}|{self.is_superuser}"
        return salted_hmac("clinic.User.get_session_auth_hash", rights, secret=secret, algorithm="sha256").hexdigest()

    def get_short_name(self):
        return self.first_name

    @property
    def is_practice_admin(self):
        return self.role == Role.PRACTICE_ADMIN

    @property
    def is_therapist(self):
        return self.role == Role.THERAPIST

    @property
    def is_patient(self):
        return self.role == Role.PATIENT


class AccessLogEntry(models.Model):
    """One look at or change of patient data (NEN 7513): who, which patient, what, when, from where.

    Entries are only ever added; no code path in the app changes or removes them.
    """

    occurred_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    # db_index=False: the first column of an index in Meta.indexes, which serves its lookups; one of its own
    # would only cost every insert.
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    user_role = models.CharField(_("role"), max_length=20, blank=True)
    practice = models.ForeignKey(
        Practice,
        verbose_name=_("practice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    patient = models.ForeignKey(
        "patients.Patient",
        verbose_name=_("patient"),
        null=True,
        blank=True,
        related_name="access_log_entries",
        db_index=False,
        # The log outlives the record: a destroyed patient's entries keep their id and label untouched.
        on_delete=models.DO_NOTHING,
        db_constraint=False,
    )
    patient_label = models.CharField(_("patient (as logged)"), max_length=300, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=AccessAction.choices)
    part = models.CharField(_("part of the record"), max_length=100)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=AccessOutcome.choices, default=AccessOutcome.SUCCESS
    )
    client_ip = models.GenericIPAddressField(_("client IP"), null=True, blank=True)
    on_behalf_of = models.CharField(_("on behalf of"), max_length=200, blank=True)
    grounds = models.CharField(_("grounds"), max_length=200, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    previous_hash = models.CharField(_("hash of the previous entry"), max_length=64, editable=False)
    entry_hash = models.CharField(_("hash of this entry"), max_length=64, editable=False, unique=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [
            # The end of a practice's hash chain, read on every append: without it each append sorts the whole log.
            models.Index(fields=["practice", "-id"], name="access_log_chain_end_idx"),
            # The practice's log in page order (Meta.ordering): a page is read off the index, the log never sorted.
            models.Index(fields=["practice", "-occurred_at", "-id"], name="access_log_practice_order_idx"),
            models.Index(fields=["patient", "-occurred_at"]),
            models.Index(fields=["user", "-occurred_at"]),
        ]

    def __str__(self):
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.user_id} {self.action} {self.part}"


class AccessChainHead(models.Model):
    """The end of one practice's access-log chain: the hash the next entry links to.

    On PostgreSQL an entry is appended in one statement that moves this row on and inserts the entry;
    the row's lock orders concurrent appends of one practice for that statement only, not for the
    rest of the requests that log them (clinic.access_chain).
    """

    practice_key = models.PositiveIntegerField(_("practice"), primary_key=True)  # the practice's id, 0 for none
    previous_hash = models.CharField(_("hash of the entry before the last"), max_length=64)
    last_hash = models.CharField(_("hash of the last entry"), max_length=64)

    class Meta:
        verbose_name = _("end of an access-log chain")
        verbose_name_plural = _("ends of the access-log chains")

    def __str__(self):
        return f"{self.practice_key}: {self.last_hash[:12]}"


class FormSubmission(models.Model):
    """A create form's one-time token, claimed by its first POST, with where that POST led."""

    token = models.UUIDField(_("token"), unique=True)
    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+")
    result_url = models.CharField(_("result"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self):
        return str(self.token)


def one_time_code_digest(code: str) -> str:
    """Return the keyed hash a one-time code is stored as, so that the database holds no usable code.

    Keyed with SECRET_KEY, which the database does not hold: a code of six digits cannot be found
    from its hash by trying them all. Cut to the 16 characters django-otp's token columns hold.
    """
    mac = salted_hmac("clinic.one_time_code", code, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(mac).decode()[:16]


class HashedEmailDevice(EmailDevice):
    """django-otp's e-mail device, keeping only the hash of the code it mailed."""

    class Meta:
        proxy = True
        verbose_name = _("e-mail code device")
        verbose_name_plural = _("e-mail code devices")

    def generate_challenge(self, extra_context=None):
        """E-mail a fresh code; the code itself is in the e-mail only."""
        code = random_number_token(6)
        self.cooldown_set(commit=False)
        self.token = one_time_code_digest(code)
        self.valid_until = timezone.now() + datetime.timedelta(seconds=settings.OTP_EMAIL_TOKEN_VALIDITY)
        self.save()
        self.send_mail(
            get_template(settings.OTP_EMAIL_BODY_TEMPLATE_PATH).render({"token": code, **(extra_context or {})})
        )

    def verify_token(self, token):
        return super().verify_token(one_time_code_digest(token))


class HashedStaticDevice(StaticDevice):
    """django-otp's backup-code device, whose codes are stored as hashes (see backup_codes_issue)."""

    class Meta:
        proxy = True
        verbose_name = _("backup code device")
        verbose_name_plural = _("backup code devices")

    def verify_token(self, token):
        return super().verify_token(one_time_code_digest(token))
