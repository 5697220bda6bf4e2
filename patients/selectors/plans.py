"""What the plan's safety rules need, gathered from the record, and the plan's earlier versions."""

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext_lazy as _

from clinic.charts import Chart, line_chart
from patients.choices import PelvicFloorClass
from patients.rules import plans as rules
from patients.rules.record import red_flag_blocks_treatment


def one_to_one(episode, name):
    """Return the episode's screening, intake, plan … or None when it has none yet."""
    try:
        return getattr(episode, name)
    except ObjectDoesNotExist:
        return None


def episode_intake_conditions(episode):
    """Return the conditions of the episode's intake that matter for NSAIDs and dry needling."""
    return rules.intake_conditions(one_to_one(episode, "intake"))


def home_program_strengthening(episode):
    """Return the titles of the strengthening exercises in the episode's current home program.

    Read from the episode's follow-up signals, which the programs app keeps current.
    """
    signals = one_to_one(episode, "signals")
    return signals.strengthening_titles() if signals else []


def episode_warnings(episode):
    """Return the warnings that follow from the record alone: an open red flag, needle fear and NSAID cautions."""
    conditions = episode_intake_conditions(episode)
    return [
        *rules.red_flag_plan_warnings(red_flag_open=red_flag_blocks_treatment(one_to_one(episode, "screening"))),
        *rules.needle_fear_cautions(conditions),
        *rules.nsaid_cautions(conditions),
    ]


def plan_warnings(plan):
    """Return every safety warning that applies to the plan, the blocking ones first, each code once."""
    # The home program matters to the rule only for an overactive floor: read it only then.
    overactive = plan.pelvic_floor_class == PelvicFloorClass.OVERACTIVE
    warnings = [
        *episode_warnings(plan.episode),
        *rules.relaxation_first_warnings(
            pelvic_floor_class=plan.pelvic_floor_class,
            pfmt_focuses=rules.pfmt_focuses(plan.interventions.all()),
            strengthening_exercises=home_program_strengthening(plan.episode) if overactive else [],
        ),
    ]
    for referral in plan.needling_referrals.all():
        warnings += rules.needling_warnings(referral.answers())
    unique = {}
    for warning in warnings:
        unique.setdefault(warning.code, warning)
    return sorted(unique.values(), key=lambda warning: not warning.blocking)


def rows_as_of(model, plan, moment):
    """Return the rows of a plan's goals or interventions as they stood at that moment."""
    latest = model.history.filter(plan_id=plan.pk, history_date__lte=moment).latest_of_each()
    return [row for row in latest.order_by("id") if row.history_type != "-"]


BIOFEEDBACK_CHARTS = [
    ("emg", _("EMG (µV)"), "µV", [("resting_tone_uv", _("Resting tone")), ("peak_uv", _("Peak"))]),
    (
        "pressure",
        _("Pressure (mmHg)"),
        "mmHg",
        [("resting_pressure_mmhg", _("Resting pressure")), ("peak_pressure_mmhg", _("Peak pressure"))],
    ),
    ("relax", _("Time to relax (s)"), "s", [("relax_time_s", _("Time to relax"))]),
]


def biofeedback_charts(sessions) -> list[Chart]:
    """Return one chart per kind of biofeedback reading that the sessions hold."""
    sessions = list(sessions)
    charts = []
    for key, title, unit, fields in BIOFEEDBACK_CHARTS:
        lines = [(label, [(s.session_on, getattr(s, name)) for s in sessions]) for name, label in fields]
        chart = line_chart(key, title, lines, unit=unit)
        if chart:
            charts.append(chart)
    return charts
