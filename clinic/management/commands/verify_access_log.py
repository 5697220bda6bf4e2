from django.core.management.base import BaseCommand, CommandError

from clinic.access_chain import first_broken_link
from clinic.models import AccessLogEntry


class Command(BaseCommand):
    help = "Check the access log's hash chains and report the first entry that breaks one."

    def handle(self, *args, **options):
        broken = first_broken_link()
        if broken:
            entry_id, reason = broken
            raise CommandError(f"Access log broken at entry {entry_id}: {reason}.")
        self.stdout.write(self.style.SUCCESS(f"Access log intact: {AccessLogEntry.objects.count()} entries verified."))
