"""Send the day-before appointment reminders and the nothing-logged nudges; safe to run more than once."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from patients.choices import ReminderKind
from patients.services.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail patients about tomorrow's appointments and nudge those who logged nothing for 3 days."

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(
            _("Sent %(day_before)s appointment reminders and %(nudges)s nudges.")
            % {"day_before": sent[ReminderKind.DAY_BEFORE], "nudges": sent[ReminderKind.LOG_NUDGE]}
        )
