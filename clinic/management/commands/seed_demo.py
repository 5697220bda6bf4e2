from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clinic.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, seed_accounts
from patients.demo import seed_records
from patients.demo_followups import seed_followups
from patients.demo_plans import seed_demo_plans
from programs.demo import seed_programs


class Command(BaseCommand):
    help = "Load the demo practices Noord and Zuid with their accounts (development only; safe to run twice)."

    def add_arguments(self, parser):
        parser.add_argument("--patients", type=int, default=20, help="number of demo patients over all practices")

    def handle(self, *args, patients, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo only runs with DEBUG on: it creates accounts with a known password.")
        if patients < 0:
            raise CommandError("--patients must be zero or more.")
        practices = seed_accounts(patients=patients, progress=self.stdout.write)
        seed_records(practices, progress=self.stdout.write)
        seed_programs(practices, progress=self.stdout.write)
        for practice in practices.values():
            seed_demo_plans(practice=practice, progress=self.stdout.write)
            appointments = seed_followups(practice=practice)
            self.stdout.write(f"{practice}: {appointments} new follow-up appointments")
        self.stdout.write(self.style.SUCCESS(f"Demo data ready. Every demo account's password is: {DEMO_PASSWORD}"))
        self.stdout.write(
            f"Staff, the superuser and patient1 use an authenticator app with the secret {DEMO_TOTP_SECRET}; "
            "the other patients get their login code by e-mail (printed on this console)."
        )
