"""The whole record as a download (GDPR art. 15/20), and the patient's overview of who looked at it."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.views import View
from django.views.generic import ListView

from clinic.access_log import record_access
from clinic.choices import AccessAction, RecordPart
from clinic.forms import AccessPeriodForm
from clinic.models import AccessLogEntry
from patients.documents.export import patient_record_export, record_json, record_pdf
from patients.models import Patient
from patients.views.base import AccessLoggedMixin
from patients.views.followups_portal import PatientMixin

FORMATS = {"json": "application/json; charset=utf-8", "pdf": "application/pdf"}


class RecordExportMixin:
    """Answer with the patient's whole record in the format of the URL, and log the export."""

    format = "json"

    def export_response(self, patient):
        record = patient_record_export(patient)
        if self.format == "pdf":
            content = record_pdf(record, base_url=self.request.build_absolute_uri("/"))
        else:
            content = record_json(record)
        record_access(
            self.request,
            action=AccessAction.EXPORT,
            part=RecordPart.WHOLE_RECORD,
            patient=patient,
            detail=self.format,
        )
        response = HttpResponse(content, content_type=FORMATS[self.format])
        filename = f"record-{slugify(str(patient))}-{timezone.localdate():%Y%m%d}.{self.format}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        return response


class PatientRecordExportView(AccessLoggedMixin, RecordExportMixin, View):
    """A therapist downloads a patient's whole record, e.g. to hand it over at the patient's request."""

    log_part = RecordPart.WHOLE_RECORD

    def get(self, request, pk):
        patient = get_object_or_404(Patient.objects.for_user(request.user).select_related("practice"), pk=pk)
        return self.export_response(patient)


class PortalRecordExportView(PatientMixin, RecordExportMixin, View):
    """The patient downloads their own whole record."""

    def get(self, request):
        return self.export_response(self.patient)


class PortalRecordView(PatientMixin, ListView):
    """The patient's record page: the downloads, and who opened the record when, for a chosen period."""

    template_name = "patients/portal_record.html"
    context_object_name = "entries"
    paginate_by = 25

    @cached_property
    def period_form(self):
        return AccessPeriodForm(self.request.GET or None)

    def get_queryset(self):
        entries = AccessLogEntry.objects.for_user(self.request.user).filter(patient=self.patient)
        return self.period_form.filter(entries).select_related("user")

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            patient=self.patient, period_form=self.period_form, query_string=query.urlencode(), **kwargs
        )
