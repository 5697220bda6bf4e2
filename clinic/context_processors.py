"""Template context shared by every page."""

from django.utils.translation import gettext_lazy as _

from clinic.choices import Role
from clinic.second_factor import second_factor_suffices

NAVIGATION = {
    Role.PRACTICE_ADMIN: [
        ("clinic:account_list", _("Accounts")),
        ("clinic:access_log", _("Access log")),
        ("clinic:practice_update", _("Practice details")),
        ("programs:quality_report", _("Quality report")),
        ("programs:exercise_list", _("Exercise library")),
        ("programs:template_list", _("Program templates")),
    ],
    Role.THERAPIST: [
        ("patients:dashboard", _("Caseload")),
        ("patients:patient_list", _("Patients")),
        ("patients:agenda", _("Agenda")),
        ("programs:quality_report", _("Quality report")),
        ("programs:exercise_list", _("Exercise library")),
    ],
    Role.PATIENT: [
        ("portal:home", _("My program")),
        ("portal:week", _("My week")),
        ("portal:appointments", _("My appointments")),
        ("portal:diary", _("Diary")),
        ("portal:messages", _("Messages")),
        ("portal:record", _("My record")),
    ],
}


def navigation(request):
    """Offer each role only the menu items it may use, once both login steps are done."""
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated and second_factor_suffices(user))
    role = getattr(user, "role", None) if signed_in else None
    return {"nav_items": NAVIGATION.get(role, []), "signed_in": signed_in}
