"""The practice's quality report: per pelvic floor class or complaint pattern, what care achieved in a period.

It lives with the home programs because adherence is theirs and the record's figures come from
patients' public names. Aggregated only: no name, id or single patient's value leaves this module, and
every figure counts at least `SMALLEST_CELL` patients or is hidden, together with a second cell where
the hidden one could otherwise be worked out from the total (`secondary_suppression`).

Computed in the database in one set-based statement (besides the MIDs): the scoped episodes are built by
the ORM (so `for_quality_report` stays the one place of access), the first and last value of each measure
come from a window over the measures index, and every median, share and count is an aggregate. We chose
this over storing each episode's first and last value on write: the report then needs no second copy of
the measures to keep in step (the demo and the imports write measures in bulk, past the services), and a
practice's changed MID applies at once. All arithmetic is exact on both databases: scores are compared in
tenths as integers, medians are of integers (percentile_cont on PostgreSQL, the middle rows of a window on
SQLite) and only divided and rounded here, as Decimals.
"""

import datetime
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_EVEN, Decimal

from django.db import connection, transaction
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from patients.choices import AppointmentStatus, ComplaintPattern, GoalsMet, MeasureKind, PelvicFloorClass
from patients.models import Appointment, CareEpisode, Classification, OutcomeMeasure, RedFlagScreening
from patients.selectors.record import practice_mids
from programs.choices import ReportDimension
from programs.models import ExerciseLog, HomeProgram, ProgramItem

# A figure about fewer patients than this is not shown: it could point to one person.
SMALLEST_CELL = 5
NOT_CLASSIFIED = "unclassified"
ALL = "all"
PGI_I_SUCCESS = 2  # "much" or "very much better"
# The measures whose change the report gives; PGI-I rates the change itself and has its own column.
CHANGE_KINDS = [kind for kind in MeasureKind.values if kind != MeasureKind.PGI_I]


@dataclass(frozen=True)
class Figure:
    """One cell of the report: a value and how many patients it is about; hidden under SMALLEST_CELL.

    `suppressed` hides a cell that is large enough itself but would let a hidden one be worked out.
    """

    value: object
    patients: int
    suppressed: bool = False

    @property
    def hidden(self):
        return self.suppressed or 0 < self.patients < SMALLEST_CELL

    @property
    def shown(self):
        return None if self.hidden or self.value is None else self.value


def secondary_suppression(patients: list[int], hidden: list[bool] | None = None) -> list[bool]:
    """Return which cells of a group that adds up (parts and their total) to hide, given their patient counts.

    A cell about 1 to 4 patients is hidden (and those in `hidden` already are); while exactly one cell of
    the group is hidden it can be worked out from the others by subtraction, so the smallest shown cell
    about any patient is hidden too.
    """
    hidden = [0 < count < SMALLEST_CELL or bool(hidden and hidden[number]) for number, count in enumerate(patients)]
    while sum(hidden) == 1:
        candidates = [(count, number) for number, count in enumerate(patients) if count and not hidden[number]]
        if not candidates:
            break
        hidden[min(candidates)[1]] = True
    return hidden


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
    """The figures of one column: a pelvic floor class or complaint pattern, or all episodes together."""

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


def _episodes(user, start, end, dimension):
    """Return the SQL and parameters of the episodes in scope started, discharged or screened in the period."""
    latest = Classification.objects.filter(episode=OuterRef("pk")).order_by("-classified_on", "-pk")
    if dimension == ReportDimension.COMPLAINT_PATTERN:
        latest = latest.exclude(main_pattern="").values("main_pattern")
    else:
        latest = latest.values("pelvic_floor_class")
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
    episodes = (
        CareEpisode.objects.for_quality_report(user)
        .filter(period)
        .annotate(
            grp=Coalesce(Subquery(latest[:1]), Value(NOT_CLASSIFIED)),
            sessions=Coalesce(Subquery(sessions, output_field=IntegerField()), Value(0)),
            red_flag=Exists(referred),
        )
        .values(
            "grp",
            "sessions",
            "red_flag",
            "started_on",
            "discharged_on",
            "patient_id",
            episode_id=F("pk"),
            goals_met=F("discharge__goals_met"),
            pgi_i=F("discharge__pgi_i"),
        )
        .order_by()
    )
    return episodes.query.sql_with_params()


def _days(later, earlier):
    """Return SQL for the whole days from `earlier` to `later` on this database."""
    if connection.vendor == "postgresql":
        return f"({later} - {earlier})"
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


def _least(*parts):
    return f"{'LEAST' if connection.vendor == 'postgresql' else 'MIN'}({', '.join(parts)})"


def _mids_sql(mids):
    """Return SQL rows (kind, points and percent in tenths and whole percents) of the MIDs, and their parameters."""
    rows, params = [], []
    for kind in CHANGE_KINDS:
        mid = mids[kind]
        rows.append("SELECT %s AS kind, CAST(%s AS INTEGER) AS points10, CAST(%s AS INTEGER) AS percent")
        params += [kind, int(mid.points * 10), None if mid.percent is None else int(mid.percent)]
    return " UNION ALL ".join(rows), params


def _report_sql(episodes_sql, start, end, mids_sql):
    """Return one statement: (column, figure, rows, patients, flags, median) for every figure of every column."""
    measures = OutcomeMeasure._meta.db_table
    programs, items, logs = HomeProgram._meta.db_table, ProgramItem._meta.db_table, ExerciseLog._meta.db_table
    if connection.vendor == "postgresql":
        median = "percentile_cont(0.5) WITHIN GROUP (ORDER BY value)"
        ranked = "SELECT *, 0 AS rn, 0 AS cnt FROM both_figures"
    else:  # SQLite has no percentile_cont: the mean of the one or two middle rows of a window
        median = "AVG(CASE WHEN rn IN ((cnt + 1) / 2, (cnt + 2) / 2) THEN value END)"
        ranked = (
            "SELECT *, ROW_NUMBER() OVER (PARTITION BY grp, figure ORDER BY value) AS rn, "
            "COUNT(value) OVER (PARTITION BY grp, figure) AS cnt FROM both_figures"
        )
    change_kinds = ", ".join(["%s"] * len(CHANGE_KINDS))
    logged = (
        f"SELECT COUNT(*) FROM {logs} l JOIN {items} i ON i.id = l.item_id "  # noqa: S608
        f"JOIN {programs} hp ON hp.id = i.program_id WHERE hp.episode_id = pr.episode_id"
    )
    program_days = _least(
        f"COALESCE({_days('p.ends_on', 'p.starts_on')} + 1, {_days('p.discharged_on', 'p.starts_on')} + 1)",
        f"COALESCE({_days('p.next_start', 'p.starts_on')}, {_days('p.discharged_on', 'p.starts_on')} + 1)",
        f"{_days('p.discharged_on', 'p.starts_on')} + 1",
    )
    # Only table names, this module's own fragments and the ORM's compiled SQL go in; every value is a parameter.
    sql = f"""
    WITH episodes AS ({episodes_sql}),
    marked AS (
        SELECT episodes.*,
            CASE WHEN started_on BETWEEN %s AND %s THEN 1 ELSE 0 END AS started_in,
            CASE WHEN discharged_on BETWEEN %s AND %s THEN 1 ELSE 0 END AS discharged_in
        FROM episodes
    ),
    discharged AS (SELECT * FROM marked WHERE discharged_in = 1),
    mids AS ({mids_sql}),
    ends AS (
        SELECT d.grp, d.patient_id, m.episode_id, m.kind, m.total,
            ROW_NUMBER() OVER (PARTITION BY m.episode_id, m.kind ORDER BY m.measured_on, m.id) AS from_first,
            ROW_NUMBER() OVER (PARTITION BY m.episode_id, m.kind ORDER BY m.measured_on DESC, m.id DESC) AS from_last
        FROM {measures} m JOIN discharged d ON d.episode_id = m.episode_id
        WHERE m.kind IN ({change_kinds})
    ),
    changes AS (
        SELECT grp, patient_id, kind,
            CAST(ROUND(MAX(CASE WHEN from_first = 1 THEN total END) * 10) AS INTEGER) AS first10,
            CAST(ROUND(MAX(CASE WHEN from_last = 1 THEN total END) * 10) AS INTEGER) AS last10
        FROM ends WHERE from_first = 1 OR from_last = 1
        GROUP BY episode_id, kind, grp, patient_id HAVING COUNT(*) = 2
    ),
    judged AS (
        SELECT c.grp, c.patient_id, c.kind, c.last10 - c.first10 AS change10,
            CASE WHEN c.first10 - c.last10 >= mids.points10
                OR (mids.percent IS NOT NULL AND c.first10 <> 0
                    AND (c.first10 - c.last10) * 100 >= ABS(c.first10) * mids.percent)
            THEN 1 ELSE 0 END AS improved
        FROM changes c JOIN mids ON mids.kind = c.kind
    ),
    spans AS (
        SELECT p.episode_id, p.grp, p.patient_id, p.per_week, {program_days} AS days
        FROM (
            SELECT hp.episode_id, d.grp, d.patient_id, hp.starts_on, hp.ends_on, d.discharged_on,
                LEAD(hp.starts_on) OVER (PARTITION BY hp.episode_id ORDER BY hp.starts_on, hp.version) AS next_start,
                (SELECT COALESCE(SUM(i.times_per_day * i.days_per_week), 0) FROM {items} i WHERE i.program_id = hp.id)
                    AS per_week
            FROM {programs} hp JOIN discharged d ON d.episode_id = hp.episode_id
            WHERE hp.published_at IS NOT NULL
        ) p
    ),
    prescribed AS (
        SELECT episode_id, grp, patient_id, CAST(SUM(per_week * days) AS BIGINT) AS due7
        FROM spans WHERE days > 0 GROUP BY episode_id, grp, patient_id
    ),
    adherence AS (
        SELECT pr.grp, pr.patient_id,
            {_least("100", f"(1400 * ({logged}) + pr.due7) / (2 * pr.due7)")} AS percent
        FROM prescribed pr
        WHERE pr.due7 > 0
    ),
    figures AS (
        SELECT grp, 'started' AS figure, patient_id, CAST(NULL AS INTEGER) AS value, 0 AS flag
            FROM marked WHERE started_in = 1
        UNION ALL SELECT grp, 'discharged', patient_id, CAST(NULL AS INTEGER), 0 FROM discharged
        UNION ALL SELECT grp, 'days', patient_id, {_days("discharged_on", "started_on")}, 0 FROM discharged
        UNION ALL SELECT grp, 'sessions', patient_id, sessions, 0 FROM discharged
        UNION ALL SELECT grp, 'change:' || kind, patient_id, change10, 0 FROM judged
        UNION ALL SELECT grp, 'mid:' || kind, patient_id, CAST(NULL AS INTEGER), improved FROM judged
        UNION ALL SELECT grp, 'pgi_i', patient_id, CAST(NULL AS INTEGER), CASE WHEN pgi_i <= %s THEN 1 ELSE 0 END
            FROM discharged WHERE pgi_i IS NOT NULL
        UNION ALL SELECT grp, 'adherence', patient_id, percent, 0 FROM adherence
        UNION ALL SELECT grp, 'goals:' || goals_met, patient_id, CAST(NULL AS INTEGER), 0
            FROM discharged WHERE goals_met IS NOT NULL
        UNION ALL SELECT grp, 'red_flag', patient_id, CAST(NULL AS INTEGER), 0 FROM marked WHERE red_flag
    ),
    both_figures AS (
        SELECT grp, figure, patient_id, value, flag FROM figures
        UNION ALL SELECT %s, figure, patient_id, value, flag FROM figures
    ),
    ranked AS ({ranked})
    SELECT grp, figure, COUNT(*), COUNT(DISTINCT patient_id), SUM(flag), {median}
    FROM ranked GROUP BY grp, figure
    """  # noqa: S608
    days = [connection.ops.adapt_datefield_value(day) for day in (start, end, start, end)]
    return sql, [*days, *CHANGE_KINDS, PGI_I_SUCCESS, ALL]


def _figures(user, start, end, dimension):
    """Return {(column, figure): (rows, patients, flags, median)} from one statement."""
    episodes_sql, episodes_params = _episodes(user, start, end, dimension)
    mids_sql, mids_params = _mids_sql(practice_mids(user.practice_id))
    sql, params = _report_sql(episodes_sql, start, end, mids_sql)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The planner's guess for the correlated subqueries is far too high and would compile the statement
            # (JIT), which costs more than running it; only for this statement's transaction.
            cursor.execute("SET LOCAL jit = off")
        cursor.execute(sql, [*episodes_params, *params[:4], *mids_params, *params[4:]])
        return {(grp, figure): tuple(rest) for grp, figure, *rest in cursor.fetchall()}


def _median(raw, scale=1):
    """Return a median from the database (of integers, so exact), divided by `scale`, to one decimal."""
    if raw is None:
        return None
    value = (Decimal(str(raw)) / scale).quantize(Decimal("0.1"), rounding=ROUND_HALF_EVEN)
    return value.to_integral_value() if value == value.to_integral_value() else value


def _group(key, label, figures):
    def get(name):
        return figures.get((key, name), (0, 0, 0, None))

    def count(name):
        rows, patients, _flags, _median_value = get(name)
        return Figure(rows, patients)

    def median(name, scale=1):
        _rows, patients, _flags, value = get(name)
        return Figure(_median(value, scale), patients)

    def share(name):
        rows, patients, flags, _median_value = get(name)
        return Figure(round(100 * flags / rows) if rows else None, patients)

    return GroupFigures(
        key=key,
        label=label,
        started=count("started"),
        discharged=count("discharged"),
        median_days=median("days"),
        median_sessions=median("sessions"),
        measures=[MeasureFigures(kind, median(f"change:{kind}", 10), share(f"mid:{kind}")) for kind in CHANGE_KINDS],
        pgi_success=share("pgi_i"),
        adherence=median("adherence"),
        outcomes=[(goals_label, count(f"goals:{goals}")) for goals, goals_label in GoalsMet.choices],
        red_flags_to_gp=count("red_flag"),
    )


@dataclass
class Line:
    """One line of the report: a label, a unit and a figure per column; `key` names it for the charts."""

    label: str
    unit: str
    figures: list
    key: str = ""


@dataclass
class QualityReport:
    start: datetime.date
    end: datetime.date
    groups: list
    total: GroupFigures
    dimension: str = ReportDimension.PELVIC_FLOOR_CLASS
    lines: list = field(default_factory=list)

    @property
    def columns(self):
        return [*self.groups, self.total]

    @property
    def measure_labels(self):
        return [MeasureKind(kind).label for kind in CHANGE_KINDS]

    def line(self, key):
        return next((line for line in self.lines if line.key == key), None)


def _lines(columns):
    """Return the report's lines as the page, the PDF and the CSV lay them out, before suppression."""
    lines = [
        Line(_("Episodes started"), "", [group.started for group in columns], "started"),
        Line(_("Episodes discharged"), "", [group.discharged for group in columns], "discharged"),
        Line(_("Median treatment length (days)"), "", [group.median_days for group in columns]),
        Line(_("Median number of sessions"), "", [group.median_sessions for group in columns]),
    ]
    for number, kind in enumerate(CHANGE_KINDS):
        if not any(group.measures[number].share_mid.patients for group in columns):
            continue  # a measure nobody took twice says nothing
        label = MeasureKind(kind).label
        lines += [
            Line(
                format_lazy(_("{measure}: median change from first to last"), measure=label),
                "",
                [group.measures[number].median_change for group in columns],
            ),
            Line(
                format_lazy(_("{measure}: share improved by at least the MID"), measure=label),
                "%",
                [group.measures[number].share_mid for group in columns],
                f"mid:{kind}",
            ),
        ]
    lines += [
        Line(_("PGI-I at discharge: much or very much better"), "%", [group.pgi_success for group in columns]),
        Line(_("Median adherence to the home program"), "%", [group.adherence for group in columns]),
    ]
    for number, (goals, label) in enumerate(GoalsMet.choices):
        lines.append(Line(label, "", [group.outcomes[number][1] for group in columns], f"goals:{goals}"))
    lines.append(Line(_("Red flags referred to the GP"), "", [group.red_flags_to_gp for group in columns]))
    return lines


def _suppress(figures):
    hide = secondary_suppression([figure.patients for figure in figures], [figure.hidden for figure in figures])
    return [
        replace(figure, suppressed=True) if hidden and not figure.hidden else figure
        for figure, hidden in zip(figures, hide, strict=True)
    ]


def suppress_lines(lines):
    """Hide, besides the small cells, what would let one be worked out by subtraction.

    Across a line the columns add up to the total column; down a column the goal outcomes add up to the
    episodes discharged. Both are suppressed until neither has exactly one hidden cell.
    """
    outcomes = [line for line in lines if line.key.startswith("goals:")]
    discharged = next(line for line in lines if line.key == "discharged")
    for _round in range(len(lines) * len(lines[0].figures)):
        before = [[figure.hidden for figure in line.figures] for line in lines]
        for line in lines:
            line.figures = _suppress(line.figures)
        for column in range(len(discharged.figures)):
            group = [*outcomes, discharged]
            for line, figure in zip(group, _suppress([line.figures[column] for line in group]), strict=True):
                line.figures[column] = figure
        if before == [[figure.hidden for figure in line.figures] for line in lines]:
            break
    return lines


def _column_labels(dimension):
    if dimension == ReportDimension.COMPLAINT_PATTERN:
        return [*ComplaintPattern.choices, (NOT_CLASSIFIED, _("Not recorded"))]
    return [*PelvicFloorClass.choices, (NOT_CLASSIFIED, _("Not classified"))]


def quality_report(
    user, *, start: datetime.date, end: datetime.date, dimension: str = ReportDimension.PELVIC_FLOOR_CLASS
) -> QualityReport:
    """Return the report of the episodes the user may see in aggregate, for the period from `start` to `end`.

    A column without any episode is left out; the total column is always there.
    """
    figures = _figures(user, start, end, dimension)
    present = {grp for grp, _figure in figures}
    groups = [_group(key, label, figures) for key, label in _column_labels(dimension) if key in present]
    total = _group(ALL, _("All episodes"), figures)
    report = QualityReport(start, end, groups, total, dimension)
    report.lines = suppress_lines(_lines(report.columns))
    return report
