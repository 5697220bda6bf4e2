"""The pages `make bench` drives, each with the user whose role uses it."""

from clinic.models import Role, User


def main_pages():
    """Return (name, user, path) for each main page, on the Noord demo practice."""
    admin = User.objects.get(email="admin@noord.example")
    return [
        ("reference", admin, "/bench/reference/"),
        ("account list", admin, "/accounts/"),
        ("account search", admin, "/accounts/?q=jansen&role=" + Role.PATIENT),
    ]
