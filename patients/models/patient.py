"""Patients and their care episodes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clinic.models import Practice
from clinic.names import KeepsSortName
from patients.choices import EpisodeStatus, ReferralType, Sex
from patients.querysets import CareEpisodeQuerySet, PatientQuerySet
from patients.validators import validate_birth_date, validate_bsn


class Patient(KeepsSortName, models.Model):
    """A person treated by the practice. Archived when treatment ends, never deleted from the UI."""

    practice = models.ForeignKey(
        Practice, verbose_name=_("practice"), on_delete=models.PROTECT, related_name="patients"
    )
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    # Kept on save (clinic.names): lists sort by it, so "de Boer" stands under B.
    sort_name = models.CharField(_("sort name"), max_length=320, editable=False, default="")
    date_of_birth = models.DateField(_("date of birth"), validators=[validate_birth_date])
    sex = models.CharField(_("sex"), max_length=20, choices=Sex.choices)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    address = models.TextField(_("address"), blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of e-mails and letters to the patient."),
    )
    bsn = models.CharField(
        _("BSN"), max_length=9, blank=True, validators=[validate_bsn], help_text=_("Citizen service number (optional).")
    )
    gp_name = models.CharField(_("GP"), max_length=200, blank=True)
    gp_practice = models.CharField(_("GP practice"), max_length=200, blank=True)
    gp_address = models.CharField(
        _("address of the GP practice"), max_length=200, blank=True, help_text=_("E.g. Lindelaan 4, 9712 CD Groningen.")
    )
    referral_type = models.CharField(_("how the patient came"), max_length=20, choices=ReferralType.choices)
    referrer_name = models.CharField(_("referred by"), max_length=200, blank=True)
    referral_date = models.DateField(_("referral date"), null=True, blank=True)
    responsible_therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible therapist"),
        on_delete=models.PROTECT,
        related_name="responsible_for",
        limit_choices_to={"role": "therapist"},
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("patient account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="patient_record",
        limit_choices_to={"role": "patient"},
    )
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PatientQuerySet.as_manager()

    class Meta:
        ordering = ["sort_name", "pk"]
        verbose_name = _("patient")
        verbose_name_plural = _("patients")
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "bsn"],
                condition=~Q(bsn=""),
                name="patient_bsn_unique_in_practice",
                violation_error_message=_("A patient with this BSN already exists in this practice."),
            ),
            models.CheckConstraint(
                condition=~Q(referral_type="gp_referral") | ~Q(referrer_name=""),
                name="patient_gp_referral_names_referrer",
                violation_error_message=_("A GP referral needs the name of the referrer."),
            ),
        ]
        indexes = [
            models.Index(fields=["practice", "last_name", "first_name"]),
            models.Index(fields=["practice", "sort_name", "id"], name="patient_list_order_idx"),
            models.Index(fields=["practice", "date_of_birth"]),
            models.Index(fields=["practice", "bsn"]),
            models.Index(fields=["responsible_therapist", "archived_at"]),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def get_absolute_url(self):
        return reverse("patients:patient_detail", args=[self.pk])

    @property
    def is_archived(self):
        return self.archived_at is not None


class CareEpisode(models.Model):
    """One course of treatment (behandelepisode) for one main complaint."""

    patient = models.ForeignKey(Patient, verbose_name=_("patient"), on_delete=models.PROTECT, related_name="episodes")
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("therapist"),
        on_delete=models.PROTECT,
        related_name="episodes",
        limit_choices_to={"role": "therapist"},
    )
    main_complaint = models.CharField(_("main complaint"), max_length=300)
    started_on = models.DateField(_("start date"))
    status = models.CharField(
        _("status"), max_length=20, choices=EpisodeStatus.choices, default=EpisodeStatus.SCREENING
    )
    discharged_on = models.DateField(_("discharge date"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CareEpisodeQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("care episode")
        verbose_name_plural = _("care episodes")
        constraints = [
            models.CheckConstraint(
                condition=Q(discharged_on__isnull=True) | Q(discharged_on__gte=models.F("started_on")),
                name="episode_discharge_not_before_start",
                violation_error_message=_("The discharge date cannot be before the start date."),
            ),
        ]
        indexes = [
            models.Index(fields=["therapist", "status"]),
            models.Index(fields=["patient", "started_on"]),
            models.Index(fields=["status", "patient"]),
        ]

    def __str__(self):
        return f"{self.main_complaint} ({self.started_on:%d-%m-%Y})"

    def get_absolute_url(self):
        return reverse("patients:episode_detail", args=[self.pk])

    @property
    def is_open(self):
        return self.status != EpisodeStatus.DISCHARGED
