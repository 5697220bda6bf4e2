"""The Django admin of accounts and the access log; the site itself is `clinic.sites`, its shared rules `mixins`."""

from clinic.admin import access_log, accounts  # noqa: F401
