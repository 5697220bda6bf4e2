"""Messages to the GP: composed from the record, edited as a draft, signed and stored as sent, with consent.

A signed message stays as it was sent: this service refuses changes, the admin shows it read-only, and a
database trigger (migration patients 0016) refuses an update of its text.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic.models import User
from clinic.services import save_validated
from patients.choices import ConsentKind, LetterStatus
from patients.documents.letters import compose_letter, recipient_label
from patients.models import CareEpisode, GPLetter
from patients.selectors.record import valid_consent
from patients.services.signals import episode_signals_refresh


def data_sharing_consent(patient):
    """Return the patient's consent to share data with the GP, or refuse when there is none."""
    consent = valid_consent(patient, ConsentKind.GP_DATA_SHARING)
    if consent is None:
        raise ValidationError(
            _("The patient has not consented to sharing data with the GP: record that consent before writing a letter.")
        )
    return consent


def letter_compose(*, episode: CareEpisode, kind: str, acting_user: User) -> GPLetter:
    """Write a draft letter composed from the record, for the therapist to edit."""
    consent = data_sharing_consent(episode.patient)
    subject, body = compose_letter(episode=episode, kind=kind, author=acting_user)
    letter = GPLetter(
        episode=episode,
        kind=kind,
        recipient=recipient_label(episode.patient),
        subject=subject,
        body=body,
        data_sharing_consent=consent,
        author=acting_user,
    )
    save_validated(letter)
    return letter


def letter_update(*, letter: GPLetter, recipient: str, subject: str, body: str, acting_user: User) -> GPLetter:
    """Change a draft letter; a signed letter stays as it was sent."""
    if GPLetter.objects.filter(pk=letter.pk, status=LetterStatus.SENT).exists() or letter.is_sent:
        raise ValidationError(_("This letter was signed and sent and can no longer be changed."))
    letter.recipient = recipient
    letter.subject = subject
    letter.body = body
    save_validated(letter)
    return letter


@transaction.atomic
def letter_send(*, letter: GPLetter, acting_user: User) -> GPLetter:
    """Sign a draft letter and store it as sent, provided the patient's consent still holds."""
    letter = GPLetter.objects.select_for_update().select_related("episode__patient").get(pk=letter.pk)
    if letter.is_sent:
        raise ValidationError(_("This letter was already sent."))
    letter.data_sharing_consent = data_sharing_consent(letter.episode.patient)
    letter.status = LetterStatus.SENT
    letter.sent_at = timezone.now()
    save_validated(letter)
    # A signed message is no longer due.
    episode_signals_refresh(episode_ids=[letter.episode_id], acting_user=acting_user)
    return letter
