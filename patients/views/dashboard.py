"""Therapist pages of the clinical record."""

from django.views.generic import TemplateView

from clinic.models import Role
from clinic.permissions import RoleRequiredMixin


class DashboardView(RoleRequiredMixin, TemplateView):
    """The therapist's caseload: open episodes and screenings awaiting a decision."""

    allowed_roles = (Role.THERAPIST,)
    template_name = "patients/dashboard.html"
