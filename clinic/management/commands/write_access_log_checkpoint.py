"""Write a signed checkpoint of the end of every access-log chain to a file of its own."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from clinic.access_chain import checkpoint


class Command(BaseCommand):
    help = (
        "Write the last id and hash of every access-log chain, signed, to a new file in --directory; "
        "verify_access_log --checkpoint FILE later shows whether entries were removed from the end."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory", required=True, help="Where to write; best on another machine than the database."
        )

    def handle(self, *args, directory, **options):
        saved = checkpoint()
        path = Path(directory) / f"access-log-checkpoint-{timezone.now():%Y%m%dT%H%M%S%fZ}.json"
        try:
            # A new file each time ("x"): an earlier checkpoint is never overwritten.
            with path.open("x", encoding="utf-8") as file:
                json.dump(saved, file, indent=2)
        except OSError as error:
            raise CommandError(f"Could not write the checkpoint: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Checkpoint of {len(saved['chains'])} chains written to {path}."))
