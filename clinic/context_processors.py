"""Template context shared by every page."""

from django.utils.translation import gettext_lazy as _

from clinic.models import Role

NAVIGATION = {
    Role.PRACTICE_ADMIN: [("clinic:account_list", _("Accounts"))],
    Role.THERAPIST: [("patients:dashboard", _("Caseload")), ("patients:agenda", _("Agenda"))],
    Role.PATIENT: [("programs:portal_home", _("My program")), ("patient_portal:appointments", _("My appointments"))],
}


def navigation(request):
    """Offer each role only the menu items it may use."""
    user = getattr(request, "user", None)
    role = getattr(user, "role", None)
    return {"nav_items": NAVIGATION.get(role, [])}
