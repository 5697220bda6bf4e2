import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clinic.access_chain import checkpoint_problems, first_broken_link
from clinic.models import AccessLogEntry


class Command(BaseCommand):
    help = (
        "Check the access log's hash chains and report the first entry that breaks one; with --checkpoint, "
        "also that the log still reaches the chain ends a checkpoint recorded (nothing removed from the end)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--checkpoint", help="A file written by write_access_log_checkpoint or downloaded.")

    def handle(self, *args, checkpoint=None, **options):
        broken = first_broken_link()
        if broken:
            entry_id, reason = broken
            raise CommandError(f"Access log broken at entry {entry_id}: {reason}.")
        if checkpoint:
            try:
                saved = json.loads(Path(checkpoint).read_text(encoding="utf-8"))
                problems = checkpoint_problems(saved)
            except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
                raise CommandError(f"Not a readable checkpoint: {checkpoint} ({error}).") from error
            if problems:
                raise CommandError("Access log does not match the checkpoint: " + "; ".join(problems) + ".")
        self.stdout.write(self.style.SUCCESS(f"Access log intact: {AccessLogEntry.objects.count()} entries verified."))
