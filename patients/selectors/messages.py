"""Reads of secure messages: a conversation's messages, and the caseload's messages awaiting an answer."""

from patients.choices import EpisodeStatus
from patients.models import Conversation, Message
from patients.selectors.followups import Worklist, first_of

# The latest messages a conversation page shows; the whole conversation is in the record's download.
MESSAGES_SHOWN = 200


def conversation_of(user, episode) -> Conversation | None:
    """Return the episode's conversation as the user may see it, or None before its first message."""
    return Conversation.objects.for_user(user).filter(episode=episode).first()


def latest_messages(user, conversation: Conversation | None, limit=MESSAGES_SHOWN) -> tuple[list[Message], bool]:
    """Return the conversation's latest messages, oldest first, with their authors, and whether older ones exist."""
    if conversation is None:
        return [], False
    rows = list(
        Message.objects.for_user(user)
        .filter(conversation=conversation)
        .select_related("author")
        .order_by("-sent_at", "-pk")[: limit + 1]
    )
    return rows[:limit][::-1], len(rows) > limit


def unanswered_messages(user, limit) -> Worklist:
    """Return the caseload's conversations whose patient waits for an answer, the longest wait first (one query)."""
    conversations = (
        Conversation.objects.for_user(user)
        .awaiting_answer()
        .filter(episode__therapist=user, episode__patient__archived_at__isnull=True)
        .exclude(episode__status=EpisodeStatus.DISCHARGED)
        .select_related("episode__patient")
        .only(
            "awaiting_answer_since",
            "episode__main_complaint",
            "episode__patient__first_name",
            "episode__patient__last_name",
        )
        .order_by("awaiting_answer_since", "pk")
    )
    return first_of(conversations, limit)
