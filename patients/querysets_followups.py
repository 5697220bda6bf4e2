"""Scoping and filters of follow-up records: appointments, calendar feeds, reminder settings."""

import datetime

from django.db import models
from django.utils import timezone

from patients.querysets import _scope


def local_day_bounds(day):
    """Return the aware start of the day and of the next day in the practice's time zone."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    return start, end


class AppointmentQuerySet(models.QuerySet):
    def for_user(self, user):
        """Return the appointments of the patients this user may see."""
        return _scope(self, user, via="episode__patient__")

    def planned(self):
        return self.filter(status="planned")

    def occupying(self):
        """Return the appointments that take up the therapist's time."""
        return self.filter(status__in=["planned", "done"])

    def overlapping(self, *, therapist, starts_at, ends_at):
        """Return the appointments of this therapist that overlap the given span."""
        return self.occupying().filter(therapist=therapist, starts_at__lt=ends_at, ends_at__gt=starts_at)

    def on_days(self, first_day, last_day):
        """Return the appointments starting on the days from first_day to last_day (local time)."""
        start, _next = local_day_bounds(first_day)
        _start, end = local_day_bounds(last_day)
        return self.filter(starts_at__gte=start, starts_at__lt=end)

    def overdue(self, now):
        """Return planned appointments that have ended without being closed."""
        return self.planned().filter(ends_at__lte=now)

    def upcoming(self, now):
        return self.planned().filter(ends_at__gt=now)

    def with_people(self):
        return self.select_related("episode__patient", "therapist")


class PatientRecordQuerySet(models.QuerySet):
    """Records that hang directly off a patient."""

    def for_user(self, user):
        """Return the records of the patients this user may see."""
        return _scope(self, user, via="patient__")
