"""Appointments as iCalendar: one event to download, or the patient's whole feed."""

import datetime
import zoneinfo

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from patients.choices import AppointmentKind, AppointmentStatus

# Kinds worth naming in a calendar because the patient does not travel; the others stay neutral.
REMOTE_KINDS = (AppointmentKind.PHONE, AppointmentKind.VIDEO)
FEED_LOOKBACK = datetime.timedelta(days=90)


def _event(appointment, *, practice_name: str, zone, host: str) -> Event:
    event = Event()
    event.add("uid", f"appointment-{appointment.pk}@{host}")
    event.add("dtstamp", appointment.updated_at.astimezone(datetime.UTC))
    event.add("sequence", int(appointment.updated_at.timestamp()) % 2**31)
    event.add("dtstart", appointment.starts_at.astimezone(zone))
    event.add("dtend", appointment.ends_at.astimezone(zone))
    event.add("summary", _("Appointment at %(practice)s") % {"practice": practice_name})
    if appointment.kind in REMOTE_KINDS:
        event.add("description", appointment.get_kind_display())
    cancelled = appointment.status == AppointmentStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    return event


def appointments_calendar(appointments, *, patient, host: str, name: str = "") -> bytes:
    """Return an iCalendar file with the appointments, in the practice's time zone and the patient's language."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    practice_name = patient.practice.name
    with translation.override(patient.language):
        calendar = Calendar()
        calendar.add("prodid", f"-//{practice_name}//{_('Appointments')}//{patient.language.upper()}")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        if name:
            calendar.add("x-wr-calname", name)
            calendar.add("x-wr-timezone", settings.TIME_ZONE)
        for appointment in appointments:
            calendar.add_component(_event(appointment, practice_name=practice_name, zone=zone, host=host))
        calendar.add_missing_timezones()
    return calendar.to_ical()
