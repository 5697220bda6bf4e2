"""How long the record is kept: the WGBO asks 20 years from the end of treatment."""

import datetime

RETENTION_YEARS = 20


def add_years(day: datetime.date, years: int) -> datetime.date:
    """Return the same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def kept_until(*, archived_on: datetime.date | None, episodes) -> datetime.date | None:
    """Return the first day the record may be destroyed, or None while treatment goes on.

    The period runs from the end of the last care episode, or from archiving if that came later.
    """
    ends = [episode.discharged_on for episode in episodes if episode.discharged_on]
    still_open = any(episode.discharged_on is None for episode in episodes)
    if archived_on:
        ends.append(archived_on)
    elif still_open or not ends:
        return None
    return add_years(max(ends), RETENTION_YEARS)
