"""Scoping of treatment-plan records: everything that hangs off a plan follows the plan's patient."""

from django.db import models

from patients.querysets import _scope


class PlanRecordQuerySet(models.QuerySet):
    """Records that hang off a treatment plan: goals, interventions, sessions, referrals, overrides."""

    def for_user(self, user):
        """Return the plan records of the patients this user may see."""
        return _scope(self, user, via="plan__episode__patient__")
