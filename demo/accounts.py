"""The demo practices and their accounts, shared by seed_demo and the README."""

from django.contrib.auth.hashers import make_password
from django.db import transaction

from clinic.choices import Role
from clinic.models import Practice, User
from clinic.names import name_sort_key
from clinic.second_factor import totp_device_with_secret

DEMO_PASSWORD = "bekken-demo-2026"
# The authenticator-app secret of the demo staff, the superuser and patient1 of each practice
# (documented in the README so that a demo and the browser tests can log in).
DEMO_TOTP_SECRET = "BEKKENDEMOSECRETBEKKENDEMOSECRET"
DEMO_PRACTICES = {"noord": "Fysiotherapie Noord", "zuid": "Fysiotherapie Zuid"}
STAFF_ACCOUNTS = [
    ("admin", Role.PRACTICE_ADMIN, "Anne", "Beheer"),
    ("therapist1", Role.THERAPIST, "Eva", "de Vries"),
    ("therapist2", Role.THERAPIST, "Jeroen", "Bakker"),
]
# A large practice gets one more therapist (therapist3, therapist4, …) for every this many patients.
PATIENTS_PER_THERAPIST = 250
EXTRA_THERAPIST_NAMES = [("Lotte", "Willems"), ("Daan", "van Leeuwen"), ("Femke", "Dijkstra"), ("Thomas", "Koning")]
PATIENT_NAMES = [
    ("Sanne", "Jansen"),
    ("Mohamed", "El Amrani"),
    ("Linda", "Visser"),
    ("Pieter", "Smit"),
    ("Fatma", "Yilmaz"),
    ("Kees", "Meijer"),
    ("Joyce", "de Boer"),
    ("Ruud", "Mulder"),
    ("Iris", "de Groot"),
    ("Henk", "Bos"),
    ("Noor", "Vos"),
    ("Bram", "Peters"),
]


def demo_accounts(slug, patient_count):
    """Yield (email, role, first name, last name) for one practice's demo accounts."""
    for local, role, first, last in STAFF_ACCOUNTS:
        yield f"{local}@{slug}.example", role, first, last
    for number in range(3, patient_count // PATIENTS_PER_THERAPIST + 1):
        first, last = EXTRA_THERAPIST_NAMES[number % len(EXTRA_THERAPIST_NAMES)]
        yield f"therapist{number}@{slug}.example", Role.THERAPIST, first, last
    for number in range(1, patient_count + 1):
        first, last = PATIENT_NAMES[(number - 1) % len(PATIENT_NAMES)]
        yield f"patient{number}@{slug}.example", Role.PATIENT, first, last


@transaction.atomic
def seed_accounts(*, patients: int, progress=lambda message: None) -> dict:
    """Create the demo practices and accounts that are missing; return the practices by slug."""
    password = make_password(DEMO_PASSWORD)
    practices = {}
    slugs = list(DEMO_PRACTICES)
    for index, slug in enumerate(slugs):
        practice, _ = Practice.objects.get_or_create(name=DEMO_PRACTICES[slug])
        practices[slug] = practice
        patient_count = patients // len(slugs) + (1 if index < patients % len(slugs) else 0)
        wanted = list(demo_accounts(slug, patient_count))
        existing = set(User.objects.filter(email__in=[email for email, *_ in wanted]).values_list("email", flat=True))
        User.objects.bulk_create(
            [
                User(
                    email=email,
                    role=role,
                    first_name=first,
                    last_name=last,
                    sort_name=name_sort_key(first, last),
                    practice=practice,
                    password=password,
                )
                for email, role, first, last in wanted
                if email not in existing
            ],
            batch_size=2000,
        )
        User.objects.filter(email__in=existing).update(password=password, is_active=True)
        progress(f"{practice}: {len(wanted)} accounts ({len(wanted) - len(existing)} new)")
    if not User.objects.filter(email="superuser@demo.example").exists():
        User.objects.create_superuser("superuser@demo.example", DEMO_PASSWORD, first_name="Super", last_name="User")
    with_authenticator = User.objects.filter(
        email__in=[
            "superuser@demo.example",
            *(f"{local}@{slug}.example" for slug in slugs for local, *_ in STAFF_ACCOUNTS),
            *(f"patient1@{slug}.example" for slug in slugs),
        ]
    )
    for user in with_authenticator:
        totp_device_with_secret(user=user, secret_base32_text=DEMO_TOTP_SECRET)
    return practices
