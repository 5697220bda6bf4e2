"""Outcome measures and SOAP session notes of a care episode, and the practice's minimal important changes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, FormView, UpdateView

from clinic.choices import AccessAction, RecordPart
from clinic.concurrency import OnceOnlyFormMixin, VersionCheckedFormMixin
from clinic.views.mixins import (
    ParentMixin,
    PracticeAdminRequiredMixin,
    ServiceActionView,
    ServiceFormMixin,
    TherapistRequiredMixin,
    add_service_error,
)
from patients import services
from patients.choices import MeasureKind
from patients.forms.progress import MEASURE_ITEMS, AddendumForm, MeasureMidsForm, SessionNoteForm, measure_form_class
from patients.models import NoteAddendum, SessionNote
from patients.selectors.record import practice_mids
from patients.views.mixins import EpisodeChildMixin


class MeasureCreateView(OnceOnlyFormMixin, EpisodeChildMixin, ServiceFormMixin, CreateView):
    template_name = "patients/outcomemeasure_form.html"
    log_part = RecordPart.MEASURES
    success_message = gettext_lazy("The measure has been recorded.")

    def dispatch(self, request, *args, **kwargs):
        if kwargs["kind"] not in MEASURE_ITEMS:
            raise Http404
        self.kind = MeasureKind(kwargs["kind"])
        return super().dispatch(request, *args, **kwargs)

    @property
    def page_title(self):
        return self.kind.label

    def get_form_class(self):
        return measure_form_class(self.kind)

    def get_form_kwargs(self):
        intake = getattr(self.episode, "intake", None)
        activities = [activity for activity, _score in intake.psk_items()] if intake else []
        return {**super().get_form_kwargs(), "psk_activities": activities, "episode": self.episode}

    def get_initial(self):
        return {"measured_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(kind=self.kind, **kwargs)

    def perform(self, form):
        return services.measure_record(
            episode=self.episode, kind=self.kind, acting_user=self.request.user, fields=form.cleaned_data
        )

    def get_success_url(self):
        return self.episode.get_absolute_url() + "#measures"


class NoteCreateView(OnceOnlyFormMixin, EpisodeChildMixin, ServiceFormMixin, CreateView):
    model = SessionNote
    page_title = gettext_lazy("New session note")
    form_class = SessionNoteForm
    log_part = RecordPart.SESSION_NOTE
    success_message = gettext_lazy("The draft note has been saved. Sign it when it is complete.")

    def get_initial(self):
        return {"session_on": timezone.localdate()}

    def perform(self, form):
        return services.note_create(episode=self.episode, acting_user=self.request.user, fields=form.cleaned_data)

    def get_success_url(self):
        return self.object.get_absolute_url()


class NoteScopeMixin(TherapistRequiredMixin):
    model = SessionNote
    log_part = RecordPart.SESSION_NOTE

    def get_queryset(self):
        return SessionNote.objects.for_user(self.request.user).select_related("episode__patient", "author")

    def get_log_patient(self):
        return self.object.episode.patient if getattr(self, "object", None) else None

    def get_context_data(self, **kwargs):
        episode = self.object.episode
        return super().get_context_data(episode=episode, patient=episode.patient, **kwargs)

    def get_success_url(self):
        return self.object.get_absolute_url()


class NoteUpdateView(VersionCheckedFormMixin, NoteScopeMixin, ServiceFormMixin, UpdateView):
    """Change a draft note; a signed note shows why it cannot change."""

    form_class = SessionNoteForm
    page_title = gettext_lazy("Edit draft note")
    log_action = AccessAction.UPDATE
    success_message = gettext_lazy("The draft note has been saved.")

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.object.is_signed:
            messages.info(request, _("This note is signed and cannot be changed. Add an addendum instead."))
            return redirect("patients:addendum_create", note_pk=self.object.pk)
        return response

    def perform(self, form):
        seen_version = self.seen_version(form)
        return services.note_update(
            note=self.object, acting_user=self.request.user, seen_version=seen_version, fields=form.cleaned_data
        )


class NoteSignView(NoteScopeMixin, ServiceActionView):
    """Sign a draft note (POST only)."""

    log_detail = "sign"

    def perform(self):
        services.note_sign(note=self.object, acting_user=self.request.user)
        return _("The note has been signed.")


class AddendumCreateView(OnceOnlyFormMixin, TherapistRequiredMixin, ParentMixin, ServiceFormMixin, CreateView):
    model = NoteAddendum
    page_title = gettext_lazy("Add an addendum")
    form_class = AddendumForm
    log_part = RecordPart.SESSION_NOTE
    parent_kwarg = "note_pk"
    success_message = gettext_lazy("The addendum has been signed and added.")

    def get_parent_queryset(self):
        return SessionNote.objects.for_user(self.request.user).select_related("episode__patient", "author")

    @property
    def note(self):
        return self.parent

    def get_log_patient(self):
        return self.note.episode.patient

    def get_context_data(self, **kwargs):
        note = self.note
        return super().get_context_data(note=note, episode=note.episode, patient=note.episode.patient, **kwargs)

    def perform(self, form):
        return services.addendum_add(note=self.note, acting_user=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return self.note.get_absolute_url()


class MeasureMidsView(PracticeAdminRequiredMixin, FormView):
    """The practice admin sets the minimal important change by which every page judges improvement."""

    form_class = MeasureMidsForm
    template_name = "patients/measuremids_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "mids": practice_mids(self.request.user.practice_id)}

    def form_valid(self, form):
        try:
            services.measure_mids_update(
                practice=self.request.user.practice, mids=form.mids(), acting_user=self.request.user
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The minimal important changes are saved."))
        return redirect("patients:measure_mids")
