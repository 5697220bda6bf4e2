"""The intake (anamnese) of a care episode, with the obstetric history it may include."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from patients.choices import BirthMode, MenopauseStatus, PerinealTrauma, PregnancyStatus
from patients.models.patient import CareEpisode
from patients.querysets import BirthQuerySet, EpisodeRecordQuerySet

SCORE_0_10 = [MinValueValidator(0), MaxValueValidator(10)]


def _psk_pair_constraint(number):
    return models.CheckConstraint(
        condition=Q(**{f"psk_score_{number}__isnull": True})
        | (Q(**{f"psk_score_{number}__gte": 0}) & Q(**{f"psk_score_{number}__lte": 10})),
        name=f"intake_psk_score_{number}_0_to_10",
        violation_error_message=_("A PSK score lies between 0 and 10."),
    )


class Intake(models.Model):
    """What the patient tells at the start of a care episode: complaints, history, habits, goals."""

    episode = models.OneToOneField(
        CareEpisode, verbose_name=_("care episode"), on_delete=models.PROTECT, related_name="intake"
    )
    taken_on = models.DateField(_("intake date"))
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("taken by"), on_delete=models.PROTECT, related_name="+"
    )
    # Complaint areas
    area_urinary = models.BooleanField(_("urinary complaints"), default=False)
    area_bowel = models.BooleanField(_("bowel complaints"), default=False)
    area_pain = models.BooleanField(_("pain"), default=False)
    area_sexual = models.BooleanField(_("sexual complaints"), default=False)
    area_prolapse = models.BooleanField(_("prolapse complaints"), default=False)
    # Story of the complaint
    onset = models.TextField(_("onset"), blank=True)
    course = models.TextField(_("course"), blank=True)
    provoking_factors = models.TextField(_("what provokes the complaints"), blank=True)
    easing_factors = models.TextField(_("what eases the complaints"), blank=True)
    # Habits and daily life
    toilet_habits = models.TextField(_("toilet habits"), blank=True)
    fluid_intake_ml = models.PositiveIntegerField(
        _("fluid intake (ml a day)"), null=True, blank=True, validators=[MaxValueValidator(10000)]
    )
    sport = models.TextField(_("sport"), blank=True)
    work = models.TextField(_("work"), blank=True)
    # Life phase: recorded as facts, never assumed from sex
    pregnancy_status = models.CharField(
        _("pregnancy"), max_length=20, choices=PregnancyStatus.choices, default=PregnancyStatus.NOT_APPLICABLE
    )
    pregnancy_weeks = models.PositiveSmallIntegerField(
        _("weeks pregnant"), null=True, blank=True, validators=[MaxValueValidator(45)]
    )
    last_birth_on = models.DateField(_("date of the last birth"), null=True, blank=True)
    breastfeeding = models.BooleanField(_("breastfeeding"), default=False)
    menopause_status = models.CharField(
        _("menopause"), max_length=20, choices=MenopauseStatus.choices, default=MenopauseStatus.NOT_APPLICABLE
    )
    pregnancies = models.PositiveSmallIntegerField(
        _("number of pregnancies"), null=True, blank=True, validators=[MaxValueValidator(30)]
    )
    # Surgery
    surgery_prostatectomy = models.BooleanField(_("prostatectomy"), default=False)
    surgery_hysterectomy = models.BooleanField(_("hysterectomy"), default=False)
    surgery_caesarean = models.BooleanField(_("caesarean section"), default=False)
    other_surgery = models.TextField(_("other surgery"), blank=True)
    # Medication and conditions that matter for interventions
    medication = models.TextField(_("medication"), blank=True)
    uses_anticoagulants = models.BooleanField(_("uses anticoagulants"))
    bleeding_disorder = models.BooleanField(_("bleeding disorder"), default=False)
    # Empty on intakes recorded before the question was asked there.
    fear_of_needles = models.BooleanField(_("is afraid of needles"), null=True, blank=True)
    stomach_problems = models.BooleanField(_("stomach problems"), default=False)
    kidney_problems = models.BooleanField(_("kidney problems"), default=False)
    heart_problems = models.BooleanField(_("heart problems"), default=False)
    other_conditions = models.TextField(_("other relevant conditions"), blank=True)
    # Goals: patient-specific complaints (PSK), up to three activities scored 0-10 at intake
    psk_activity_1 = models.CharField(_("PSK activity 1"), max_length=200, blank=True)
    psk_score_1 = models.PositiveSmallIntegerField(_("PSK score 1"), null=True, blank=True, validators=SCORE_0_10)
    psk_activity_2 = models.CharField(_("PSK activity 2"), max_length=200, blank=True)
    psk_score_2 = models.PositiveSmallIntegerField(_("PSK score 2"), null=True, blank=True, validators=SCORE_0_10)
    psk_activity_3 = models.CharField(_("PSK activity 3"), max_length=200, blank=True)
    psk_score_3 = models.PositiveSmallIntegerField(_("PSK score 3"), null=True, blank=True, validators=SCORE_0_10)
    goals = models.TextField(_("patient goals"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EpisodeRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        constraints = [
            _psk_pair_constraint(1),
            _psk_pair_constraint(2),
            _psk_pair_constraint(3),
            models.CheckConstraint(
                condition=Q(pregnancy_weeks__isnull=True) | Q(pregnancy_status=PregnancyStatus.PREGNANT),
                name="intake_pregnancy_weeks_only_when_pregnant",
                violation_error_message=_("Weeks of pregnancy apply only to a pregnant patient."),
            ),
        ]

    def __str__(self):
        return f"{self.episode} · {self.taken_on:%d-%m-%Y}"

    @property
    def is_pregnant(self):
        return self.pregnancy_status == PregnancyStatus.PREGNANT

    @property
    def is_postpartum(self):
        return self.pregnancy_status == PregnancyStatus.POSTPARTUM

    def psk_items(self):
        """Return the (activity, baseline score) pairs the patient named."""
        pairs = [
            (self.psk_activity_1, self.psk_score_1),
            (self.psk_activity_2, self.psk_score_2),
            (self.psk_activity_3, self.psk_score_3),
        ]
        return [(activity, score) for activity, score in pairs if activity]

    def complaint_areas(self):
        """Return the labels of the complaint areas that apply."""
        names = ["area_urinary", "area_bowel", "area_pain", "area_sexual", "area_prolapse"]
        return [self._meta.get_field(name).verbose_name for name in names if getattr(self, name)]


class Birth(models.Model):
    """One birth in the obstetric history told at intake."""

    intake = models.ForeignKey(Intake, verbose_name=_("intake"), on_delete=models.CASCADE, related_name="births")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1920), MaxValueValidator(2100)])
    mode = models.CharField(_("mode of birth"), max_length=30, choices=BirthMode.choices)
    perineal_trauma = models.CharField(
        _("perineal trauma"), max_length=20, choices=PerinealTrauma.choices, default=PerinealTrauma.NONE
    )
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    objects = BirthQuerySet.as_manager()

    class Meta:
        ordering = ["year", "pk"]
        verbose_name = _("birth")
        verbose_name_plural = _("births")

    def __str__(self):
        return f"{self.year} · {self.get_mode_display()}"
