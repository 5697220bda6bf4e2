"""Questionnaires from the therapist's side: sending one from the episode page, or setting up a schedule that sends
it at chosen moments, reading the answers, withdrawing, stopping a schedule."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView

from clinic.choices import AccessAction, RecordPart
from clinic.concurrency import OnceOnlyFormMixin
from clinic.views.mixins import LoggedReadMixin, ServiceActionView, ServiceFormMixin, TherapistRequiredMixin
from patients.forms.questionnaires import QuestionnaireScheduleForm, QuestionnaireSendForm
from patients.models import QuestionnaireAnswer, QuestionnaireAssignment, QuestionnaireSchedule
from patients.services import questionnaires as services
from patients.views.mixins import EpisodeChildMixin


class QuestionnaireSendView(OnceOnlyFormMixin, EpisodeChildMixin, ServiceFormMixin, CreateView):
    """Send a questionnaire to the episode's patient, to fill in at home before a due date."""

    template_name = "patients/questionnaire_send.html"
    form_class = QuestionnaireSendForm
    page_title = _("Send a questionnaire")
    log_part = RecordPart.MEASURES
    success_message = _("The questionnaire has been sent. The patient finds it on the start page of the portal.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def perform(self, form):
        return services.questionnaire_send(
            episode=self.episode,
            version=form.cleaned_data["version"],
            due_on=form.cleaned_data["due_on"],
            acting_user=self.request.user,
        )

    def get_success_url(self):
        return self.episode.get_absolute_url() + "#questionnaires"


class QuestionnaireScheduleCreateView(OnceOnlyFormMixin, EpisodeChildMixin, ServiceFormMixin, CreateView):
    """Set up a schedule that sends one questionnaire at the moments chosen, for as long as the episode runs."""

    template_name = "patients/questionnaire_schedule.html"
    form_class = QuestionnaireScheduleForm
    page_title = _("Schedule a questionnaire")
    log_part = RecordPart.MEASURES
    success_message = _("The schedule has been set up; what is due today has been sent.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def perform(self, form):
        moments = {name: form.cleaned_data[name] for name in form.Meta.fields if name != "version"}
        return services.schedule_create(
            episode=self.episode, version=form.cleaned_data["version"], acting_user=self.request.user, **moments
        )

    def get_success_url(self):
        return self.episode.get_absolute_url() + "#questionnaires"


class QuestionnaireScheduleStopView(TherapistRequiredMixin, ServiceActionView):
    """Stop a schedule; the questionnaires it sent stay."""

    log_part = RecordPart.MEASURES

    def get_queryset(self):
        return QuestionnaireSchedule.objects.for_user(self.request.user).select_related("episode__patient", "version")

    def get_log_patient(self):
        found = getattr(self, "object", None)
        return found.episode.patient if found is not None else None

    def perform(self):
        services.schedule_stop(schedule=self.object, acting_user=self.request.user)
        return _("The schedule has been stopped; nothing more is sent by it.")


class AssignmentScopeMixin(TherapistRequiredMixin):
    log_part = RecordPart.MEASURES

    def get_queryset(self):
        return QuestionnaireAssignment.objects.for_user(self.request.user).select_related(
            "episode__patient", "version", "sent_by"
        )

    def get_log_patient(self):
        found = getattr(self, "object", None)
        return found.episode.patient if found is not None else None


class AssignmentDetailView(AssignmentScopeMixin, LoggedReadMixin, DetailView):
    """The answers the patient gave, question by question, with the score and any warning."""

    template_name = "patients/questionnaire_answers.html"
    context_object_name = "assignment"

    def get_context_data(self, **kwargs):
        answers = {
            answer.item_id: answer
            for answer in QuestionnaireAnswer.objects.filter(assignment=self.object).select_related("option")
        }
        items = self.object.version.items.prefetch_related(Prefetch("options"))
        return super().get_context_data(
            episode=self.object.episode,
            patient=self.object.episode.patient,
            rows=[(item, answers.get(item.pk)) for item in items],
            **kwargs,
        )


class AssignmentWithdrawView(AssignmentScopeMixin, ServiceActionView):
    """Take back a questionnaire the patient has not submitted."""

    log_action = AccessAction.UPDATE

    def perform(self):
        services.assignment_withdraw(assignment=self.object, acting_user=self.request.user)
        return _("The questionnaire has been withdrawn.")

    def get_success_url(self):
        return self.object.episode.get_absolute_url() + "#questionnaires"
