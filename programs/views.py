"""The patient portal: the home program and the patient's own logs."""

from django.views.generic import TemplateView

from clinic.models import Role
from clinic.permissions import RoleRequiredMixin


class PortalHomeView(RoleRequiredMixin, TemplateView):
    """The patient's start page: today's exercises and the next appointment."""

    allowed_roles = (Role.PATIENT,)
    template_name = "programs/portal_home.html"
