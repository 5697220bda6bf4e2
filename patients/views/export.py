"""The whole record as a download (GDPR art. 15/20), for the therapist and, through the portal, the patient."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import slugify
from django.views import View

from clinic.access_log import record_access
from clinic.choices import AccessAction, RecordPart
from clinic.views.mixins import TherapistRequiredMixin
from patients.documents.export import patient_record_export, record_json, record_pdf
from patients.documents.fhir import fhir_json, patient_record_fhir
from patients.models import Patient

FORMATS = {
    "json": "application/json; charset=utf-8",
    "pdf": "application/pdf",
    "fhir": "application/fhir+json; fhirVersion=4.0; charset=utf-8",
}
# The file name's ending for each format: the FHIR bundle is JSON too, named so that it is told apart.
EXTENSIONS = {"json": "json", "pdf": "pdf", "fhir": "fhir.json"}


class RecordExportMixin:
    """Answer with the patient's whole record in the format of the URL, and log the export."""

    format = "json"

    def export_response(self, patient):
        base_url = self.request.build_absolute_uri("/")
        if self.format == "fhir":
            content = fhir_json(patient_record_fhir(patient, base_url=base_url))
        elif self.format == "pdf":
            content = record_pdf(patient_record_export(patient), base_url=base_url)
        else:
            content = record_json(patient_record_export(patient))
        record_access(
            self.request,
            action=AccessAction.EXPORT,
            part=RecordPart.WHOLE_RECORD,
            patient=patient,
            detail=self.format,
        )
        response = HttpResponse(content, content_type=FORMATS[self.format])
        filename = f"record-{slugify(str(patient))}-{timezone.localdate():%Y%m%d}.{EXTENSIONS[self.format]}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        return response


class PatientRecordExportView(TherapistRequiredMixin, RecordExportMixin, View):
    """A therapist downloads a patient's whole record, e.g. to hand it over at the patient's request."""

    log_part = RecordPart.WHOLE_RECORD

    def get(self, request, pk):
        patient = get_object_or_404(Patient.objects.for_user(request.user).select_related("practice"), pk=pk)
        return self.export_response(patient)
