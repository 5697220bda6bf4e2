"""The patient's record in the portal: the downloads, and who opened the record when."""

from django.views import View
from django.views.generic import ListView

from clinic.filters import PeriodFilter
from clinic.models import AccessLogEntry
from clinic.pagination import UncountedPaginator
from clinic.views.mixins import FilteredListMixin
from patients.views.export import RecordExportMixin
from programs.views.portal.mixins import PortalMixin


class PortalRecordExportView(PortalMixin, RecordExportMixin, View):
    """The patient downloads their own whole record."""

    def get(self, request):
        return self.export_response(self.patient)


class PortalRecordView(PortalMixin, FilteredListMixin, ListView):
    """The patient's record page: the downloads, and who opened the record when, for a chosen period."""

    template_name = "programs/portal_record.html"
    context_object_name = "entries"
    paginate_by = 25
    # Every look at the record adds an entry: counting them all for "page 1 of N" would grow with its history.
    paginator_class = UncountedPaginator

    filterset_class = PeriodFilter

    def get_queryset(self):
        entries = AccessLogEntry.objects.for_user(self.request.user).filter(patient=self.patient)
        return self.filtered(entries).select_related("user")

    def get_context_data(self, **kwargs):
        return super().get_context_data(patient=self.patient, **kwargs)
