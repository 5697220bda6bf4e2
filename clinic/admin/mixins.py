"""The rules the admins of the record and of the library keep, written once."""


class ClinicalAdmin:
    """Rows of the record and of the library it draws on: scoped through `for_user`, never deleted here.

    A record is archived, or destroyed on request with `destroy_patient_record`, which logs it; the
    admin's delete would remove rows without a trace. Mix in before `admin.ModelAdmin` or an inline.
    """

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user)

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin:
    """Rows only the app writes (the access log, signed addenda): shown here, never added, changed or deleted."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
