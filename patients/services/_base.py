"""Shared steps of the record's writes."""


def save_with_fields(instance, fields: dict):
    """Set the given fields on the instance, validate it fully (constraints too) and save it."""
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance
