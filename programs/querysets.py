"""Scoping of the library, programs, logs and diaries: who may see which rows."""

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language

from clinic.choices import Role
from clinic.querysets import PatientDataQuerySet
from programs.choices import ProgramStatus


def in_page_language(name):
    """Return which column of a field kept in Dutch and English ("title_nl", "title_en") the page shows."""
    return f"{name}_nl" if (get_language() or "").startswith("nl") else f"{name}_en"


def _staff(user):
    return user.is_authenticated and user.is_active and user.role in (Role.THERAPIST, Role.PRACTICE_ADMIN)


class ExerciseQuerySet(models.QuerySet):
    def for_user(self, user):
        """Return the built-in library plus the practice's own exercises, for the practice's staff."""
        if user.is_authenticated and user.is_superuser:
            return self
        if not _staff(user):
            return self.none()
        return self.filter(Q(practice__isnull=True) | Q(practice_id=user.practice_id))

    def editable_by(self, user):
        """Return the exercises this user may change: the practice's own, never the built-in ones."""
        if not _staff(user):
            return self.none()
        return self.filter(practice_id=user.practice_id)

    def builtin(self):
        return self.filter(practice__isnull=True)

    def by_title(self):
        """Order by kind, then by title in the language of the page."""
        return self.order_by("kind", in_page_language("title"), "pk")


class ProgramTemplateQuerySet(models.QuerySet):
    def for_user(self, user):
        """Return the practice's templates for its staff."""
        if user.is_authenticated and user.is_superuser:
            return self
        if not _staff(user):
            return self.none()
        return self.filter(practice_id=user.practice_id)

    def annotate_item_count(self):
        return self.annotate(item_count=models.Count("items"))


class ProgramScopedQuerySet(PatientDataQuerySet):
    """Rows of home programs: a patient never sees a draft, only what the therapist published."""

    status_path = ""

    def for_user(self, user):
        """Return the rows of the patients this user may see; for a patient, none of a draft."""
        scoped = super().for_user(user)
        if user.is_authenticated and user.role == Role.PATIENT:
            scoped = scoped.exclude(**{self.status_path: ProgramStatus.DRAFT})
        return scoped


class HomeProgramQuerySet(ProgramScopedQuerySet):
    patient_path = "episode__patient"
    status_path = "status"

    def current(self):
        return self.filter(status=ProgramStatus.ACTIVE)


class ProgramItemQuerySet(ProgramScopedQuerySet):
    patient_path = "program__episode__patient"
    status_path = "program__status"


class ExerciseLogQuerySet(PatientDataQuerySet):
    """The exercise logs, each of one patient."""


class DiaryQuerySet(PatientDataQuerySet):
    """The bladder and bowel diary lines, each of one patient."""
