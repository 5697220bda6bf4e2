"""Send the message notices that are due: those the mail server refused earlier and those that waited for the hour.

Run it every few minutes from cron; running it twice, or on two hosts at once, tells nobody twice.
Exits with status 1 when the mail server refused any notice, which then stays due for the next run.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from patients.services.messages import send_message_notices


class Command(BaseCommand):
    help = "E-mail patients and therapists that a secure message waits for them, at most once an hour each."

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):  # the log speaks the practice's language, not the caller's
            sent, failed = send_message_notices()
            self.stdout.write(_("Sent %(sent)s message notices.") % {"sent": sent})
            if failed:
                raise CommandError(
                    _("%(failed)s message notices were not accepted by the mail server; the next run sends them.")
                    % {"failed": failed}
                )
