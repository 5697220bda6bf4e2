"""The home-program sections of the record's patient page and episode page (registered in ProgramsConfig.ready)."""

from django.utils import timezone

from patients.extensions import Panel
from programs.selectors import (
    adherence_by_week,
    bladder_by_day,
    patient_summary_context,
    programs_in_use,
    progress_charts,
)

MAX_CHART_WEEKS = 26


def weeks_under_way(episode) -> int:
    """Return the number of calendar weeks from the episode's start until today, at most half a year."""
    return max(1, min(MAX_CHART_WEEKS, (timezone.localdate() - episode.started_on).days // 7 + 1))


def patient_programs(user, patient) -> Panel:
    """The patient's programs of every episode, with adherence, pain and diaries."""
    return Panel(
        "programs/_patient_panel.html",
        {"programs": programs_in_use(user, episode__patient=patient), **patient_summary_context(patient)},
    )


def episode_programs(user, episode) -> Panel:
    """The episode's program and its progress charts."""
    return Panel(
        "programs/_episode_panel.html",
        {
            "programs": programs_in_use(user, episode=episode),
            "progress_charts": progress_charts(
                adherence_by_week(episode.patient, weeks=weeks_under_way(episode)), bladder_by_day(episode.patient)
            ),
        },
    )
