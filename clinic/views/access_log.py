"""The practice's access log for its practice admin: the page and the CSV export."""

import csv
import datetime
import itertools

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from clinic.access_log import record_access
from clinic.choices import AccessAction, RecordPart
from clinic.forms import AccessLogFilterForm
from clinic.models import AccessLogEntry
from clinic.pagination import UncountedPaginator
from clinic.views.mixins import PracticeAdminRequiredMixin


class AccessLogMixin(PracticeAdminRequiredMixin):
    """The practice's own access log, filtered the same way for the page and the CSV export."""

    def filtered_entries(self):
        self.filter_form = AccessLogFilterForm(self.request.GET or None, practice=self.request.user.practice)
        entries = AccessLogEntry.objects.for_user(self.request.user).select_related("user")
        return self.filter_form.filter(entries)


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

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(filter_form=self.filter_form, query_string=query.urlencode(), **kwargs)


class Echo:
    """A file-like object whose write hands the line back, for streaming CSV."""

    def write(self, value):
        return value


class AccessLogExportView(AccessLogMixin, View):
    """Download the filtered access log as CSV (times in UTC)."""

    def get(self, request):
        entries = self.filtered_entries()
        record_access(request, action=AccessAction.EXPORT, part=RecordPart.ACCESS_LOG, detail=request.GET.urlencode())
        writer = csv.writer(Echo())
        header = [
            _("when (UTC)"),
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
                entry.occurred_at.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S"),
                entry.user.email if entry.user else "",
                entry.user_role,
                entry.patient_label,
                entry.action,
                entry.part,
                entry.outcome,
                entry.client_ip or "",
                entry.on_behalf_of,
                entry.grounds,
                entry.detail,
            ]
            for entry in entries.iterator(chunk_size=2000)
        )
        lines = (writer.writerow(row) for row in itertools.chain([header], rows))
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="access-log-{stamp}.csv"'
        return response
