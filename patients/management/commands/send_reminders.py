"""The daily run: reminders, nudges and removing old one-time form tokens; safe to run more than once."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from clinic.services import form_submissions_purge
from patients.choices import ReminderKind
from patients.services.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail patients about tomorrow's appointments, nudge those who logged nothing for 3 days, "
        "and remove one-time form tokens older than a day."
    )

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(
            _("Sent %(day_before)s appointment reminders and %(nudges)s nudges.")
            % {"day_before": sent[ReminderKind.DAY_BEFORE], "nudges": sent[ReminderKind.LOG_NUDGE]}
        )
        purged = form_submissions_purge()
        self.stdout.write(_("Removed %(count)s one-time form tokens older than a day.") % {"count": purged})
