"""Care episodes: opening one, its page with every part of the record, and changing its status."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, UpdateView

from clinic.choices import AccessAction, RecordPart
from clinic.concurrency import OnceOnlyFormMixin
from clinic.views.mixins import LoggedReadMixin, ServiceFormMixin, TherapistRequiredMixin
from patients import services
from patients.choices import MeasureKind
from patients.extensions import episode_panels, panels_for
from patients.forms.patient import EpisodeForm, EpisodeUpdateForm
from patients.forms.progress import MEASURE_ITEMS
from patients.models import CareEpisode, NoteAddendum
from patients.rules.record import red_flag_warnings, suggest_classification, treatment_may_start
from patients.selectors.pain_map import episode_pain_maps, open_pain_map_request
from patients.selectors.questionnaires import episode_questionnaires, episode_schedules
from patients.selectors.record import episode_measure_changes, measure_charts, next_appointments, practice_mids
from patients.services.episode import screening_of
from patients.views.mixins import PatientChildMixin

# The latest session notes the episode page shows; all of them are one link away, and on paper.
NOTES_LATEST = 10


class EpisodeScopeMixin(TherapistRequiredMixin):
    model = CareEpisode
    log_part = RecordPart.EPISODE
    context_object_name = "episode"

    def get_queryset(self):
        return CareEpisode.objects.for_user(self.request.user).select_related("patient", "therapist")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "practice": self.request.user.practice}


class EpisodeCreateView(OnceOnlyFormMixin, PatientChildMixin, EpisodeScopeMixin, ServiceFormMixin, CreateView):
    page_title = _("New care episode")
    form_class = EpisodeForm
    success_message = _("The care episode has been opened. Start with the red-flag screening.")

    def get_initial(self):
        return {"therapist": self.request.user, "started_on": timezone.localdate()}

    def perform(self, form):
        return services.episode_create(patient=self.patient, acting_user=self.request.user, fields=form.cleaned_data)

    def get_success_url(self):
        return self.object.get_absolute_url()


class EpisodeUpdateView(EpisodeScopeMixin, ServiceFormMixin, UpdateView):
    page_title = _("Edit care episode")
    form_class = EpisodeUpdateForm
    log_action = AccessAction.UPDATE
    success_message = _("The care episode has been saved.")

    def perform(self, form):
        return services.episode_update(episode=self.object, acting_user=self.request.user, fields=form.cleaned_data)

    def get_success_url(self):
        return self.object.get_absolute_url()


class EpisodeDetailView(EpisodeScopeMixin, LoggedReadMixin, DetailView):
    """Everything recorded in one care episode, in the order of the care pathway; `?print=1` prints it."""

    @property
    def read_action(self):
        return AccessAction.PRINT if self.request.GET.get("print") else AccessAction.READ

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related(
                "screening",
                "screening__screened_by",
                "intake",
                "intake__taken_by",
                "plan",
                "discharge",
                "conversation",
                "signals",
            )
        )

    def get_context_data(self, **kwargs):
        episode = self.object
        screening = screening_of(episode)
        intake = getattr(episode, "intake", None)
        assessments = list(episode.assessments.select_related("therapist"))
        measures = list(episode.measures.select_related("recorded_by"))
        mids = practice_mids(episode.patient.practice_id)
        printing = bool(self.request.GET.get("print"))
        notes = episode.notes.select_related("author").prefetch_related(
            Prefetch("addenda", queryset=NoteAddendum.objects.select_related("author"))
        )
        whole_notes = printing or self.request.GET.get("notes") == "all"
        # The latest notes and one more, to tell whether older ones are left out; a print holds them all.
        notes = list(notes if whole_notes else notes[: NOTES_LATEST + 1])
        notes_cut = len(notes) > NOTES_LATEST and not whole_notes
        return super().get_context_data(
            patient=episode.patient,
            screening=screening,
            red_flag_warnings=red_flag_warnings(screening),
            treatment_may_start=treatment_may_start(referral_type=episode.patient.referral_type, screening=screening),
            intake=intake,
            births=list(intake.births.all()) if intake else [],
            assessments=[(assessment, suggest_classification(assessment)) for assessment in assessments],
            classifications=episode.classifications.select_related("therapist"),
            consents=episode.patient.consents.select_related("recorded_by"),
            measures=measures,
            charts=measure_charts(measures, mids),
            measure_changes=episode_measure_changes(measures, mids),
            measure_kinds=[(kind, label) for kind, label in MeasureKind.choices if kind in MEASURE_ITEMS],
            questionnaires=episode_questionnaires(self.request.user, episode),
            schedules=episode_schedules(self.request.user, episode),
            today=timezone.localdate(),
            notes=notes[:NOTES_LATEST] if notes_cut else notes,
            notes_cut=notes_cut,
            notes_latest=NOTES_LATEST,
            pain_maps=episode_pain_maps(self.request.user, episode),
            pain_map_request=open_pain_map_request(self.request.user, episode),
            pain_scale=range(11),
            next_appointments=next_appointments(self.request.user, episode=episode),
            conversation=getattr(episode, "conversation", None),
            panels=panels_for(episode_panels, self.request.user, episode),
            printing=printing,
            gp_message=getattr(episode, "signals", None),
            **kwargs,
        )
