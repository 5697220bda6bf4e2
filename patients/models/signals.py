"""The follow-up signals of a care episode, kept current when the facts that change them are written."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from patients.choices import LetterKind, MeasureKind, PainSignal
from patients.models.patient import CareEpisode
from patients.querysets import EpisodeRecordQuerySet


class EpisodeSignals(models.Model):
    """Every follow-up signal of one care episode, as the caseload, the agenda and the reminders read them.

    Kept current in the transaction of each write that changes them (patients.services.signals), so a
    page reads a handful of rows instead of recomputing the caseload. A signal whose truth changes with
    the calendar alone stores the day from which, or until which, it holds; no nightly job is needed.
    The home program's facts are handed down by the programs app, which the record does not read.
    """

    episode = models.OneToOneField(
        CareEpisode,
        verbose_name=_("care episode"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="signals",
    )
    # From the record.
    red_flag_awaiting = models.BooleanField(_("red flag awaiting the GP"), default=False)
    red_flag_blocks = models.BooleanField(_("red flag stands in the way of treatment"), default=False)
    plan_review_on = models.DateField(_("open plan's review date"), null=True, blank=True)
    not_improved = models.JSONField(_("measures not better than at intake"), default=list, blank=True)
    no_improvement_from = models.DateField(_("no improvement signalled from"), null=True, blank=True)
    remeasure_from = models.DateField(_("measure again from"), null=True, blank=True)
    last_measured_on = models.DateField(_("last measured on"), null=True, blank=True)
    measured_kinds = models.JSONField(_("measures taken in this episode"), default=list, blank=True)
    gp_message_due = models.CharField(_("message to the GP due"), max_length=20, choices=LetterKind.choices, blank=True)
    gp_message_due_on = models.DateField(_("message to the GP due by"), null=True, blank=True)
    # From the home program.
    program_starts_on = models.DateField(_("current program starts on"), null=True, blank=True)
    program_ends_on = models.DateField(_("current program ends on"), null=True, blank=True)
    last_exercise_on = models.DateField(_("last exercise logged on"), null=True, blank=True)
    exercise_silent_since = models.DateField(
        _("nothing logged since"),
        null=True,
        blank=True,
        help_text=_("The last log or the program's start, whichever is later; empty without a current program."),
    )
    strengthening_exercises = models.JSONField(
        _("strengthening exercises in the current program"),
        default=list,
        blank=True,
        help_text=_("Their titles in Dutch and English, for the relaxation-first rule."),
    )
    log_pain = models.JSONField(
        _("highest pain logged per day"), default=list, blank=True, help_text=_("[day, pain] of the last weeks.")
    )
    # From both: the patient's logs and the therapist's NRS.
    pain_signal = models.CharField(_("pain signal"), max_length=20, choices=PainSignal.choices, blank=True)
    pain_signal_until = models.DateField(_("pain signalled until"), null=True, blank=True)
    pain_days = models.JSONField(_("daily pain behind the signal"), default=list, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EpisodeRecordQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["gp_message_due_on"])]
        verbose_name = _("follow-up signals")
        verbose_name_plural = _("follow-up signals")

    def __str__(self):
        return str(self.episode)

    def strengthening_titles(self):
        """Return the titles of the strengthening exercises in the language of the page."""
        language = "nl" if (get_language() or "").startswith("nl") else "en"
        return [title[language] for title in self.strengthening_exercises]

    def gp_message_label(self):
        return LetterKind(self.gp_message_due).label if self.gp_message_due else ""

    def not_improved_labels(self):
        return [MeasureKind(kind).label for kind in self.not_improved]

    def pain_scores(self):
        """Return the daily pain behind the signal, oldest first, as the worklist shows it."""
        return [pain for _day, pain in self.pain_days]
