from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from patients.models import Patient
from patients.services.destruction import destruction_counts, patient_destroy


class Command(BaseCommand):
    help = (
        "Destroy a patient's clinical record on their written request (WGBO art. 7:455). "
        "Without --confirm it only shows what would be removed. The access log is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("--patient", type=int, required=True, help="The patient's id.")
        parser.add_argument("--request-reference", required=True, help="Where the patient's written request is filed.")
        parser.add_argument("--by", required=True, help="E-mail address of the superuser who carries it out.")
        parser.add_argument("--confirm", action="store_true", help="Really destroy the record.")

    def handle(self, *args, **options):
        superuser = get_user_model().objects.filter(email__iexact=options["by"], is_superuser=True).first()
        if superuser is None:
            raise CommandError("--by must name an existing superuser.")
        patient = Patient.objects.filter(pk=options["patient"]).first()
        if patient is None:
            raise CommandError(f"No patient with id {options['patient']}.")
        counts = destruction_counts(patient) if not options["confirm"] else None
        if counts is not None:
            self.stdout.write(f"Would destroy the record of {patient} (id {patient.pk}):")
            for part, number in counts.items():
                self.stdout.write(f"  {part}: {number}")
            self.stdout.write("Run again with --confirm to destroy it. The access log is kept.")
            return
        try:
            removed = patient_destroy(
                patient=patient, request_reference=options["request_reference"], acting_user=superuser
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        total = sum(removed.values())
        self.stdout.write(
            self.style.SUCCESS(f"Destroyed the record of patient {options['patient']}: {total} rows and the patient.")
        )
