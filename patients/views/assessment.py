"""Assessment and classification pages of a care episode."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, UpdateView

from clinic.choices import AccessAction, RecordPart
from clinic.concurrency import OnceOnlyFormMixin
from clinic.views.mixins import LoggedReadMixin, ServiceFormMixin, TherapistRequiredMixin
from patients import services
from patients.forms.assessment import AssessmentForm, ClassificationForm
from patients.models import Assessment, Classification
from patients.rules.record import suggest_classification
from patients.views.mixins import EpisodeChildMixin


class AssessmentScopeMixin(TherapistRequiredMixin):
    model = Assessment
    log_part = RecordPart.ASSESSMENT

    def get_queryset(self):
        return Assessment.objects.for_user(self.request.user).select_related("episode__patient", "therapist")

    def get_log_patient(self):
        return self.object.episode.patient if getattr(self, "object", None) else None

    def get_context_data(self, **kwargs):
        episode = self.object.episode
        return super().get_context_data(episode=episode, patient=episode.patient, **kwargs)


class AssessmentCreateView(OnceOnlyFormMixin, EpisodeChildMixin, ServiceFormMixin, CreateView):
    model = Assessment
    page_title = _("New assessment")
    form_class = AssessmentForm
    log_part = RecordPart.ASSESSMENT
    success_message = _("The assessment has been saved.")

    def get_initial(self):
        return {"assessed_on": timezone.localdate()}

    def perform(self, form):
        return services.assessment_create(episode=self.episode, acting_user=self.request.user, fields=form.cleaned_data)

    def get_success_url(self):
        return self.object.get_absolute_url()


class AssessmentUpdateView(AssessmentScopeMixin, ServiceFormMixin, UpdateView):
    page_title = _("Edit assessment")
    form_class = AssessmentForm
    log_action = AccessAction.UPDATE
    success_message = _("The assessment has been saved.")

    def perform(self, form):
        return services.assessment_update(
            assessment=self.object, acting_user=self.request.user, fields=form.cleaned_data
        )

    def get_success_url(self):
        return self.object.get_absolute_url()


class AssessmentDetailView(AssessmentScopeMixin, LoggedReadMixin, DetailView):
    """The findings of one examination and the classification the app suggests from them."""

    general_fields = [
        "posture",
        "breathing_pattern",
        "pressure_management",
        "hip_mobility",
        "low_back_mobility",
        "scars",
        "ultrasound",
        "surface_emg",
        "uroflowmetry",
        "post_void_residual_ml",
    ]

    def get_context_data(self, **kwargs):
        general = [
            (Assessment._meta.get_field(name).verbose_name, getattr(self.object, name))
            for name in self.general_fields
            if getattr(self.object, name) not in ("", None)
        ]
        return super().get_context_data(suggestion=suggest_classification(self.object), general=general, **kwargs)


class ClassificationCreateView(OnceOnlyFormMixin, EpisodeChildMixin, ServiceFormMixin, CreateView):
    model = Classification
    page_title = _("Classify the pelvic floor")
    form_class = ClassificationForm
    log_part = RecordPart.CLASSIFICATION
    success_message = _("The classification has been recorded.")

    def latest_assessment(self):
        return self.episode.assessments.first()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "episode": self.episode}

    def get_initial(self):
        return {"classified_on": timezone.localdate(), "assessment": self.latest_assessment()}

    def get_context_data(self, **kwargs):
        assessment = self.latest_assessment()
        suggestion = suggest_classification(assessment) if assessment else None
        return super().get_context_data(suggestion=suggestion, suggestion_assessment=assessment, **kwargs)

    def perform(self, form):
        return services.classification_record(
            episode=self.episode, acting_user=self.request.user, fields=form.cleaned_data
        )
