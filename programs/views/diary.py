"""Bladder and bowel diary entry: by the patient in the portal, or by the therapist on the patient's behalf."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from clinic.access_log import record_access
from clinic.choices import AccessAction, RecordPart, Role
from clinic.concurrency import OnceOnlyFormMixin
from clinic.permissions import RoleRequiredMixin
from patients.models import Patient
from programs.forms import BladderEntryForm, BowelEntryForm
from programs.models import BladderEntry, BowelEntry
from programs.services.logs import bladder_entry_create, bowel_entry_create
from programs.views.portal import PatientPortalMixin

DIARIES = {
    "bladder": (BladderEntryForm, bladder_entry_create, RecordPart.BLADDER_DIARY),
    "bowel": (BowelEntryForm, bowel_entry_create, RecordPart.BOWEL_DIARY),
}


class DiaryEntryCreateMixin(FormView):
    """Add one diary line for `self.patient` through the diary's service."""

    template_name = "programs/diary_entry_form.html"
    diary = "bladder"

    def get_form_class(self):
        return DIARIES[self.diary][0]

    def get_context_data(self, **kwargs):
        return super().get_context_data(diary=self.diary, patient=self.patient, **kwargs)

    def form_valid(self, form):
        create = DIARIES[self.diary][1]
        create(entry=form.instance, patient=self.patient, acting_user=self.request.user)
        self.created()
        messages.success(
            self.request, _("Saved in your diary.") if self.request.user.is_patient else _("Saved in the diary.")
        )
        return redirect(self.get_success_url())

    def created(self):
        """Hook run once the line is saved."""


class PortalDiaryView(PatientPortalMixin, TemplateView):
    """The patient's diary: quick buttons and today's lines."""

    template_name = "programs/portal_diary.html"

    def get_context_data(self, **kwargs):
        since = timezone.localdate() - timezone.timedelta(days=2)
        user = self.request.user
        return super().get_context_data(
            bladder=BladderEntry.objects.for_user(user).filter(diary_day__gte=since)[:50],
            bowel=BowelEntry.objects.for_user(user).filter(diary_day__gte=since)[:20],
            **kwargs,
        )


class PortalDiaryEntryCreateView(OnceOnlyFormMixin, PatientPortalMixin, DiaryEntryCreateMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.role == Role.PATIENT:
            self.patient = self.require_patient()
        return super().dispatch(request, *args, **kwargs)

    def get_success_url(self):
        return reverse("programs:portal_diary")


class TherapistDiaryEntryCreateView(OnceOnlyFormMixin, RoleRequiredMixin, DiaryEntryCreateMixin):
    """The therapist writes a diary line the patient reported, e.g. from a paper diary."""

    allowed_roles = (Role.THERAPIST,)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.role == Role.THERAPIST:
            self.patient = get_object_or_404(Patient.objects.for_user(request.user), pk=kwargs["patient_pk"])
        return super().dispatch(request, *args, **kwargs)

    def created(self):
        record_access(
            self.request,
            action=AccessAction.CREATE,
            part=DIARIES[self.diary][2],
            patient=self.patient,
            on_behalf_of=str(self.patient),
        )

    def get_success_url(self):
        return reverse("programs:patient_overview", args=[self.patient.pk])
