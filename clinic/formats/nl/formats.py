"""Dutch dates in one form, 02-12-2026, wherever a short date is shown (Django's own is 2-12-2026)."""

SHORT_DATE_FORMAT = "d-m-Y"
SHORT_DATETIME_FORMAT = "d-m-Y H:i"
