import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from demo.accounts import DEMO_PASSWORD, DEMO_TOTP_SECRET, seed_accounts
from demo.bulk_records import seed_bulk_records
from demo.followups import seed_followups
from demo.plans import seed_demo_plans
from demo.programs import seed_programs
from demo.records import seed_records
from programs.services.record import followup_signals_refresh_all


class Command(BaseCommand):
    help = "Load the demo practices Noord and Zuid with their accounts (development only; safe to run twice)."

    def add_arguments(self, parser):
        parser.add_argument("--patients", type=int, default=20, help="number of demo patients over all practices")

    def handle(self, *args, patients, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo only runs with DEBUG on: it creates accounts with a known password.")
        if patients < 0:
            raise CommandError("--patients must be zero or more.")
        started = time.monotonic()
        progress = self._progress(started)
        practices = seed_accounts(patients=patients, progress=progress)
        seed_records(practices, progress=progress)
        seed_bulk_records(practices, progress=progress)
        seed_programs(practices, progress=progress)
        for practice in practices.values():
            seed_demo_plans(practice=practice, progress=progress)
            appointments = seed_followups(practice=practice, refresh_signals=False)
            progress(f"{practice}: {appointments} new follow-up appointments")
        # The bulk inserts skip the services that keep the caseload's signals current.
        followup_signals_refresh_all()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # fresh planner statistics after a bulk load
        progress(f"done: {patients} patients seeded in {time.monotonic() - started:.1f} s")
        self.stdout.write(self.style.SUCCESS(f"Demo data ready. Every demo account's password is: {DEMO_PASSWORD}"))
        self.stdout.write(
            f"Staff, the superuser and patient1 use an authenticator app with the secret {DEMO_TOTP_SECRET}; "
            "the other patients get their login code by e-mail (printed on this console)."
        )

    def _progress(self, started):
        """Return a writer that prefixes each line with the seconds since the start."""

        def write(message):
            self.stdout.write(f"[{time.monotonic() - started:6.1f} s] {message}")
            self.stdout.flush()

        return write
