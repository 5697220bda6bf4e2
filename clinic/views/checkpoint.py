"""The practice admin's download of a signed checkpoint of the practice's access log."""

from django.http import JsonResponse
from django.utils import timezone
from django.views import View

from clinic.access_chain import checkpoint
from clinic.access_log import record_access
from clinic.choices import AccessAction, RecordPart
from clinic.views.mixins import PracticeAdminRequiredMixin


class AccessLogCheckpointView(PracticeAdminRequiredMixin, View):
    """Hand the practice admin the signed end of the practice's chain, to keep where the database cannot reach.

    Logged first, so the checkpoint ends with its own download.
    """

    def get(self, request):
        record_access(request, action=AccessAction.EXPORT, part=RecordPart.ACCESS_LOG, detail="checkpoint")
        response = JsonResponse(checkpoint(practice_id=request.user.practice_id), json_dumps_params={"indent": 2})
        filename = f"access-log-checkpoint-{timezone.now():%Y%m%dT%H%M%SZ}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        return response
