from django.core.management.base import BaseCommand

from programs.services.record import followup_signals_refresh_all


class Command(BaseCommand):
    help = "Recompute the follow-up signals of every open care episode (after a restore or a bulk load)."

    def handle(self, *args, **options):
        count = followup_signals_refresh_all()
        self.stdout.write(f"Follow-up signals of {count} care episodes recomputed.")
