"""Scoping: what the asking user may see of accounts and the access log, and the rule of every clinical queryset."""

from django.contrib.auth.models import BaseUserManager
from django.db import connection, models
from django.db.models.expressions import RawSQL

from clinic.choices import Role

# Above this many ids an `__in` filter sends them as one array on PostgreSQL: a placeholder per id costs the
# driver more than the query when a refresh covers every episode of the practices.
MANY_IDS = 500


def many_ids(ids):
    """Return the right side of an `__in` filter on these ids: one array parameter on PostgreSQL when they are many."""
    ids = list(ids)
    if connection.vendor == "postgresql" and len(ids) > MANY_IDS:
        return RawSQL("SELECT unnest(%s::bigint[])", [ids])
    return ids


def patient_scope(queryset, user, *, via=""):
    """Filter rows of patient data to the user's practice (therapists) or own record (patients).

    `via` is the lookup path from the model to Patient ("" for Patient itself, "patient__" for
    rows that hang off a patient). Practice admins manage accounts, not clinical records.
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


class PatientDataQuerySet(models.QuerySet):
    """Rows that belong to one patient, reached from the model through `patient_path`."""

    patient_path = "patient"

    def for_user(self, user):
        """Return the rows of the patients this user may see."""
        return patient_scope(self, user, via=f"{self.patient_path}__" if self.patient_path else "")


class UserQuerySet(models.QuerySet):
    def for_user(self, user):
        """Return the accounts this user may manage: a practice admin sees their own practice."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        if user.is_practice_admin:
            return self.filter(practice_id=user.practice_id)
        return self.none()

    def staff(self):
        """Return the accounts that are not patients.

        Named by their roles rather than as "not a patient", so that the (practice, role, last_name) index
        finds the few staff among a practice's thousands of patient accounts instead of reading them all.
        """
        return self.filter(role__in=[role for role in ["", *Role.values] if role != Role.PATIENT])

    def search(self, text):
        """Filter on name or e-mail containing every word of the text."""
        for word in text.split():
            self = self.filter(
                models.Q(first_name__icontains=word)
                | models.Q(last_name__icontains=word)
                | models.Q(email__icontains=word)
            )
        return self


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class AccessLogQuerySet(models.QuerySet):
    """Entries are only ever added: bulk changes and deletes are refused."""

    def update(self, **kwargs):
        raise PermissionError("The access log is append-only.")

    def delete(self):
        raise PermissionError("The access log is append-only.")

    def for_user(self, user):
        """Return the entries this user may read: a practice admin their practice's, a patient those about them."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        if user.is_practice_admin:
            return self.filter(practice_id=user.practice_id)
        if user.is_patient:
            return self.filter(patient__user_id=user.pk)
        return self.none()
