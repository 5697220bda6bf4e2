"""What the patient and episode pages read of the record: the timeline, the next appointments, consents in force."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Subquery
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic.charts import Chart, line_chart
from patients.choices import EpisodeStatus, MeasureKind, MeasureSource
from patients.models import (
    Appointment,
    Assessment,
    Classification,
    Consent,
    Intake,
    MeasureMid,
    OutcomeMeasure,
    SessionNote,
)
from patients.rules.improvement import Mid, default_mids, improvement_line, measure_changes
from patients.rules.record import positive_red_flags

# The latest entries the patient page shows; the whole timeline is one link away.
TIMELINE_LATEST = 25


@dataclass(frozen=True)
class TimelineEntry:
    day: date
    kind: str
    title: str
    detail: str
    url: str


def _day(value):
    return timezone.localdate(value) if isinstance(value, datetime) else value


def _newest(queryset, day_field, fields, latest):
    """Read only the fields the timeline shows, newest first, at most `latest` rows."""
    queryset = queryset.only("episode_id", day_field, *fields).order_by(f"-{day_field}", "-pk")
    return list(queryset if latest is None else queryset[:latest])


def patient_timeline(patient, *, episodes, consents, latest=None):
    """Return (entries newest first, whether older ones were left out) of the patient's record.

    `episodes` (with their screening) and `consents` are the ones the patient page already shows; the
    other parts are read in one small query each, at most `latest` rows of each when `latest` is given.
    """
    entries = []
    episode_urls = {episode.pk: episode.get_absolute_url() for episode in episodes}
    consents_url = patient.get_absolute_url() + "#consents"

    def add(day, kind, title, detail, url):
        entries.append(TimelineEntry(_day(day), str(kind), str(title), str(detail), url))

    for episode in episodes:
        url = episode_urls[episode.pk]
        add(episode.started_on, _("Care episode"), episode.main_complaint, episode.get_status_display(), url)
        if episode.discharged_on:
            add(episode.discharged_on, _("Discharge"), episode.main_complaint, "", url)
    for episode in episodes:
        screening = getattr(episode, "screening", None)
        if screening is not None:
            found = len(positive_red_flags(screening))
            detail = _("%(count)s red flag(s)") % {"count": found} if found else _("No red flags")
            add(
                screening.screened_on,
                _("Red-flag screening"),
                detail,
                screening.get_decision_display(),
                episode_urls[episode.pk],
            )
    in_episodes = {"episode_id__in": list(episode_urls)}
    intake_areas = ["area_urinary", "area_bowel", "area_pain", "area_sexual", "area_prolapse"]
    for intake in _newest(Intake.objects.filter(**in_episodes), "taken_on", intake_areas, latest):
        areas = ", ".join(str(area) for area in intake.complaint_areas())
        add(intake.taken_on, _("Intake"), areas, "", episode_urls[intake.episode_id])
    for consent in consents:
        add(consent.given_at, _("Consent given"), consent.get_kind_display(), consent.given_by, consents_url)
        if consent.withdrawn_at:
            add(consent.withdrawn_at, _("Consent withdrawn"), consent.get_kind_display(), "", consents_url)
    assessments = Assessment.objects.filter(**in_episodes)
    for assessment in _newest(assessments, "assessed_on", ["internal_route"], latest):
        route = assessment.get_internal_route_display()
        add(assessment.assessed_on, _("Assessment"), route, "", episode_urls[assessment.episode_id])
    classifications = Classification.objects.filter(**in_episodes)
    for classification in _newest(classifications, "classified_on", ["pelvic_floor_class"], latest):
        add(
            classification.classified_on,
            _("Classification"),
            classification.get_pelvic_floor_class_display(),
            "",
            episode_urls[classification.episode_id],
        )
    measures = OutcomeMeasure.objects.filter(**in_episodes)
    # Measures of one day in the order they were taken, as in the episode's table.
    for measure in _newest(measures, "measured_on", ["kind", "total"], latest)[::-1]:
        add(
            measure.measured_on,
            _("Outcome measure"),
            measure.get_kind_display(),
            floatformat(measure.total, -1),
            episode_urls[measure.episode_id],
        )
    notes = SessionNote.objects.filter(**in_episodes)
    for note in _newest(notes, "session_on", ["signed_at", "subjective"], latest):
        status = _("signed") if note.is_signed else _("draft")
        add(note.session_on, _("Session note"), status, note.subjective[:120], episode_urls[note.episode_id])
    entries.sort(key=lambda entry: entry.day, reverse=True)
    if latest is None or len(entries) <= latest:
        return entries, False
    return entries[:latest], True


NEXT_APPOINTMENTS = 3


def next_appointments(user, *, now=None, **owner) -> list:
    """Return the next planned appointments of one episode (`episode=`) or patient (`episode__patient=`)."""
    upcoming = Appointment.objects.for_user(user).filter(**owner).upcoming(now or timezone.now())
    return list(upcoming.select_related("therapist").order_by("starts_at", "pk")[:NEXT_APPOINTMENTS])


def valid_consent(patient, kind):
    """Return the patient's consent of this kind that holds now, or None."""
    return Consent.objects.filter(patient=patient, kind=kind).valid_on(timezone.now()).order_by("-given_at").first()


# On every tracked scale, PGI-I included (1 is "very much better"), a lower value is better.
LOWER_IS_BETTER = _("Lower is better.")
MEASURE_SCALES = {
    MeasureKind.NRS_PAIN: (0, 10, 2),
    MeasureKind.PSK: (0, 10, 2),
    MeasureKind.PGI_I: (1, 7, 1),
    MeasureKind.ICIQ_UI_SF: (0, 21, 3),
    MeasureKind.PFDI_20: (0, 300, 50),
}


def mids_by_practice(practice_ids) -> dict[int, dict[str, Mid]]:
    """Return each practice's MIDs: its own where its admin set one, the published figure otherwise (1 query)."""
    mids = {practice_id: default_mids() for practice_id in practice_ids}
    for row in MeasureMid.objects.filter(practice_id__in=list(mids)).only("practice_id", "kind", "points", "percent"):
        mids[row.practice_id][row.kind] = Mid(row.points, None if row.percent is None else Decimal(row.percent))
    return mids


def practice_mids(practice_id) -> dict[str, Mid]:
    """Return the MIDs this practice judges improvement by."""
    return mids_by_practice([practice_id])[practice_id]


def episode_measure_changes(measures, mids) -> list:
    """Return the first and latest value of each measure of an episode and whether it improved by its MID."""
    return measure_changes([(measure.kind, measure.measured_on, measure.total) for measure in measures], mids)


def own_measure_changes(user) -> list:
    """Return the measure changes of the patient's latest open care episode, as the portal shows them (2 queries)."""
    measures = list(
        OutcomeMeasure.objects.for_user(user)
        .exclude(episode__status=EpisodeStatus.DISCHARGED)
        .only("episode_id", "kind", "measured_on", "total")
        .order_by("-episode__started_on", "-episode_id", "measured_on", "pk")
    )
    if not measures:
        return []
    latest_episode = [measure for measure in measures if measure.episode_id == measures[0].episode_id]
    return episode_measure_changes(latest_episode, practice_mids(user.practice_id))


def measure_charts(measures, mids=None) -> list[Chart]:
    """Return one chart per outcome measure that has values, on the measure's own scale, a line per source.

    What the patient reported at home is drawn beside what the therapist measured, never mixed into
    it. Each chart marks the score from which the measure counts as improved: the first value less
    the practice's MID (for PGI-I the anchor, "a little better").
    """
    mids = mids or default_mids()
    charts = []
    for kind, label in MeasureKind.choices:
        lines = [
            (
                source_label,
                [
                    (measure.measured_on, measure.total)
                    for measure in measures
                    if (measure.kind, measure.source) == (kind, source)
                ],
            )
            for source, source_label in MeasureSource.choices
        ]
        low, high, step = MEASURE_SCALES[kind]
        line = None
        points = sorted(point for _label, source_points in lines for point in source_points)
        if points:
            line = max(low, min(high, float(improvement_line(kind, points[0][1], mids.get(kind)))))
        chart = line_chart(
            kind,
            label,
            lines,
            low=low,
            high=high,
            step=step,
            note=LOWER_IS_BETTER,
            threshold=line,
            threshold_label=IMPROVED_FROM,
        )
        if chart:
            charts.append(chart)
    return charts


IMPROVED_FROM = _("Improved from here (first value less the minimal important change)")


def latest_pelvic_floor_class(episode):
    """Return a subquery of the latest pelvic floor class of `episode` (an OuterRef), to annotate rows with.

    The program builder reads it with the program rather than in a query of its own.
    """
    latest = Classification.objects.filter(episode=episode).order_by("-classified_on", "-pk")
    return Subquery(latest.values("pelvic_floor_class")[:1])


def latest_perfect(episode):
    """Return the PERFECT numbers of the episode's latest assessment that has them, or None."""
    assessment = episode.assessments.filter(oxford_power__isnull=False).first()
    if assessment is None:
        return None
    return {
        "power": assessment.oxford_power,
        "endurance_seconds": assessment.endurance_seconds,
        "repetitions": assessment.repetitions,
        "fast_contractions": assessment.fast_contractions,
    }
