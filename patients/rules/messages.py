"""When secure messages may be written and when a side is told of one by e-mail: plain values in, yes or no out."""

import datetime

from patients.choices import EpisodeStatus

# At most one e-mail per hour per conversation and per side told: a busy exchange is not a stream of mail.
NOTICE_INTERVAL = datetime.timedelta(hours=1)


def conversation_open(episode_status: str) -> bool:
    """Say whether new messages may be written: only while the episode has not been discharged."""
    return episode_status != EpisodeStatus.DISCHARGED


def notice_due(
    *, due_since: datetime.datetime | None, last_sent_at: datetime.datetime | None, now: datetime.datetime
) -> bool:
    """Say whether a side should be e-mailed now: a message waits for it and it was not e-mailed in the last hour."""
    if due_since is None:
        return False
    return last_sent_at is None or now - last_sent_at >= NOTICE_INTERVAL
