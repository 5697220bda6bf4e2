"""The Django admin of the clinical record, one module per part; importing them registers their models."""

from patients.admin import followups, messages, plans, record  # noqa: F401
