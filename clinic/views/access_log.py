"""The practice's access log for its practice admin: the page and the CSV export."""

from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from clinic.access_log import part_label, record_access
from clinic.choices import AccessAction, AccessOutcome, RecordPart, Role, choice_label
from clinic.filters import AccessLogFilter
from clinic.models import AccessLogEntry
from clinic.pagination import UncountedPaginator
from clinic.spreadsheet import csv_lines
from clinic.views.mixins import FilteredListMixin, PracticeAdminRequiredMixin


class AccessLogMixin(PracticeAdminRequiredMixin, FilteredListMixin):
    """The practice's own access log, filtered the same way for the page and the CSV export."""

    filterset_class = AccessLogFilter

    def get_filterset_kwargs(self):
        return {"practice": self.request.user.practice}

    def filtered_entries(self):
        return self.filtered(AccessLogEntry.objects.for_user(self.request.user).select_related("user"))


# What a row of the access-log page shows; the hashes, grounds and details are for the CSV export.
ACCESS_LOG_COLUMNS = [
    "occurred_at",
    "user_role",
    "patient_label",
    "action",
    "part",
    "outcome",
    "client_ip",
    "user__first_name",
    "user__last_name",
    "user__email",
]


class AccessLogListView(AccessLogMixin, ListView):
    template_name = "clinic/accesslog_list.html"
    paginate_by = 50
    paginator_class = UncountedPaginator

    def get_queryset(self):
        return self.filtered_entries().only(*ACCESS_LOG_COLUMNS)


class AccessLogExportView(AccessLogMixin, View):
    """Download the filtered access log as CSV, in the downloader's language and the practice's local time.

    A filter that is not valid sends the admin back to the page that says why: an export that left
    the filter out would hold more than was asked for.
    """

    def get(self, request):
        entries = self.filtered_entries()
        if not self.filterset.is_valid():
            return redirect(reverse("clinic:access_log") + "?" + request.GET.urlencode())
        record_access(request, action=AccessAction.EXPORT, part=RecordPart.ACCESS_LOG, detail=request.GET.urlencode())
        header = [
            _("when"),
            _("user"),
            _("role"),
            _("patient"),
            _("action"),
            _("part of the record"),
            _("outcome"),
            _("client IP"),
            _("on behalf of"),
            _("grounds"),
            _("detail"),
        ]
        rows = (
            [
                timezone.localtime(entry.occurred_at).isoformat(sep=" ", timespec="seconds"),
                entry.user.email if entry.user else "",
                choice_label(Role, entry.user_role),
                entry.patient_label,
                choice_label(AccessAction, entry.action),
                part_label(entry.part),
                choice_label(AccessOutcome, entry.outcome),
                entry.client_ip or "",
                entry.on_behalf_of,
                entry.grounds,
                entry.detail,
            ]
            for entry in entries.iterator(chunk_size=2000)
        )
        response = StreamingHttpResponse(csv_lines(header, rows), content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="access-log-{stamp}.csv"'
        return response
