"""Writes of SOAP session notes: drafts change, signed notes only get addenda."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic.concurrency import refuse_if_changed
from clinic.models import User
from clinic.services import save_validated
from patients.models import NoteAddendum, SessionNote


def _refuse_if_signed(note):
    if note.is_signed:
        raise ValidationError(_("This note is signed and cannot be changed. Add an addendum instead."))


def note_create(*, episode, acting_user: User, fields: dict) -> SessionNote:
    """Write a draft note of a session."""
    return save_validated(SessionNote(episode=episode, author=acting_user), fields)


@transaction.atomic
def note_update(*, note: SessionNote, acting_user, seen_version: str | None = None, fields: dict) -> SessionNote:
    """Change a draft note; a signed note, or one changed since `seen_version`, is refused."""
    locked = SessionNote.objects.select_for_update().get(pk=note.pk)
    _refuse_if_signed(locked)
    refuse_if_changed(locked, seen_version)
    if note.author_id != acting_user.pk:
        raise ValidationError(_("Only the author can change a draft note."))
    return save_validated(locked, fields)


@transaction.atomic
def note_sign(*, note: SessionNote, acting_user) -> SessionNote:
    """Sign a draft note, after which it can no longer change."""
    locked = SessionNote.objects.select_for_update().get(pk=note.pk)
    if locked.is_signed:
        raise ValidationError(_("This note was already signed."))
    if locked.author_id != acting_user.pk:
        raise ValidationError(_("Only the author can sign a note."))
    locked.signed_at = timezone.now()
    return save_validated(locked)


def addendum_add(*, note: SessionNote, text: str, acting_user) -> NoteAddendum:
    """Add a signed, timestamped correction or addition to a signed note."""
    if not note.is_signed:
        raise ValidationError(_("Change the draft itself; addenda are for signed notes."))
    return save_validated(NoteAddendum(note=note, author=acting_user, signed_at=timezone.now()), {"text": text})
