"""The form for one line of the bladder or bowel diary, written by the patient or by the therapist for them."""

from django.utils.translation import gettext as _
from django.views.generic import FormView

from clinic.choices import RecordPart
from clinic.views.mixins import ServiceFormMixin
from programs.forms import BladderEntryForm, BowelEntryForm
from programs.services.logs import bladder_entry_create, bowel_entry_create

DIARIES = {
    "bladder": (BladderEntryForm, bladder_entry_create, RecordPart.BLADDER_DIARY),
    "bowel": (BowelEntryForm, bowel_entry_create, RecordPart.BOWEL_DIARY),
}


class DiaryEntryCreateMixin(ServiceFormMixin, FormView):
    """Add one diary line for `self.patient` through the diary's service."""

    template_name = "programs/diary_entry_form.html"
    diary = "bladder"

    @property
    def log_part(self):
        return DIARIES[self.diary][2]

    @property
    def success_message(self):
        return _("Saved in your diary.") if self.request.user.is_patient else _("Saved in the diary.")

    def get_form_class(self):
        return DIARIES[self.diary][0]

    def get_log_patient(self):
        return self.patient

    def get_context_data(self, **kwargs):
        kwargs.setdefault("patient", self.patient)
        return super().get_context_data(diary=self.diary, **kwargs)

    def perform(self, form):
        create = DIARIES[self.diary][1]
        return create(entry=form.instance, patient=self.patient, acting_user=self.request.user)
