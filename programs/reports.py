"""The practice's quality report: per pelvic floor class, what care achieved in a period, in aggregate only.

It lives with the home programs because adherence is theirs and the record's figures come from
patients' public names. A fixed number of queries whatever the size of the practice: the episodes
with their figures annotated in one, the measures, the MIDs, the programs and the logs in one each.
No name, id or single patient's value leaves this module: every figure counts at least
`SMALLEST_CELL` patients or is hidden.
"""

import datetime
import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from patients.choices import AppointmentStatus, ChangeClass, GoalsMet, MeasureKind, PelvicFloorClass
from patients.models import Appointment, CareEpisode, Classification, OutcomeMeasure, RedFlagScreening
from patients.rules.improvement import change_class
from patients.selectors.record import practice_mids
from programs.models import ExerciseLog, HomeProgram

# A figure about fewer patients than this is not shown: it could point to one person.
SMALLEST_CELL = 5
NOT_CLASSIFIED = "unclassified"
PGI_I_SUCCESS = 2  # "much" or "very much better"
# The measures whose change the report gives; PGI-I rates the change itself and has its own column.
CHANGE_KINDS = [kind for kind in MeasureKind.values if kind != MeasureKind.PGI_I]


@dataclass(frozen=True)
class Figure:
    """One cell of the report: a value and how many patients it is about; hidden under SMALLEST_CELL."""

    value: object
    patients: int

    @property
    def hidden(self):
        return 0 < self.patients < SMALLEST_CELL

    @property
    def shown(self):
        return None if self.hidden or self.value is None else self.value


@dataclass
class MeasureFigures:
    kind: str
    median_change: Figure
    share_mid: Figure

    @property
    def label(self):
        return MeasureKind(self.kind).label


@dataclass
class GroupFigures:
    """The figures of one pelvic floor class (or of all episodes together)."""

    key: str
    label: str
    started: Figure
    discharged: Figure
    median_days: Figure
    median_sessions: Figure
    measures: list = field(default_factory=list)
    pgi_success: Figure = None
    adherence: Figure = None
    outcomes: list = field(default_factory=list)
    red_flags_to_gp: Figure = None


def _count(rows):
    patients = len({row["patient_id"] for row in rows})
    return Figure(len(rows), patients)


def _median(values_by_patient):
    """Return the median of (patient, value) pairs, as a Figure about that many patients."""
    values = [value for _patient, value in values_by_patient if value is not None]
    patients = len({patient for patient, value in values_by_patient if value is not None})
    return Figure(Decimal(str(round(statistics.median(values), 1))) if values else None, patients)


def _share(flags_by_patient):
    """Return the percentage of true flags among (patient, flag) pairs, as a Figure about that many patients."""
    flags = [flag for _patient, flag in flags_by_patient]
    patients = len({patient for patient, _flag in flags_by_patient})
    return Figure(round(100 * sum(flags) / len(flags)) if flags else None, patients)


def _episodes(user, start, end):
    """Return the episodes in scope started, discharged or screened in the period, with their figures (1 query)."""
    latest_class = Classification.objects.filter(episode=OuterRef("pk")).order_by("-classified_on", "-pk")
    sessions = (
        Appointment.objects.filter(episode=OuterRef("pk"), status=AppointmentStatus.DONE)
        .order_by()
        .values("episode")
        .annotate(count=Count("pk"))
        .values("count")
    )
    referred = RedFlagScreening.objects.filter(
        episode=OuterRef("pk"), gp_contact_advised=True, screened_on__range=(start, end)
    ).with_red_flags()
    period = Q(started_on__range=(start, end)) | Q(discharged_on__range=(start, end)) | Exists(referred)
    return list(
        CareEpisode.objects.for_quality_report(user)
        .filter(period)
        .annotate(
            pelvic_floor_class=Coalesce(Subquery(latest_class.values("pelvic_floor_class")[:1]), Value(NOT_CLASSIFIED)),
            sessions=Coalesce(Subquery(sessions, output_field=IntegerField()), Value(0)),
            red_flag_to_gp=Exists(referred),
        )
        .values(
            "pk",
            "patient_id",
            "started_on",
            "pelvic_floor_class",
            "sessions",
            "red_flag_to_gp",
            "discharged_on",
            goals_met=F("discharge__goals_met"),
            pgi_i=F("discharge__pgi_i"),
        )
        .order_by()
    )


def _measure_classes(discharged_ids, mids):
    """Return {episode: {kind: (change, class)}} of the first and last value of each measure (1 query)."""
    rows = (
        OutcomeMeasure.objects.filter(episode_id__in=discharged_ids, kind__in=CHANGE_KINDS)
        .order_by("episode_id", "kind", "measured_on", "pk")
        .values_list("episode_id", "kind", "total")
    )
    series: dict = {}
    for episode_id, kind, total in rows:
        series.setdefault(episode_id, {}).setdefault(kind, []).append(total)
    return {
        episode_id: {
            kind: (values[-1] - values[0], change_class(kind, values[0], values[-1], mids.get(kind)))
            for kind, values in kinds.items()
            if len(values) > 1
        }
        for episode_id, kinds in series.items()
    }


def _adherence(discharged):
    """Return {episode: % of the prescribed exercise sessions logged while a program was current} (2 queries)."""
    ends = {row["pk"]: row["discharged_on"] for row in discharged}
    programs = (
        HomeProgram.objects.filter(episode_id__in=list(ends), published_at__isnull=False)
        .annotate(per_week=Sum(F("items__times_per_day") * F("items__days_per_week")))
        .order_by("episode_id", "starts_on", "version")
        .values_list("episode_id", "starts_on", "ends_on", "per_week")
    )
    prescribed: dict = {}
    versions: dict = {}
    for episode_id, starts_on, ends_on, per_week in programs:
        versions.setdefault(episode_id, []).append((starts_on, ends_on, per_week or 0))
    for episode_id, spans in versions.items():
        for number, (starts_on, ends_on, per_week) in enumerate(spans):
            following = spans[number + 1][0] - datetime.timedelta(days=1) if number + 1 < len(spans) else None
            last = min(day for day in (ends_on, following, ends[episode_id]) if day is not None)
            days = (last - starts_on).days + 1
            if days > 0:
                prescribed[episode_id] = prescribed.get(episode_id, 0) + per_week * days / 7
    logged = dict(
        ExerciseLog.objects.filter(item__program__episode_id__in=list(prescribed))
        .order_by()
        .values("item__program__episode_id")
        .annotate(count=Count("pk"))
        .values_list("item__program__episode_id", "count")
    )
    return {
        episode_id: min(100, round(100 * logged.get(episode_id, 0) / due))
        for episode_id, due in prescribed.items()
        if due
    }


def _group(key, label, rows, *, start, end, classes, adherence):
    started = [row for row in rows if start <= row["started_on"] <= end]
    discharged = [row for row in rows if row["discharged_on"] and start <= row["discharged_on"] <= end]
    figures = GroupFigures(
        key=key,
        label=label,
        started=_count(started),
        discharged=_count(discharged),
        median_days=_median(
            [(row["patient_id"], (row["discharged_on"] - row["started_on"]).days) for row in discharged]
        ),
        median_sessions=_median([(row["patient_id"], row["sessions"]) for row in discharged]),
    )
    for kind in CHANGE_KINDS:
        judged = [
            (row["patient_id"], classes[row["pk"]][kind]) for row in discharged if kind in classes.get(row["pk"], {})
        ]
        figures.measures.append(
            MeasureFigures(
                kind,
                _median([(patient, change) for patient, (change, _class) in judged]),
                _share([(patient, result == ChangeClass.IMPROVED) for patient, (_change, result) in judged]),
            )
        )
    rated = [(row["patient_id"], row["pgi_i"] <= PGI_I_SUCCESS) for row in discharged if row["pgi_i"] is not None]
    figures.pgi_success = _share(rated)
    figures.adherence = _median([(row["patient_id"], adherence.get(row["pk"])) for row in discharged])
    for goals, goals_label in GoalsMet.choices:
        matching = [row for row in discharged if row["goals_met"] == goals]
        figures.outcomes.append((goals_label, _count(matching)))
    figures.red_flags_to_gp = _count([row for row in rows if row["red_flag_to_gp"]])
    return figures


@dataclass
class QualityReport:
    start: datetime.date
    end: datetime.date
    groups: list
    total: GroupFigures

    @property
    def columns(self):
        return [*self.groups, self.total]

    @property
    def measure_labels(self):
        return [MeasureKind(kind).label for kind in CHANGE_KINDS]

    def lines(self):
        """Return (label, unit, [Figure per column]) of every figure, as the page, the PDF and the CSV lay it out."""
        columns = self.columns
        lines = [
            (_("Episodes started"), "", [group.started for group in columns]),
            (_("Episodes discharged"), "", [group.discharged for group in columns]),
            (_("Median treatment length (days)"), "", [group.median_days for group in columns]),
            (_("Median number of sessions"), "", [group.median_sessions for group in columns]),
        ]
        for number, label in enumerate(self.measure_labels):
            if not any(group.measures[number].share_mid.patients for group in columns):
                continue  # a measure nobody took twice says nothing
            lines += [
                (
                    format_lazy(_("{measure}: median change from first to last"), measure=label),
                    "",
                    [group.measures[number].median_change for group in columns],
                ),
                (
                    format_lazy(_("{measure}: share improved by at least the MID"), measure=label),
                    "%",
                    [group.measures[number].share_mid for group in columns],
                ),
            ]
        lines += [
            (_("PGI-I at discharge: much or very much better"), "%", [group.pgi_success for group in columns]),
            (_("Median adherence to the home program"), "%", [group.adherence for group in columns]),
        ]
        for number, (_value, label) in enumerate(GoalsMet.choices):
            lines.append((label, "", [group.outcomes[number][1] for group in columns]))
        lines.append((_("Red flags referred to the GP"), "", [group.red_flags_to_gp for group in columns]))
        return lines


def quality_report(user, *, start: datetime.date, end: datetime.date) -> QualityReport:
    """Return the report of the episodes the user may see in aggregate, for the period from `start` to `end`."""
    rows = _episodes(user, start, end)
    discharged = [row for row in rows if row["discharged_on"] and start <= row["discharged_on"] <= end]
    classes = _measure_classes([row["pk"] for row in discharged], practice_mids(user.practice_id))
    adherence = _adherence(discharged)
    figures = {"start": start, "end": end, "classes": classes, "adherence": adherence}
    groups = [
        _group(key, label, [row for row in rows if row["pelvic_floor_class"] == key], **figures)
        for key, label in [*PelvicFloorClass.choices, (NOT_CLASSIFIED, _("Not classified"))]
    ]
    return QualityReport(start, end, groups, _group("all", _("All episodes"), rows, **figures))
