"""The treatment plan of a care episode: analysis, goals, interventions and overridden safety warnings."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from patients.choices import InterventionKind, PelvicFloorClass, PlanStatus, SafetyCode
from patients.models.patient import CareEpisode
from patients.querysets import EpisodeRecordQuerySet, PlanRecordQuerySet

IN_FORCE = (PlanStatus.ACTIVE, PlanStatus.REVISED)


class TreatmentPlan(models.Model):
    """The therapist's plan for one care episode; every saved version is kept in its history."""

    episode = models.OneToOneField(
        CareEpisode, verbose_name=_("care episode"), on_delete=models.PROTECT, related_name="plan"
    )
    pelvic_floor_class = models.CharField(
        _("pelvic floor function (ICS)"), max_length=20, choices=PelvicFloorClass.choices, blank=True
    )
    analysis = models.TextField(
        _("analysis"), blank=True, help_text=_("The complaint pattern and what you conclude from the record.")
    )
    started_on = models.DateField(_("start date"))
    review_on = models.DateField(
        _("review date"), help_text=_("Six weeks after the start unless you choose otherwise.")
    )
    planned_sessions = models.PositiveSmallIntegerField(
        _("planned number of sessions"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    gp_consult_advised = models.BooleanField(
        _("advised to consult the GP about pain medication"),
        default=False,
        help_text=_("Pain medication is the doctor's decision; record here that you gave this advice."),
    )
    status = models.CharField(_("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    closing_summary = models.TextField(_("outcome at closing"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    activated_at = models.DateTimeField(_("activated at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EpisodeRecordQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["created_at", "updated_at"], history_change_reason_field=models.TextField(null=True)
    )

    class Meta:
        verbose_name = _("treatment plan")
        verbose_name_plural = _("treatment plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(review_on__gte=F("started_on")),
                name="plan_review_not_before_start",
                violation_error_message=_("The review date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(planned_sessions__gte=1, planned_sessions__lte=60),
                name="plan_planned_sessions_1_to_60",
                violation_error_message=_("Plan between 1 and 60 sessions."),
            ),
            models.CheckConstraint(condition=Q(status__in=PlanStatus.values), name="plan_status_is_known"),
            models.CheckConstraint(
                condition=Q(status=PlanStatus.DRAFT) | Q(activated_at__isnull=False),
                name="plan_activated_has_activation_time",
            ),
            models.CheckConstraint(
                condition=~Q(status=PlanStatus.CLOSED) | Q(closed_at__isnull=False),
                name="plan_closed_has_closing_time",
            ),
        ]
        indexes = [models.Index(fields=["status", "review_on"])]

    def __str__(self):
        return f"{self.episode.patient} · {self.episode.main_complaint}"

    @property
    def is_draft(self):
        return self.status == PlanStatus.DRAFT

    @property
    def is_in_force(self):
        return self.status in IN_FORCE

    @property
    def is_closed(self):
        return self.status == PlanStatus.CLOSED


class PlanGoal(models.Model):
    """A specific, measurable goal of the plan with its target and review date."""

    plan = models.ForeignKey(
        TreatmentPlan, verbose_name=_("treatment plan"), on_delete=models.CASCADE, related_name="goals"
    )
    description = models.CharField(_("goal"), max_length=300)
    measure = models.CharField(_("how it is measured"), max_length=200, help_text=_("For example NRS, PSK or a diary."))
    target = models.CharField(_("target"), max_length=200)
    review_on = models.DateField(_("review date"))
    achieved = models.BooleanField(_("achieved"), default=False)

    objects = PlanRecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["review_on", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.CheckConstraint(
                condition=~Q(measure=""),
                name="goal_has_measure",
                violation_error_message=_("Say how the goal is measured."),
            ),
        ]

    def __str__(self):
        return self.description


class Intervention(models.Model):
    """One intervention of the plan; what can be set depends on its kind and is kept in `parameters`."""

    plan = models.ForeignKey(
        TreatmentPlan, verbose_name=_("treatment plan"), on_delete=models.CASCADE, related_name="interventions"
    )
    kind = models.CharField(_("intervention"), max_length=30, choices=InterventionKind.choices)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PlanRecordQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        ordering = ["pk"]
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=InterventionKind.values), name="intervention_kind_is_known"),
        ]

    def __str__(self):
        return self.get_kind_display()

    @property
    def pfmt_focuses(self):
        return self.parameters.get("focus", []) if self.kind == InterventionKind.PFMT else []


class SafetyOverride(models.Model):
    """A blocking safety warning the therapist chose to go past, with the written reason why."""

    plan = models.ForeignKey(
        TreatmentPlan, verbose_name=_("treatment plan"), on_delete=models.PROTECT, related_name="overrides"
    )
    needling_referral = models.ForeignKey(
        "patients.NeedlingReferral",
        verbose_name=_("dry-needling referral"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="overrides",
    )
    code = models.CharField(_("warning"), max_length=40, choices=SafetyCode.choices)
    warning = models.TextField(_("warning as shown"))
    justification = models.TextField(_("justification"))
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("overridden by"), on_delete=models.PROTECT, related_name="+"
    )
    overridden_at = models.DateTimeField(_("overridden at"), default=timezone.now)

    objects = PlanRecordQuerySet.as_manager()

    class Meta:
        ordering = ["overridden_at", "pk"]
        verbose_name = _("safety override")
        verbose_name_plural = _("safety overrides")
        constraints = [
            models.CheckConstraint(
                condition=~Q(justification=""),
                name="override_has_justification",
                violation_error_message=_("Write why you go ahead despite the warning."),
            ),
            models.CheckConstraint(condition=~Q(code="red_flag_open"), name="override_never_for_red_flag"),
        ]
        indexes = [models.Index(fields=["plan", "code"])]

    def __str__(self):
        return f"{self.get_code_display()} · {self.overridden_at:%d-%m-%Y}"
