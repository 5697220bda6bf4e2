"""The follow-up signals of a care episode, kept current when the facts that change them are written."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from patients.models.patient import CareEpisode
from patients.querysets import EpisodeRecordQuerySet


class EpisodeSignals(models.Model):
    """What the caseload, the reminders and the plan's safety rules read of an episode's home program.

    The home programs belong to an app above the record; it hands these facts over whenever it writes
    a log or a program, in the same transaction. A signal that holds from a date on (silent since,
    high pain until) stores that date, so the calendar alone keeps it right.
    """

    episode = models.OneToOneField(
        CareEpisode,
        verbose_name=_("care episode"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="signals",
    )
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
    recent_pain = models.JSONField(_("pain on the latest logs"), default=list, blank=True)
    high_pain_until = models.DateField(_("high pain signalled until"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EpisodeRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up signals")
        verbose_name_plural = _("follow-up signals")
        indexes = [
            models.Index(fields=["exercise_silent_since"], name="signals_silent_since"),
            models.Index(fields=["high_pain_until"], name="signals_high_pain_until"),
        ]

    def __str__(self):
        return str(self.episode)

    def strengthening_titles(self):
        """Return the titles of the strengthening exercises in the language of the page."""
        language = "nl" if (get_language() or "").startswith("nl") else "en"
        return [title[language] for title in self.strengthening_exercises]
