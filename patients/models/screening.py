"""Red-flag screening: signs that need the GP before pelvic physiotherapy may start."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from patients.choices import RED_FLAGS, ScreeningDecision
from patients.models.patient import CareEpisode
from patients.querysets import RedFlagScreeningQuerySet

RED_FLAG_FIELDS = [name for name, _question in RED_FLAGS]


def _any_red_flag():
    condition = Q()
    for field in RED_FLAG_FIELDS:
        condition |= Q(**{field: True})
    return condition


class RedFlagScreening(models.Model):
    """The red-flag screening of one care episode, with the advice and decision when a flag is found."""

    RED_FLAG_FIELDS = RED_FLAG_FIELDS

    episode = models.OneToOneField(
        CareEpisode, verbose_name=_("care episode"), on_delete=models.PROTECT, related_name="screening"
    )
    screened_on = models.DateField(_("screening date"))
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("screened by"), on_delete=models.PROTECT, related_name="+"
    )
    fever_or_malaise = models.BooleanField(RED_FLAGS[0][1], default=False)
    unexplained_bleeding = models.BooleanField(RED_FLAGS[1][1], default=False)
    saddle_anaesthesia = models.BooleanField(RED_FLAGS[2][1], default=False)
    sudden_loss_of_control = models.BooleanField(RED_FLAGS[3][1], default=False)
    acute_trauma_pain = models.BooleanField(RED_FLAGS[4][1], default=False)
    urinary_infection_signs = models.BooleanField(RED_FLAGS[5][1], default=False)
    gynaecological_signs = models.BooleanField(RED_FLAGS[6][1], default=False)
    non_mechanical_pain = models.BooleanField(RED_FLAGS[7][1], default=False)
    gp_contact_advised = models.BooleanField(_("advised to contact the GP"), default=False)
    advice_notes = models.TextField(_("advice given"), blank=True)
    decision = models.CharField(_("decision"), max_length=20, choices=ScreeningDecision.choices, blank=True)
    gp_cleared_on = models.DateField(_("GP clearance received on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RedFlagScreeningQuerySet.as_manager()

    class Meta:
        verbose_name = _("red-flag screening")
        verbose_name_plural = _("red-flag screenings")
        constraints = [
            models.CheckConstraint(
                condition=~Q(decision=ScreeningDecision.CONTINUE) | ~_any_red_flag(),
                name="screening_no_plain_continue_with_red_flag",
                violation_error_message=_(
                    "With a red flag, treatment cannot simply continue: choose another decision."
                ),
            ),
            models.CheckConstraint(
                condition=~_any_red_flag() | Q(decision="") | Q(gp_contact_advised=True),
                name="screening_red_flag_decision_needs_gp_advice",
                violation_error_message=_("Record that the patient was advised to contact the GP."),
            ),
            models.CheckConstraint(
                condition=Q(gp_cleared_on__isnull=True) | Q(decision=ScreeningDecision.GP_CLEARANCE),
                name="screening_clearance_only_with_clearance_decision",
                violation_error_message=_("A GP clearance date belongs to the decision 'continue after GP clearance'."),
            ),
        ]
        indexes = [models.Index(fields=["decision"])]

    def __str__(self):
        return f"{self.episode} · {self.screened_on:%d-%m-%Y}"

    def answers(self):
        """Return each red flag's field name, question and answer."""
        return [(name, question, getattr(self, name)) for name, question in RED_FLAGS]
