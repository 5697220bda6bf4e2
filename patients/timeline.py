"""The timeline of a patient's whole record: every dated entry of every episode, newest first."""

from dataclasses import dataclass
from datetime import date, datetime

from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from patients.models import (
    Assessment,
    CareEpisode,
    Classification,
    Consent,
    Intake,
    OutcomeMeasure,
    RedFlagScreening,
    SessionNote,
)


@dataclass(frozen=True)
class TimelineEntry:
    day: date
    kind: str
    title: str
    detail: str
    url: str


def _day(value):
    return timezone.localdate(value) if isinstance(value, datetime) else value


def patient_timeline(patient):
    """Return the patient's record as dated entries, newest first, in a fixed number of queries."""
    entries = []
    episodes = {episode.pk: episode for episode in CareEpisode.objects.filter(patient=patient)}

    def add(day, kind, title, detail, episode_id=None, url=""):
        link = url or (episodes[episode_id].get_absolute_url() if episode_id else "")
        entries.append(TimelineEntry(_day(day), str(kind), str(title), str(detail), link))

    for episode in episodes.values():
        add(episode.started_on, _("Care episode"), episode.main_complaint, episode.get_status_display(), episode.pk)
        if episode.discharged_on:
            add(episode.discharged_on, _("Discharge"), episode.main_complaint, "", episode.pk)
    in_episodes = {"episode__patient": patient}
    for screening in RedFlagScreening.objects.filter(**in_episodes):
        found = sum(1 for _name, _question, answer in screening.answers() if answer)
        detail = _("%(count)s red flag(s)") % {"count": found} if found else _("No red flags")
        add(
            screening.screened_on,
            _("Red-flag screening"),
            detail,
            screening.get_decision_display(),
            screening.episode_id,
        )
    for intake in Intake.objects.filter(**in_episodes):
        add(
            intake.taken_on,
            _("Intake"),
            ", ".join(str(area) for area in intake.complaint_areas()),
            "",
            intake.episode_id,
        )
    for consent in Consent.objects.filter(patient=patient):
        add(
            consent.given_at,
            _("Consent given"),
            consent.get_kind_display(),
            consent.given_by,
            url=patient.get_absolute_url() + "#consents",
        )
        if consent.withdrawn_at:
            add(
                consent.withdrawn_at,
                _("Consent withdrawn"),
                consent.get_kind_display(),
                "",
                url=patient.get_absolute_url() + "#consents",
            )
    for assessment in Assessment.objects.filter(**in_episodes):
        add(assessment.assessed_on, _("Assessment"), assessment.get_internal_route_display(), "", assessment.episode_id)
    for classification in Classification.objects.filter(**in_episodes):
        add(
            classification.classified_on,
            _("Classification"),
            classification.get_pelvic_floor_class_display(),
            "",
            classification.episode_id,
        )
    for measure in OutcomeMeasure.objects.filter(**in_episodes):
        add(
            measure.measured_on,
            _("Outcome measure"),
            measure.get_kind_display(),
            floatformat(measure.total, -1),
            measure.episode_id,
        )
    for note in SessionNote.objects.filter(**in_episodes):
        status = _("signed") if note.is_signed else _("draft")
        add(note.session_on, _("Session note"), status, note.subjective[:120], note.episode_id)
    return sorted(entries, key=lambda entry: entry.day, reverse=True)
