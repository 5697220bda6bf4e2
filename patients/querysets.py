"""Scoping of clinical records: who may see which patient and episode."""

import datetime

from django.db import models
from django.db.models import Q

from clinic.models import Role


def _scope(queryset, user, *, via=""):
    """Filter a clinical queryset to the user's practice (staff) or own record (patient).

    `via` is the lookup path from the model to Patient ("" for Patient itself, "patient__" for
    models that hang off a patient). Practice admins manage accounts, not clinical records.
    """
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    if user.role == Role.THERAPIST:
        return queryset.filter(**{f"{via}practice_id": user.practice_id})
    if user.role == Role.PATIENT:
        return queryset.filter(**{f"{via}user_id": user.pk})
    return queryset.none()


def parse_search_date(text):
    """Read a date typed as dd-mm-yyyy, dd/mm/yyyy or yyyy-mm-dd; None if it is not one."""
    for pattern in ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


class PatientQuerySet(models.QuerySet):
    def for_user(self, user):
        """Return the patients this user may see."""
        return _scope(self, user)

    def active(self):
        return self.filter(archived_at__isnull=True)

    def search(self, text):
        """Filter on every word of the text matching a name, a BSN or a date of birth (dd-mm-yyyy)."""
        for word in text.split():
            condition = Q(first_name__icontains=word) | Q(last_name__icontains=word)
            if word.isdigit() and len(word) == 9:
                condition |= Q(bsn=word)
            birth_date = parse_search_date(word)
            if birth_date:
                condition |= Q(date_of_birth=birth_date)
            self = self.filter(condition)
        return self


class CareEpisodeQuerySet(models.QuerySet):
    def for_user(self, user):
        """Return the care episodes of the patients this user may see."""
        return _scope(self, user, via="patient__")

    def open(self):
        return self.exclude(status="discharged")


class EpisodeRecordQuerySet(models.QuerySet):
    """Records that hang off a care episode: screening, intake, assessment, measures, notes."""

    def for_user(self, user):
        """Return the records of the patients this user may see."""
        return _scope(self, user, via="episode__patient__")


class ConsentQuerySet(models.QuerySet):
    def for_user(self, user):
        """Return the consents of the patients this user may see."""
        return _scope(self, user, via="patient__")

    def valid_on(self, moment):
        """Return the consents given at or before the moment and not withdrawn by then."""
        return self.filter(given_at__lte=moment).filter(Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=moment))


class RedFlagScreeningQuerySet(EpisodeRecordQuerySet):
    def with_red_flags(self):
        """Return the screenings in which at least one red flag was answered yes."""
        condition = Q()
        for field in self.model.RED_FLAG_FIELDS:
            condition |= Q(**{field: True})
        return self.filter(condition)

    def awaiting_decision(self):
        """Return screenings with a red flag and no decision, or waiting for the GP's clearance."""
        return self.with_red_flags().filter(Q(decision="") | Q(decision="gp_clearance", gp_cleared_on__isnull=True))


class NoteAddendumQuerySet(models.QuerySet):
    def for_user(self, user):
        """Return the addenda of notes of the patients this user may see."""
        return _scope(self, user, via="note__episode__patient__")


class BirthQuerySet(models.QuerySet):
    def for_user(self, user):
        """Return the births recorded in intakes of the patients this user may see."""
        return _scope(self, user, via="intake__episode__patient__")
