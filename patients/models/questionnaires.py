"""Questionnaires the patient fills in at home: their versioned definitions, what was sent, and the answers."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from patients.choices import AssignmentStatus, MeasureKind, ScheduleMoment, ScoringMethod
from patients.models.measures import OutcomeMeasure
from patients.models.patient import CareEpisode
from patients.querysets import (
    AnswerChoiceQuerySet,
    AnswerQuerySet,
    AssignmentQuerySet,
    QuestionnaireQuerySet,
    QuestionnaireScheduleQuerySet,
    QuestionnaireVersionQuerySet,
    ScheduledSendQuerySet,
)


def text_language() -> str:
    """Return the suffix of the text fields in the language of this request: "nl" or "en"."""
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def in_language(row, name):
    """Return the Dutch or English text of a field pair, the official wording first when it was entered."""
    language = text_language()
    return getattr(row, f"official_{name}_{language}", "") or getattr(row, f"{name}_{language}")


class Questionnaire(models.Model):
    """A questionnaire a practice may send: a built-in one (no practice) or the practice's own."""

    practice = models.ForeignKey(
        "clinic.Practice",
        verbose_name=_("practice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questionnaires",
    )
    code = models.SlugField(_("code"), max_length=40)
    measure_kind = models.CharField(
        _("outcome measure"),
        max_length=20,
        choices=MeasureKind.choices,
        blank=True,
        help_text=_("The episode's outcome measure its score is recorded as; empty for a practice's own list."),
    )
    licensed = models.BooleanField(
        _("validated, licensed wording"),
        default=False,
        help_text=_("Its official wording belongs to its owners: the practice enters it under its own licence."),
    )

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        constraints = [
            models.UniqueConstraint(fields=["practice", "code"], name="questionnaire_code_unique_in_practice"),
            models.UniqueConstraint(
                fields=["code"], condition=Q(practice__isnull=True), name="questionnaire_builtin_code_unique"
            ),
        ]

    def __str__(self):
        current = self.versions.order_by("-number").first()
        return current.title if current else self.code

    @property
    def is_builtin(self):
        return self.practice_id is None


class QuestionnaireVersion(models.Model):
    """One version of a questionnaire's wording and scoring; once sent it never changes, a change makes a new one."""

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    title_nl = models.CharField(_("title (Dutch)"), max_length=120)
    title_en = models.CharField(_("title (English)"), max_length=120)
    intro_nl = models.TextField(_("introduction (Dutch)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    official_intro_nl = models.TextField(_("official introduction (Dutch)"), blank=True)
    official_intro_en = models.TextField(_("official introduction (English)"), blank=True)
    method = models.CharField(_("scoring"), max_length=20, choices=ScoringMethod.choices, default=ScoringMethod.SUM)
    factor = models.DecimalField(_("factor"), max_digits=5, decimal_places=2, default=1)
    missing_allowed = models.PositiveSmallIntegerField(
        _("items that may be left out (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("Per scale, the share of its items that may be unanswered; required items always count."),
    )
    score_min = models.DecimalField(_("lowest score"), max_digits=5, decimal_places=1, default=0)
    score_max = models.DecimalField(_("highest score"), max_digits=5, decimal_places=1)
    higher_is_better = models.BooleanField(_("a higher score is better"), default=False)
    mid = models.DecimalField(
        _("minimal important change"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("The smallest change of the score a patient notices; a built-in one uses the practice's MID."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = QuestionnaireVersionQuerySet.as_manager()

    # What a definition holds of the version as a whole; the official introduction only a licensed one's wording.
    OFFICIAL_FIELDS = ("official_intro_nl", "official_intro_en")
    DEFINITION_FIELDS = (
        "title_nl",
        "title_en",
        "intro_nl",
        "intro_en",
        *OFFICIAL_FIELDS,
        "method",
        "factor",
        "missing_allowed",
        "score_min",
        "score_max",
        "higher_is_better",
        "mid",
    )

    class Meta:
        ordering = ["questionnaire", "-number"]
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "number"], name="questionnaire_version_unique"),
            models.CheckConstraint(
                condition=Q(score_max__gt=models.F("score_min")),
                name="questionnaire_range_not_empty",
                violation_error_message=_("The highest score must be above the lowest."),
            ),
            models.CheckConstraint(
                condition=Q(mid__isnull=True) | Q(mid__gt=0),
                name="questionnaire_mid_positive",
                violation_error_message=_("The minimal important change is more than 0."),
            ),
        ]

    def __str__(self):
        return f"{self.title} (v{self.number})"

    @property
    def title(self):
        return in_language(self, "title")

    @property
    def intro(self):
        return in_language(self, "intro")

    @property
    def has_official_wording(self):
        return bool(self.official_intro_nl or self.official_intro_en) or any(
            item.official_text_nl or item.official_text_en for item in self.items.all()
        )


class QuestionnaireItem(models.Model):
    """One question; its answer options carry the scores."""

    version = models.ForeignKey(
        QuestionnaireVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    code = models.SlugField(_("code"), max_length=40)
    text_nl = models.CharField(_("question (Dutch)"), max_length=300)
    text_en = models.CharField(_("question (English)"), max_length=300)
    official_text_nl = models.CharField(_("official question (Dutch)"), max_length=300, blank=True)
    official_text_en = models.CharField(_("official question (English)"), max_length=300, blank=True)
    subscale = models.SlugField(_("subscale"), max_length=40, blank=True)
    scored = models.BooleanField(_("counts in the score"), default=True)
    required = models.BooleanField(_("must be answered"), default=False)
    multiple = models.BooleanField(
        _("several answers may be chosen"),
        default=False,
        help_text=_("A question with several answers does not count in the score."),
    )
    measure_field = models.CharField(
        _("outcome measure item"),
        max_length=30,
        blank=True,
        help_text=_("The item of the outcome measure this answer's score is recorded in."),
    )

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="questionnaire_item_code_unique"),
            models.UniqueConstraint(fields=["version", "position"], name="questionnaire_item_position_unique"),
            models.CheckConstraint(
                condition=Q(multiple=False) | Q(scored=False),
                name="questionnaire_item_multiple_not_scored",
                violation_error_message=_("A question with several answers cannot count in the score."),
            ),
        ]

    def __str__(self):
        return self.text

    @property
    def text(self):
        return in_language(self, "text")


class QuestionnaireOption(models.Model):
    """One answer to a question, with the score it counts for; a red-flag answer is shown to the therapist today."""

    item = models.ForeignKey(
        QuestionnaireItem, verbose_name=_("question"), on_delete=models.CASCADE, related_name="options"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    score = models.PositiveSmallIntegerField(_("score"))
    label_nl = models.CharField(_("answer (Dutch)"), max_length=200)
    label_en = models.CharField(_("answer (English)"), max_length=200)
    official_label_nl = models.CharField(_("official answer (Dutch)"), max_length=200, blank=True)
    official_label_en = models.CharField(_("official answer (English)"), max_length=200, blank=True)
    red_flag = models.BooleanField(_("warning for the therapist"), default=False)

    class Meta:
        ordering = ["item", "position"]
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")
        constraints = [
            models.UniqueConstraint(fields=["item", "position"], name="questionnaire_option_position_unique"),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return in_language(self, "label")


class QuestionnaireAssignment(models.Model):
    """A questionnaire sent to the patient of an episode, answered at home on the version it was sent on."""

    episode = models.ForeignKey(
        CareEpisode, verbose_name=_("care episode"), on_delete=models.PROTECT, related_name="questionnaires"
    )
    version = models.ForeignKey(
        QuestionnaireVersion, verbose_name=_("questionnaire"), on_delete=models.PROTECT, related_name="assignments"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=AssignmentStatus.choices, default=AssignmentStatus.SENT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    total = models.DecimalField(_("result"), max_digits=5, decimal_places=1, null=True, blank=True)
    red_flag = models.BooleanField(_("answer needs attention"), default=False)
    measure = models.OneToOneField(
        OutcomeMeasure,
        verbose_name=_("outcome measure"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questionnaire",
    )
    after_discharge = models.BooleanField(
        _("answered after discharge"),
        default=False,
        help_text=_("Sent at discharge: the patient can still answer it once the episode has closed."),
    )

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("questionnaire sent")
        verbose_name_plural = _("questionnaires sent")
        constraints = [
            models.CheckConstraint(
                condition=(Q(status=AssignmentStatus.SUBMITTED) & Q(submitted_at__isnull=False))
                | (~Q(status=AssignmentStatus.SUBMITTED) & Q(submitted_at__isnull=True)),
                name="assignment_submitted_has_time",
            ),
        ]
        indexes = [models.Index(fields=["episode", "status", "due_on"])]

    def __str__(self):
        return f"{self.version.title} · {self.due_on:%d-%m-%Y}"

    def get_absolute_url(self):
        return reverse("portal:questionnaire", args=[self.pk])

    @property
    def is_open(self):
        return self.status in (AssignmentStatus.SENT, AssignmentStatus.STARTED)

    @property
    def answerable(self):
        """Open, in an open episode, or sent at discharge to be answered after it."""
        return self.is_open and (self.after_discharge or self.episode.is_open)


class QuestionnaireAnswer(models.Model):
    """The patient's answer to one question; saved as they go, fixed once the questionnaire is submitted."""

    assignment = models.ForeignKey(
        QuestionnaireAssignment, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="answers"
    )
    item = models.ForeignKey(QuestionnaireItem, verbose_name=_("question"), on_delete=models.PROTECT, related_name="+")
    option = models.ForeignKey(
        QuestionnaireOption, verbose_name=_("answer"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), auto_now=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        ordering = ["assignment", "item__position"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["assignment", "item"], name="answer_once_per_item")]

    def __str__(self):
        return f"{self.item.code}: {self.option.score if self.option else '—'}"

    @property
    def chosen_options(self):
        """Return the answer's options: the one chosen, or each of a question with several answers."""
        if self.option is not None:
            return [self.option]
        return [choice.option for choice in self.choices.all()]


class QuestionnaireAnswerChoice(models.Model):
    """One of the answers chosen to a question that allows several; not scored."""

    answer = models.ForeignKey(
        QuestionnaireAnswer, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="choices"
    )
    option = models.ForeignKey(
        QuestionnaireOption, verbose_name=_("answer option"), on_delete=models.PROTECT, related_name="+"
    )

    objects = AnswerChoiceQuerySet.as_manager()

    class Meta:
        ordering = ["answer", "option__position"]
        verbose_name = _("answer chosen")
        verbose_name_plural = _("answers chosen")
        constraints = [models.UniqueConstraint(fields=["answer", "option"], name="answer_choice_once")]

    def __str__(self):
        return self.option.label


class QuestionnaireSchedule(models.Model):
    """A questionnaire sent to the episode's patient at chosen moments, until it is stopped or the episode closes.

    Which moments are due is decided by patients.rules.questionnaires.schedule_moments_due.
    """

    episode = models.ForeignKey(
        CareEpisode, verbose_name=_("care episode"), on_delete=models.PROTECT, related_name="questionnaire_schedules"
    )
    version = models.ForeignKey(
        QuestionnaireVersion,
        verbose_name=_("questionnaire"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Each sending uses the newest version of this questionnaire."),
    )
    at_intake = models.BooleanField(_("at intake"), default=False, help_text=_("Sent now, or when the episode starts."))
    every_weeks = models.PositiveSmallIntegerField(
        _("every … weeks"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(26)],
        help_text=_("From 1 to 26 weeks; empty for no repeat."),
    )
    weeks_from = models.DateField(
        _("first time"), null=True, blank=True, help_text=_("The first repeat, and the day the weeks count from.")
    )
    evaluation_days = models.PositiveSmallIntegerField(
        _("days before each evaluation"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_(
            "Sent this many days before each appointment of the kind Evaluation, due on its day; empty for none."
        ),
    )
    at_discharge = models.BooleanField(_("at discharge"), default=False)
    due_days = models.PositiveSmallIntegerField(
        _("days to answer"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("At intake and on repeats: the due date is this many days after sending."),
    )
    discharge_due_days = models.PositiveSmallIntegerField(
        _("days to answer after discharge"), default=14, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("set up by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    stopped_at = models.DateTimeField(_("stopped at"), null=True, blank=True)
    stopped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("stopped by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = QuestionnaireScheduleQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("questionnaire schedule")
        verbose_name_plural = _("questionnaire schedules")
        constraints = [
            models.CheckConstraint(
                condition=Q(at_intake=True)
                | Q(every_weeks__isnull=False)
                | Q(evaluation_days__isnull=False)
                | Q(at_discharge=True),
                name="schedule_has_a_moment",
                violation_error_message=_("Choose at least one moment to send the questionnaire."),
            ),
            models.CheckConstraint(
                condition=Q(every_weeks__isnull=True, weeks_from__isnull=True)
                | Q(every_weeks__gte=1, every_weeks__lte=26, weeks_from__isnull=False),
                name="schedule_weeks_1_to_26_from_a_date",
                violation_error_message=_("A repeat is every 1 to 26 weeks, from a first date."),
            ),
            models.CheckConstraint(
                condition=Q(evaluation_days__isnull=True) | Q(evaluation_days__gte=1, evaluation_days__lte=28),
                name="schedule_evaluation_days_1_to_28",
                violation_error_message=_("Send from 1 to 28 days before an evaluation."),
            ),
            models.CheckConstraint(
                condition=Q(due_days__gte=1, due_days__lte=60, discharge_due_days__gte=1, discharge_due_days__lte=60),
                name="schedule_due_days_1_to_60",
                violation_error_message=_("The patient gets from 1 to 60 days to answer."),
            ),
            models.CheckConstraint(
                condition=Q(stopped_at__isnull=True, stopped_by__isnull=True)
                | Q(stopped_at__isnull=False, stopped_by__isnull=False),
                name="schedule_stopped_by_someone",
            ),
            models.UniqueConstraint(
                fields=["episode", "version"],
                condition=Q(stopped_at__isnull=True),
                name="schedule_one_active_per_questionnaire",
                violation_error_message=_("This questionnaire already has a schedule in this episode; stop it first."),
            ),
        ]
        indexes = [models.Index(fields=["episode", "stopped_at"])]

    def __str__(self):
        return f"{self.version.title} · {self.episode}"

    def get_absolute_url(self):
        return reverse("patients:episode_detail", args=[self.episode_id]) + "#questionnaires"

    @property
    def is_active(self):
        return self.stopped_at is None

    @property
    def moments_label(self):
        """The chosen moments in words, for the episode page."""
        labels = []
        if self.at_intake:
            labels.append(str(_("at intake")))
        if self.every_weeks:
            labels.append(
                str(_("every %(weeks)s weeks from %(date)s"))
                % {
                    "weeks": self.every_weeks,
                    "date": f"{self.weeks_from:%d-%m-%Y}",
                }
            )
        if self.evaluation_days:
            labels.append(str(_("%(days)s days before each evaluation")) % {"days": self.evaluation_days})
        if self.at_discharge:
            labels.append(str(_("at discharge")))
        return ", ".join(labels)


class ScheduledSend(models.Model):
    """One moment of a schedule, handled once: sent (its questionnaire) or skipped since the last one was still open.

    The unique key per schedule and moment keeps a re-run, or a run beside it, from sending it again.
    """

    schedule = models.ForeignKey(
        QuestionnaireSchedule, verbose_name=_("schedule"), on_delete=models.PROTECT, related_name="sends"
    )
    key = models.CharField(_("moment"), max_length=40)
    kind = models.CharField(_("kind"), max_length=20, choices=ScheduleMoment.choices)
    assignment = models.OneToOneField(
        QuestionnaireAssignment,
        verbose_name=_("questionnaire sent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="scheduled_send",
        help_text=_("Empty when the moment was skipped: the questionnaire was still open."),
    )
    handled_at = models.DateTimeField(_("handled at"), auto_now_add=True)

    objects = ScheduledSendQuerySet.as_manager()

    class Meta:
        ordering = ["handled_at", "pk"]
        verbose_name = _("scheduled sending")
        verbose_name_plural = _("scheduled sendings")
        constraints = [models.UniqueConstraint(fields=["schedule", "key"], name="scheduled_send_once_per_moment")]

    def __str__(self):
        return f"{self.schedule} · {self.key}"
