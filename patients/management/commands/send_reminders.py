"""The daily run: scheduled questionnaires, reminders, nudges and removing old one-time form tokens; safe to run
more than once.

Exits with status 1 when the mail server refused or missed any reminder, so that cron reports it; those
reminders stay due and go out at the next run, which counts them as retried.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from clinic.services import form_submissions_purge
from patients.choices import ReminderKind
from patients.services.questionnaires import schedules_run
from patients.services.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Send the questionnaires that schedules have due today, e-mail patients about tomorrow's appointments and "
        "questionnaires due tomorrow, nudge those who logged nothing for 3 days, and remove one-time form tokens "
        "older than a day."
    )

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):  # the log speaks the practice's language, not the caller's
            self._run()

    def _run(self):
        scheduled = schedules_run()
        self.stdout.write(_("Sent %(count)s scheduled questionnaires.") % {"count": scheduled})
        run = send_reminders()
        self.stdout.write(
            _("Sent %(day_before)s appointment reminders and %(nudges)s nudges.")
            % {"day_before": run.sent[ReminderKind.DAY_BEFORE], "nudges": run.sent[ReminderKind.LOG_NUDGE]}
        )
        self.stdout.write(
            _("Sent %(sent)s questionnaire notices and %(due)s questionnaire reminders.")
            % {"sent": run.sent[ReminderKind.QUESTIONNAIRE_SENT], "due": run.sent[ReminderKind.QUESTIONNAIRE_DUE]}
        )
        self.stdout.write(
            _("Retried %(retried)s reminders that an earlier run could not send.") % {"retried": run.retried}
        )
        purged = form_submissions_purge()
        self.stdout.write(_("Removed %(count)s one-time form tokens older than a day.") % {"count": purged})
        if run.failed:
            raise CommandError(
                _("%(failed)s reminders were not accepted by the mail server; the next run sends them.")
                % {"failed": run.failed}
            )
